pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A finger signature. The strokes are kept as text ("x,y x,y;x,y ..."), in the pad's own pixels,
// which is what the sign-off stores; the picture is drawn from them.
Rectangle {
    id: pad
    property var lines: []   // [[{x,y}, ...], ...]
    readonly property bool empty: lines.length === 0
    readonly property string strokes: lines.map(l => l.map(p => Math.round(p.x) + "," + Math.round(p.y)).join(" ")).join(";")

    function clear() {
        lines = []
        canvas.requestPaint()
    }
    /** Draws a stroke as a finger would (for tests and screenshots). */
    function addStroke(points) {
        const copy = lines.slice()
        copy.push(points.map(p => ({x: p.x, y: p.y})))
        lines = copy
        canvas.requestPaint()
    }

    color: Material.theme === Material.Dark ? "#263238" : "#fafafa"
    border.color: Material.frameColor
    radius: 6
    implicitHeight: 220

    Canvas {
        id: canvas
        anchors.fill: parent
        onPaint: {
            const ctx = getContext("2d")
            ctx.clearRect(0, 0, width, height)
            ctx.lineWidth = 3
            ctx.lineCap = "round"
            ctx.lineJoin = "round"
            ctx.strokeStyle = pad.Material.foreground
            for (const line of pad.lines) {
                if (line.length === 0)
                    continue
                ctx.beginPath()
                ctx.moveTo(line[0].x, line[0].y)
                for (let i = 1; i < line.length; ++i)
                    ctx.lineTo(line[i].x, line[i].y)
                if (line.length === 1)
                    ctx.lineTo(line[0].x + 0.5, line[0].y + 0.5)
                ctx.stroke()
            }
        }
    }
    Label {
        anchors.centerIn: parent
        visible: pad.empty
        text: qsTr("Sign here with a finger")
        opacity: 0.5
    }
    MouseArea {
        anchors.fill: parent
        preventStealing: true
        function point(mouse) {
            return {x: Math.max(0, Math.min(width, mouse.x)), y: Math.max(0, Math.min(height, mouse.y))}
        }
        onPressed: (mouse) => pad.addStroke([point(mouse)])
        onPositionChanged: (mouse) => {
            const copy = pad.lines.slice()
            copy[copy.length - 1] = copy[copy.length - 1].concat([point(mouse)])
            pad.lines = copy
            canvas.requestPaint()
        }
    }
}
