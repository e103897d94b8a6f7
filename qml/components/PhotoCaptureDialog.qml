pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtMultimedia
import ReleaseDesk

// Takes a checklist line's photo evidence with the camera (issue 12): the preview, one button, and
// the picture handed to the session's photos, which shrink it (1600 px, JPEG) and keep it under its
// hash. `taken` gives the line its evidence, "photo:sha256:<hex>".
Dialog {
    id: root
    required property AppSession session
    signal taken(string evidence)
    modal: true
    title: qsTr("Photo evidence")
    standardButtons: Dialog.Cancel
    property string problem

    MediaDevices {
        id: devices
    }
    CaptureSession {
        camera: Camera {
            id: camera
            active: root.visible && devices.videoInputs.length > 0
        }
        imageCapture: ImageCapture {
            id: capture
            onImageSaved: (requestId, path) => {
                const evidence = root.session.photos.keepFile(path)
                if (evidence.length > 0) {
                    root.taken(evidence)
                    root.close()
                } else {
                    root.problem = root.session.photos.error
                }
            }
            onErrorOccurred: (requestId, error, message) => root.problem = message
        }
        videoOutput: preview
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        VideoOutput {
            id: preview
            Layout.fillWidth: true
            Layout.preferredHeight: 360
            fillMode: VideoOutput.PreserveAspectFit
            visible: camera.active
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            visible: text.length > 0
            text: root.problem.length > 0 ? root.problem
                  : devices.videoInputs.length === 0 ? qsTr("No camera found on this device: a photo cannot be taken here.")
                  : ""
        }
        Button {
            objectName: "takePhotoButton"
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            text: qsTr("Take photo")
            highlighted: true
            enabled: capture.readyForCapture
            onClicked: {
                root.problem = ""
                capture.captureToFile(root.session.photos.captureFile())
            }
        }
    }
}
