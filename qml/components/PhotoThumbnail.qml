import QtQuick
import QtQuick.Layouts
import ReleaseDesk

// A checklist line's photo evidence, small: the file this device keeps, or, on a device that did
// not take it (the office's), the photo fetched once from the server. Nothing when there is none.
Image {
    id: root
    required property PhotoEvidence photos
    property string evidence
    readonly property url local: evidence.length > 0 && photos.revision >= 0 ? photos.photoUrl(evidence) : ""
    objectName: "photoThumbnail"
    visible: evidence.length > 0
    Layout.preferredWidth: 240
    Layout.preferredHeight: visible ? 180 : 0
    source: local
    fillMode: Image.PreserveAspectFit
    asynchronous: true
    sourceSize.width: 480

    function fetchIfMissing() {
        if (evidence.length > 0 && String(local).length === 0)
            photos.fetch(evidence)
    }
    onLocalChanged: fetchIfMissing()
    Component.onCompleted: fetchIfMissing()
}
