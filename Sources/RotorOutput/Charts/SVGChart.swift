import Foundation
import RotorCore
import RotorSyntax

/// A chart as a standalone SVG document for reports: title, legend, grid, labelled axes
/// with dates on the x axis, one `<path class="series">` per line. A relative rotation
/// graph gets tinted quadrants, labelled members and their tails.
public enum SVGChart {
  /// Line colours: Tableau 10 (its yellow, pink and grey darkened to read on white), then a dark
  /// purple and a cyan, so that the eleven sectors get eleven colours.
  public static let colors = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#b6992d", "#b07aa1", "#e0608a", "#9c755f",
    "#79706e", "#6a3d9a", "#17becf",
  ]

  package static let font = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
  /// Approximate width of a character of the 12 px font, for layout.
  package static let charWidth = 7.0

  /// The SVG text of a chart.
  public static func render(_ chart: Chart) -> String {
    switch chart.content {
    case .lines: return lines(chart)
    case .rotation(let rotation): return scatter(rotation, title: chart.title)
    case .heatmap(let map): return SVGHeatmap.render(map, title: chart.title)
    }
  }

  // MARK: Lines

  package static func lines(_ chart: Chart) -> String {
    let width = 880.0
    let panels = chart.panelCharts
    let title = chart.title.isEmpty ? "Rotor chart" : chart.title
    guard panels.count > 1 else {
      var svg = SVGWriter(width: width, height: 500, title: title)
      draw(chart, into: &svg, top: 16, bottom: 500)
      return svg.finish()
    }
    // Stacked panels: one date axis under the last, value axes of one width so dates line up.
    let panelHeight = 260.0
    let height = 16 + (chart.title.isEmpty ? 0 : 30) + Double(panels.count) * panelHeight
    let dates = Alignment.union(panels.flatMap { $0.plottedSeries.map(\.index) })
    var scratch = SVGWriter(width: width, height: height, title: title)
    let left = panels.map { draw($0, into: &scratch, top: 16, bottom: 16 + panelHeight, dates: dates) }.max()
    var svg = SVGWriter(width: width, height: height, title: title)
    var top = 16.0
    for (p, panel) in panels.enumerated() {
      let last = p == panels.count - 1
      let bottom = top + panelHeight + (p == 0 && !chart.title.isEmpty ? 30 : 0)
      svg.open(##"g class="panel" data-panel="\##(p + 1)""##)
      draw(
        panel, into: &svg, top: top, bottom: bottom + (last ? 0 : 30), dates: dates, left: left,
        dateAxis: last)
      svg.close("g")
      top = bottom
    }
    return svg.finish()
  }

  /// Draws a line chart (or one panel) between `top` and `bottom`: title, legend, value axis,
  /// lines, and the date axis when `dateAxis`; returns the left margin used (at least `left`).
  @discardableResult
  package static func draw(
    _ chart: Chart, into svg: inout SVGWriter, top frameTop: Double, bottom frameBottom: Double,
    dates: DateIndex? = nil, left minimumLeft: Double? = nil, dateAxis: Bool = true
  ) -> Double {
    let plot = LinePlot(chart, dates: dates)
    let width = 880.0
    let height = frameBottom
    var top = frameTop
    if !chart.title.isEmpty {
      svg.text(
        chart.title, x: width / 2, y: top + 14, anchor: "middle",
        attributes: ##"class="title" font-size="17" font-weight="600""##)
      top += 30
    }
    // Legend: entries left to right, wrapping.
    var entries = plot.series.enumerated().map { k, s -> (String, String?) in
      let last = plot.lastValue(k).map { "  " + TerminalChart.lastValue($0, plot: plot) } ?? ""
      return (s.name + last, colors[k % colors.count])
    }
    // The left margin fits the value labels (estimated before the legend fixes the height).
    let provisional = plot.ticks(maxCount: max(2, Int((height - top - 100) / 45)))
    let labelWidth = provisional.map(\.label.count).max() ?? 1
    let left = max(
      minimumLeft ?? 0, max(48, Double(labelWidth) * charWidth + 20) + (plot.caption == nil ? 0 : 22))
    let left0 = left
    var x = left0
    var y = top + 8
    svg.open(##"g class="legend" font-size="12""##)
    for (text, color) in entries {
      let entryWidth = (color == nil ? 0 : 26) + Double(text.count) * charWidth
      if x > left0 && x + entryWidth > width - 24 {
        x = left0
        y += 20
      }
      if let color {
        svg.element(
          "line",
          ##"x1="\##(f(x))" y1="\##(f(y))" x2="\##(f(x + 20))" y2="\##(f(y))" stroke="\##(color)" stroke-width="3""##
        )
        svg.text(text, x: x + 26, y: y + 4)
      } else {
        svg.text(text, x: x, y: y + 4, attributes: ##"fill="#555" font-style="italic""##)
      }
      x += entryWidth + 22
    }
    svg.close("g")
    top = y + 18
    // Value ticks decide the left margin.
    let plotHeight = height - top - 44
    let valueTicks = plot.ticks(maxCount: max(2, Int(plotHeight / 45)))
    let (ticks, labels) = (valueTicks.map(\.value), valueTicks.map(\.label))
    let right = width - 24
    let bottom = top + plotHeight
    let plotWidth = right - left
    func px(_ position: Int) -> Double { left + plot.x(position, extent: plotWidth) }
    func py(_ value: Double) -> Double { top + plot.y(value, extent: plotHeight) }
    // Dates: the finest calendar step whose labels keep 18 px apart.
    var dateTicks: [Ticks.DateTick] = []
    if let first = plot.dates.days.first, let last = plot.dates.days.last {
      dateTicks = Ticks.dates(from: first, to: last) { ticks in
        var end = -Double.infinity
        for t in ticks {
          guard let p = plot.position(of: t.day) else { continue }
          let w = Double(t.label.count) * charWidth
          let start = px(p) - w / 2
          if start < end + 18 || start < 4 || start + w > width - 4 { return false }
          end = start + w
        }
        return true
      }
    }
    svg.open(##"g class="grid" stroke="#e8e8e8" stroke-width="1""##)
    for t in ticks {
      svg.element("line", ##"x1="\##(f(left))" y1="\##(f(py(t)))" x2="\##(f(right))" y2="\##(f(py(t)))""##)
    }
    for t in dateTicks {
      guard let p = plot.position(of: t.day) else { continue }
      svg.element("line", ##"x1="\##(f(px(p)))" y1="\##(f(top))" x2="\##(f(px(p)))" y2="\##(f(bottom))""##)
    }
    svg.close("g")
    if plot.signed, !plot.log, plot.lo < 0, plot.hi > 0 {
      svg.element(
        "line",
        ##"class="zero" x1="\##(f(left))" y1="\##(f(py(0)))" x2="\##(f(right))" y2="\##(f(py(0)))" stroke="#999" stroke-width="1""##
      )
    }
    svg.open(##"g class="y-axis" fill="#444" font-size="12""##)
    for (t, label) in zip(ticks, labels) {
      svg.text(label, x: left - 8, y: py(t) + 4, anchor: "end")
    }
    if let caption = plot.caption {
      svg.text(
        caption, x: 18, y: top + plotHeight / 2, anchor: "middle",
        attributes:
          ##"class="axis-title" transform="rotate(-90 18 \##(f(top + plotHeight / 2)))" fill="#555""##)
    }
    svg.close("g")
    svg.open(##"g class="x-axis" fill="#444" font-size="12""##)
    svg.element(
      "line", ##"x1="\##(f(left))" y1="\##(f(bottom))" x2="\##(f(right))" y2="\##(f(bottom))" stroke="#888""##
    )
    svg.element(
      "line", ##"x1="\##(f(left))" y1="\##(f(top))" x2="\##(f(left))" y2="\##(f(bottom))" stroke="#888""##)
    for t in dateTicks where dateAxis {
      guard let p = plot.position(of: t.day) else { continue }
      svg.element(
        "line",
        ##"x1="\##(f(px(p)))" y1="\##(f(bottom))" x2="\##(f(px(p)))" y2="\##(f(bottom + 5))" stroke="#888""##)
      svg.text(t.label, x: px(p), y: bottom + 20, anchor: "middle")
    }
    svg.close("g")
    svg.open(
      ##"g class="lines" fill="none" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round""##)
    for (k, s) in plot.series.enumerated() {
      var d = ""
      for run in plot.runs(k) {
        for (n, point) in decimate(run, pixels: plotWidth).enumerated() {
          d += (n == 0 ? "M" : "L") + f(px(point.position)) + " " + f(py(point.value)) + " "
        }
      }
      svg.element(
        "path",
        ##"class="series" data-name="\##(SVGWriter.escape(s.name))" stroke="\##(colors[k % colors.count])" d="\##(d.trimmingTrailingSpaces())""##
      )
    }
    svg.close("g")
    return left
  }

  /// At most four points per pixel column (first, lowest, highest, last, in order), so
  /// long histories stay small files that draw the same.
  package static func decimate(_ run: [(position: Int, value: Double)], pixels: Double) -> [(
    position: Int, value: Double
  )] {
    guard let lastPosition = run.last?.position, let firstPosition = run.first?.position,
      Double(run.count) > 2 * pixels, lastPosition > firstPosition
    else { return run }
    var out: [(position: Int, value: Double)] = []
    var bucket: [(position: Int, value: Double)] = []
    var current = -1
    func flush() {
      guard let first = bucket.first, let last = bucket.last else { return }
      let lo = bucket.min { $0.value < $1.value } ?? first
      let hi = bucket.max { $0.value < $1.value } ?? first
      var kept = [first, lo, hi, last].sorted { $0.position < $1.position }
      kept = kept.enumerated().filter {
        $0.offset == 0 || kept[$0.offset - 1].position != $0.element.position
      }
      .map(\.element)
      out += kept
    }
    let span = Double(lastPosition - firstPosition)
    for point in run {
      let column = Int(Double(point.position - firstPosition) / span * pixels)
      if column != current {
        flush()
        bucket = []
        current = column
      }
      bucket.append(point)
    }
    flush()
    return out
  }

  // MARK: Relative rotation graph

  package static let quadrants: [(name: String, fill: String, ink: String)] = [
    ("Leading", "#e6f4e4", "#2e7d32"), ("Weakening", "#fcf4da", "#9a7400"),
    ("Lagging", "#fbe5e3", "#c62828"), ("Improving", "#e3edf9", "#1f5fa8"),
  ]

  package static func scatter(_ rotation: Chart.Rotation, title: String) -> String {
    let width = 760.0
    let height = 720.0
    var heading = title
    if heading.isEmpty {
      heading = "Relative rotation" + (rotation.benchmark.map { " vs \($0)" } ?? "")
    }
    var svg = SVGWriter(width: width, height: height, title: heading)
    svg.text(
      heading, x: width / 2, y: 28, anchor: "middle",
      attributes: ##"class="title" font-size="17" font-weight="600""##)
    var subtitle: [String] = []
    if let day = rotation.asOf { subtitle.append("as of \(CivilDate.iso(day))") }
    if rotation.tail > 0 { subtitle.append("tails: last \(rotation.tail) \(rotation.step)") }
    if !subtitle.isEmpty {
      svg.text(
        subtitle.joined(separator: " · "), x: width / 2, y: 48, anchor: "middle",
        attributes: ##"fill="#666""##)
    }
    let frame = RotationFrame(rotation)
    let (left, top, right, bottom) = (80.0, 66.0, width - 30, height - 60)
    let plotWidth = right - left
    let plotHeight = bottom - top
    func px(_ ratio: Double) -> Double { left + frame.x(ratio, extent: plotWidth) }
    func py(_ momentum: Double) -> Double { top + frame.y(momentum, extent: plotHeight) }
    let (cx, cy) = (px(100), py(100))
    let boxes = [
      (cx, top, right - cx, cy - top), (cx, cy, right - cx, bottom - cy), (left, cy, cx - left, bottom - cy),
      (left, top, cx - left, cy - top),
    ]
    svg.open(##"g class="quadrants""##)
    for (q, box) in zip(quadrants, boxes) {
      svg.element(
        "rect",
        ##"x="\##(f(box.0))" y="\##(f(box.1))" width="\##(f(box.2))" height="\##(f(box.3))" fill="\##(q.fill)""##
      )
    }
    let labelSpots = [
      (right - 10, top + 22, "end"), (right - 10, bottom - 12, "end"), (left + 10, bottom - 12, "start"),
      (left + 10, top + 22, "start"),
    ]
    for (q, spot) in zip(quadrants, labelSpots) {
      svg.text(
        q.name, x: spot.0, y: spot.1, anchor: spot.2,
        attributes: ##"class="quadrant" fill="\##(q.ink)" font-size="16" font-weight="700" opacity="0.85""##)
    }
    svg.close("g")
    let (xTicks, xStep) = Ticks.values(frame.xLo, frame.xHi, maxCount: 10)
    let (yTicks, yStep) = Ticks.values(frame.yLo, frame.yHi, maxCount: 10)
    svg.open(##"g class="grid" stroke="#ffffff" stroke-opacity="0.9" stroke-width="1""##)
    for t in xTicks {
      svg.element("line", ##"x1="\##(f(px(t)))" y1="\##(f(top))" x2="\##(f(px(t)))" y2="\##(f(bottom))""##)
    }
    for t in yTicks {
      svg.element("line", ##"x1="\##(f(left))" y1="\##(f(py(t)))" x2="\##(f(right))" y2="\##(f(py(t)))""##)
    }
    svg.close("g")
    svg.element(
      "line",
      ##"class="center" x1="\##(f(cx))" y1="\##(f(top))" x2="\##(f(cx))" y2="\##(f(bottom))" stroke="#777""##)
    svg.element(
      "line",
      ##"class="center" x1="\##(f(left))" y1="\##(f(cy))" x2="\##(f(right))" y2="\##(f(cy))" stroke="#777""##)
    svg.element(
      "rect",
      ##"x="\##(f(left))" y="\##(f(top))" width="\##(f(plotWidth))" height="\##(f(plotHeight))" fill="none" stroke="#888""##
    )
    svg.open(##"g class="x-axis" fill="#444" font-size="12""##)
    for t in xTicks { svg.text(Ticks.label(t, step: xStep), x: px(t), y: bottom + 18, anchor: "middle") }
    svg.text(
      "rs_ratio (relative strength vs its trend)", x: (left + right) / 2, y: bottom + 42, anchor: "middle",
      attributes: ##"class="axis-title" fill="#333""##)
    svg.close("g")
    svg.open(##"g class="y-axis" fill="#444" font-size="12""##)
    for t in yTicks { svg.text(Ticks.label(t, step: yStep), x: left - 8, y: py(t) + 4, anchor: "end") }
    let my = (top + bottom) / 2
    svg.text(
      "rs_momentum (its rate of change)", x: 22, y: my, anchor: "middle",
      attributes: ##"class="axis-title" fill="#333" transform="rotate(-90 22 \##(f(my)))""##)
    svg.close("g")
    // Tails, then points, then labels placed clear of points and of each other.
    var occupied: [(x: Double, y: Double, w: Double, h: Double)] = []
    svg.open(##"g class="members""##)
    for (k, member) in rotation.members.enumerated() {
      let color = colors[k % colors.count]
      let points = member.trail.map { (px($0.ratio), py($0.momentum)) }
      guard let current = points.last else { continue }
      // Tails are obstacles for labels: a small box every few pixels along them.
      for (a, b) in zip(points, points.dropFirst()) {
        let steps = max(1, Int((hypot(b.0 - a.0, b.1 - a.1) / 4).rounded(.up)))
        for i in 0...steps {
          let t = Double(i) / Double(steps)
          occupied.append((a.0 + t * (b.0 - a.0) - 2, a.1 + t * (b.1 - a.1) - 2, 4, 4))
        }
      }
      if points.count > 1 {
        let d = points.enumerated().map {
          ($0.offset == 0 ? "M" : "L") + f($0.element.0) + " " + f($0.element.1)
        }
        svg.element(
          "path",
          ##"class="tail" d="\##(d.joined(separator: " "))" fill="none" stroke="\##(color)" stroke-width="1.8" stroke-opacity="0.8""##
        )
        for p in points.dropLast() {
          svg.element("circle", ##"cx="\##(f(p.0))" cy="\##(f(p.1))" r="2.2" fill="\##(color)""##)
        }
      }
      svg.element(
        "circle",
        ##"class="point" data-name="\##(SVGWriter.escape(member.symbol))" cx="\##(f(current.0))" cy="\##(f(current.1))" r="5" fill="\##(color)" stroke="#fff" stroke-width="1.2""##
      )
      occupied.append((current.0 - 5, current.1 - 5, 10, 10))
    }
    for (k, member) in rotation.members.enumerated() {
      guard let p = member.trail.last else { continue }
      let (x, y) = (px(p.ratio), py(p.momentum))
      let w = Double(member.symbol.count) * 8.5
      // Beside the point, else above or below it, else further out: the first spot that
      // covers nothing, else the one that covers least.
      var candidates: [(Double, Double)] = []
      for d in [0.0, 10, 22] {
        candidates += [
          (x + 8 + d, y - 7), (x - 8 - w - d, y - 7), (x - w / 2, y - 23 - d), (x - w / 2, y + 9 + d),
          (x + 6 + d, y - 19 - d), (x + 6 + d, y + 5 + d), (x - 6 - w - d, y - 19 - d),
          (x - 6 - w - d, y + 5 + d),
        ]
      }
      func cost(_ c: (Double, Double)) -> Int {
        if c.0 < left || c.0 + w > right || c.1 < top || c.1 + 14 > bottom { return Int.max }
        return occupied.filter { o in c.0 < o.x + o.w && o.x < c.0 + w && c.1 < o.y + o.h && o.y < c.1 + 14 }
          .count
      }
      let costs = candidates.map(cost)
      let best = costs.indices.min { costs[$0] < costs[$1] } ?? 0
      let spot = candidates[best]
      occupied.append((spot.0, spot.1, w, 14))
      svg.text(
        member.symbol, x: spot.0, y: spot.1 + 11,
        attributes:
          ##"class="label" fill="\##(colors[k % colors.count])" font-weight="600" font-size="12.5""##)
    }
    svg.close("g")
    return svg.finish()
  }

  package static func f(_ v: Double) -> String { SVGWriter.number(v) }
}

/// Builds SVG text: elements, escaped text, compact coordinates.
package struct SVGWriter {
  private var out: String

  package init(width: Double, height: Double, title: String) {
    out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(width))" height="\(Self.number(height))" \
      viewBox="0 0 \(Self.number(width)) \(Self.number(height))" font-family="\(SVGChart.font)" font-size="12">
      <title>\(Self.escape(title))</title>
      <rect class="background" width="\(Self.number(width))" height="\(Self.number(height))" fill="#ffffff"/>

      """
  }

  package mutating func open(_ tag: String) { out += "<\(tag)>\n" }

  package mutating func close(_ name: String) { out += "</\(name)>\n" }

  package mutating func element(_ name: String, _ attributes: String) { out += "<\(name) \(attributes)/>\n" }

  package mutating func text(
    _ s: String, x: Double, y: Double, anchor: String = "start", attributes: String = ""
  ) {
    let anchorAttribute = anchor == "start" ? "" : ##" text-anchor="\##(anchor)""##
    let extra = attributes.isEmpty ? "" : " " + attributes
    out +=
      ##"<text x="\##(Self.number(x))" y="\##(Self.number(y))"\##(anchorAttribute)\##(extra)>\##(Self.escape(s))</text>"##
    out += "\n"
  }

  package func finish() -> String { out + "</svg>\n" }

  /// XML text with `& < > "` escaped.
  package static func escape(_ s: String) -> String {
    var r = ""
    for ch in s {
      switch ch {
      case "&": r += "&amp;"
      case "<": r += "&lt;"
      case ">": r += "&gt;"
      case "\"": r += "&quot;"
      default: r.append(ch)
      }
    }
    return r
  }

  /// A coordinate with at most one decimal.
  package static func number(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
  }
}
