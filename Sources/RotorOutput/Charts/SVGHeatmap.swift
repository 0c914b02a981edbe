import Foundation
import RotorCore

/// A heatmap as SVG: one `<rect class="cell">` per value, coloured on a diverging
/// blue–white–red scale, the value printed in it, labels on the left and on top, and a
/// colour bar with its scale.
package enum SVGHeatmap {
  /// A colour as `#rrggbb`.
  package static func hex(_ c: (r: Double, g: Double, b: Double)) -> String {
    func byte(_ v: Double) -> String {
      let s = String(Int(max(0, min(255, v.rounded()))), radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + byte(c.r) + byte(c.g) + byte(c.b)
  }

  /// The SVG text of a heatmap.
  package static func render(_ map: Chart.Heatmap, title: String) -> String {
    let heading = title.isEmpty ? "Correlation" : title
    let cell = map.columns.count > 14 ? 36.0 : 52.0
    let labelWidth = Double(map.rows.map(\.count).max() ?? 1) * SVGChart.charWidth + 16
    let columnLabel = Double(map.columns.map(\.count).max() ?? 1) * SVGChart.charWidth * 0.75 + 16
    let left = max(60, labelWidth)
    let top = 56 + columnLabel
    let gridWidth = cell * Double(map.columns.count)
    let gridHeight = cell * Double(map.rows.count)
    let width = max(420, left + gridWidth + 110)
    let height = top + gridHeight + (map.caption.isEmpty ? 30 : 52)
    var svg = SVGWriter(width: width, height: height, title: heading)
    svg.text(
      heading, x: width / 2, y: 28, anchor: "middle",
      attributes: ##"class="title" font-size="17" font-weight="600""##)
    let f = SVGChart.f
    for (c, label) in map.columns.enumerated() {
      let x = left + (Double(c) + 0.5) * cell
      svg.text(
        label, x: x, y: top - 8, anchor: "start",
        attributes: ##"class="column-label" transform="rotate(-45 \##(f(x)) \##(f(top - 8)))""##)
    }
    for (r, label) in map.rows.enumerated() {
      let y = top + (Double(r) + 0.5) * cell
      svg.text(label, x: left - 8, y: y + 4, anchor: "end", attributes: ##"class="row-label""##)
      for (c, v) in map.values[r].enumerated() {
        let x = left + Double(c) * cell
        let p = map.position(v)
        let fill = v.isFinite ? hex(TerminalHeatmap.rgb(p)) : "#ffffff"
        svg.element(
          "rect",
          ##"class="cell" x="\##(f(x))" y="\##(f(top + Double(r) * cell))" width="\##(f(cell))" height="\##(f(cell))" fill="\##(fill)" stroke="#ffffff" data-value="\##(v.isFinite ? String(v) : "")""##
        )
        let ink = v.isFinite && abs(p) > 0.55 ? "#ffffff" : "#222222"
        svg.text(
          TerminalHeatmap.cell(v), x: x + cell / 2, y: top + (Double(r) + 0.5) * cell + 4, anchor: "middle",
          attributes: ##"fill="\##(ink)" font-size="\##(cell < 40 ? 10 : 12)""##)
      }
    }
    // The colour bar: lo at the bottom, hi at the top.
    let barX = left + gridWidth + 30
    let steps = 40
    let barHeight = max(120, gridHeight)
    for k in 0..<steps {
      let p = 1 - 2 * (Double(k) + 0.5) / Double(steps)
      svg.element(
        "rect",
        ##"class="scale" x="\##(f(barX))" y="\##(f(top + Double(k) * barHeight / Double(steps)))" width="16" height="\##(f(barHeight / Double(steps) + 0.5))" fill="\##(hex(TerminalHeatmap.rgb(p)))""##
      )
    }
    for (p, y) in [(1.0, top), (0.0, top + barHeight / 2), (-1.0, top + barHeight)] {
      let v = (map.lo + map.hi) / 2 + p * (map.hi - map.lo) / 2
      svg.text(
        v == 0 ? "0" : String(format: "%+.1f", v), x: barX + 22, y: y + 4, attributes: ##"fill="#444""##)
    }
    if !map.caption.isEmpty {
      svg.text(
        map.caption, x: left, y: top + gridHeight + 28, attributes: ##"class="caption" fill="#666""##)
    }
    return svg.finish()
  }
}
