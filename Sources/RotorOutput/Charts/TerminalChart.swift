import RotorCore
import RotorSyntax

/// A chart as terminal text: lines drawn with braille cells (2 × 4 dots each) between a
/// value axis of nice ticks and a date axis; a legend; ANSI colour per series when
/// ``RenderOptions/color`` is on, else solid, dashed and dotted lines. A relative rotation
/// graph is a four-quadrant scatter with labelled members and their tails.
public enum TerminalChart {
  /// ANSI colours of the series, in order (cyan, yellow, magenta, green, red, blue, and
  /// their bright forms).
  package static let palette = [36, 33, 35, 32, 31, 34, 96, 93, 95, 92, 91, 94].map { "\u{1B}[\($0)m" }

  /// The text of a chart `options.width` columns wide (at least 40).
  public static func render(_ chart: Chart, options: RenderOptions = .plain) -> String {
    switch chart.content {
    case .lines:
      return chart.panels.count > 1 ? stacked(chart, options: options) : lines(chart, options: options)
    case .rotation(let rotation): return scatter(rotation, title: chart.title, options: options)
    case .heatmap(let map): return TerminalHeatmap.render(map, title: chart.title, options: options)
    }
  }

  /// Stacked panels on one date axis (under the last): each its own value axis and legend,
  /// the value gutters of equal width so that dates line up.
  package static func stacked(_ chart: Chart, options: RenderOptions) -> String {
    let panels = chart.panelCharts
    let width = max(40, options.width)
    let dates = Alignment.union(panels.flatMap { $0.plottedSeries.map(\.index) })
    let rows = max(5, plotRows(width: width) * 2 / 3)
    let gutter =
      panels.map { panel in
        let labels = LinePlot(panel, dates: dates).ticks(maxCount: max(2, rows / 3)).map(\.label)
        return (labels.map(\.count).max() ?? 1) + 2
      }.max() ?? 3
    return panels.enumerated().map { p, panel in
      lines(
        panel, options: options, dates: dates, rows: rows, gutter: gutter, dateAxis: p == panels.count - 1)
    }.joined(separator: "\n")
  }

  /// Rows of the plot area for a width: a sixth of it, 8 to 18.
  package static func plotRows(width: Int) -> Int { min(18, max(8, width / 6)) }

  /// How line `k` is drawn: every dot of its path (`solid`), or without colour, to tell
  /// lines apart, one dot per dot column (`thin`) or per third column (`dotted`).
  package enum Stroke {
    case solid, thin, dotted

    package init(_ k: Int, color: Bool) {
      self = color ? .solid : [Stroke.solid, .thin, .dotted][k % 3]
    }

    /// The legend's sample of the stroke.
    package var sample: String {
      switch self {
      case .solid: return "━━━"
      case .thin: return "───"
      case .dotted: return "┄┄┄"
      }
    }
  }

  /// Draws a segment of line `k` in its stroke.
  package static func segment(
    _ canvas: inout BrailleCanvas, from a: (x: Int, y: Int), to b: (x: Int, y: Int), color k: Int,
    stroke: Stroke
  ) {
    switch stroke {
    case .solid, .thin: canvas.line(a.x, a.y, b.x, b.y, color: k)
    case .dotted: canvas.line(a.x, a.y, b.x, b.y, color: k) { $0 % 4 < 2 }
    }
  }

  // MARK: Lines

  package static func lines(
    _ chart: Chart, options: RenderOptions, dates: DateIndex? = nil, rows: Int? = nil, gutter: Int? = nil,
    dateAxis: Bool = true
  ) -> String {
    let plot = LinePlot(chart, dates: dates)
    let width = max(40, options.width)
    let rows = rows ?? plotRows(width: width)
    let valueTicks = plot.ticks(maxCount: max(2, rows / 3))
    let (ticks, tickLabels) = (valueTicks.map(\.value), valueTicks.map(\.label))
    let gutter = gutter ?? (tickLabels.map(\.count).max() ?? 1) + 2
    var canvas = BrailleCanvas(columns: width - gutter - 1, rows: rows)
    let xExtent = Double(canvas.width - 1)
    let yExtent = Double(canvas.height - 1)
    for k in plot.series.indices {
      let stroke = Stroke(k, color: options.color)
      for run in plot.runs(k) {
        var previous: (x: Int, y: Int)?
        var points = run.map { position, value in
          (
            x: Int(plot.x(position, extent: xExtent).rounded()),
            y: Int(plot.y(value, extent: yExtent).rounded())
          )
        }
        // A thin stroke keeps one point per dot column: the last, as a weekly close is.
        if stroke != .solid {
          points = points.enumerated().filter {
            $0.offset + 1 == points.count || points[$0.offset + 1].x != $0.element.x
          }
          .map(\.element)
        }
        for point in points {
          if let p = previous {
            segment(&canvas, from: p, to: point, color: k, stroke: stroke)
          } else {
            canvas.set(point.x, point.y, color: k)
          }
          previous = point
        }
      }
    }
    var tickRows: [Int: String] = [:]
    for (t, label) in zip(ticks, tickLabels) {
      let row = Int(plot.y(t, extent: yExtent).rounded()) / 4
      if tickRows[row] == nil { tickRows[row] = label }
    }
    var out: [String] = []
    if !chart.title.isEmpty { out.append(centered(chart.title, offset: gutter, width: canvas.columns)) }
    let palette = options.color ? palette : nil
    for row in 0..<rows {
      let label = tickRows[row] ?? ""
      let axis = tickRows[row] == nil ? "│" : "┤"
      out.append(pad(label, gutter - 2) + " " + axis + canvas.line(row: row, palette: palette))
    }
    let xColumn: (Int32) -> Int? = { day in
      plot.position(of: day).map { Int(plot.x($0, extent: xExtent).rounded()) / 2 }
    }
    if dateAxis {
      let dateTicks = dateTicks(plot: plot, column: xColumn, gutter: gutter, width: width)
      out += axis(
        dateTicks.map { ($0.column, $0.label) }, gutter: gutter, columns: canvas.columns, width: width)
    }
    out += legend(plot, color: options.color, width: width)
    return out.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
  }

  /// Date ticks whose labels do not collide, with their plot columns.
  package static func dateTicks(
    plot: LinePlot, column: (Int32) -> Int?, gutter: Int, width: Int
  ) -> [(column: Int, label: String)] {
    guard let first = plot.dates.days.first, let last = plot.dates.days.last else { return [] }
    let ticks = Ticks.dates(from: first, to: last) { ticks in
      let placed = ticks.compactMap { t in column(t.day).map { ($0, t.label) } }
      return labelsFit(placed, gutter: gutter, width: width, gap: 3)
    }
    return ticks.compactMap { t in column(t.day).map { ($0, t.label) } }
  }

  /// Where a label centred on `column` starts on the line, kept within it.
  package static func labelStart(_ column: Int, _ label: String, gutter: Int, width: Int) -> Int {
    min(max(0, gutter + column - label.count / 2), max(0, width - label.count))
  }

  /// Whether labels centred on their columns leave `gap` spaces between them.
  package static func labelsFit(_ labels: [(Int, String)], gutter: Int, width: Int, gap: Int) -> Bool {
    var end = -gap
    for (column, label) in labels {
      let start = labelStart(column, label, gutter: gutter, width: width)
      if start < end + gap { return false }
      end = start + label.count
    }
    return true
  }

  /// The x axis line with `┬` at the ticks, and the tick labels under it.
  package static func axis(_ ticks: [(column: Int, label: String)], gutter: Int, columns: Int, width: Int)
    -> [String]
  {
    var line = Array(repeating: Character("─"), count: columns)
    var labels = Array(repeating: Character(" "), count: width)
    for (column, label) in ticks {
      if column >= 0 && column < columns { line[column] = "┬" }
      let start = labelStart(column, label, gutter: gutter, width: width)
      for (k, ch) in label.enumerated() where start + k < width { labels[start + k] = ch }
    }
    return [String(repeating: " ", count: gutter - 1) + "└" + String(line), String(labels)]
  }

  /// The legend: each line's sample, name and last value; the rebased caption.
  package static func legend(_ plot: LinePlot, color: Bool, width: Int) -> [String] {
    var entries: [(text: String, length: Int)] = []
    for (k, s) in plot.series.enumerated() {
      let sample = Stroke(k, color: color).sample
      let swatch = color ? palette[k % palette.count] + sample + "\u{1B}[0m" : sample
      var text = s.name
      if let last = plot.lastValue(k) { text += "  " + lastValue(last, plot: plot) }
      entries.append((swatch + " " + text, 4 + text.count))
    }
    if let caption = plot.caption { entries.append((caption, caption.count)) }
    var lines: [String] = []
    var line = ""
    var length = 0
    for entry in entries {
      if length > 0 && length + 4 + entry.length > width {
        lines.append(line)
        (line, length) = ("", 0)
      }
      line += (length > 0 ? "    " : "") + entry.text
      length += (length > 0 ? 4 : 0) + entry.length
    }
    if length > 0 { lines.append(line) }
    return lines
  }

  /// A line's last value as the legend shows it.
  package static func lastValue(_ v: Double, plot: LinePlot) -> String {
    if plot.signed { return Ticks.label(v, step: 0.01, percent: true, signed: true) }
    return plot.percent ? NumberFormat.percent(v) : NumberFormat.human(v)
  }

  // MARK: Relative rotation graph

  package static let quadrantColors = [32, 33, 31, 34].map { "\u{1B}[\($0)m" }
  package static let axisColor = "\u{1B}[90m"

  package static func scatter(_ rotation: Chart.Rotation, title: String, options: RenderOptions) -> String {
    let width = max(40, options.width)
    let rows = min(24, max(10, width / 4))
    let frame = RotationFrame(rotation)
    let (yTicks, yStep) = Ticks.values(frame.yLo, frame.yHi, maxCount: max(2, rows / 3))
    let yLabels = yTicks.map { Ticks.label($0, step: yStep) }
    let gutter = (yLabels.map(\.count).max() ?? 1) + 2
    var canvas = BrailleCanvas(columns: width - gutter - 1, rows: rows)
    let xExtent = Double(canvas.width - 1)
    let yExtent = Double(canvas.height - 1)
    let n = rotation.members.count
    let quadrant = n
    let axisIndex = n + 4
    func dot(_ p: Chart.Rotation.Point) -> (x: Int, y: Int) {
      (
        Int(frame.x(p.ratio, extent: xExtent).rounded()),
        Int(frame.y(p.momentum, extent: yExtent).rounded())
      )
    }
    let center = dot(Chart.Rotation.Point(day: nil, ratio: 100, momentum: 100))
    for x in stride(from: 0, to: canvas.width, by: 2) { canvas.set(x, center.y, color: axisIndex) }
    for y in stride(from: 0, to: canvas.height, by: 2) { canvas.set(center.x, y, color: axisIndex) }
    let corners = [
      ("Leading", canvas.columns - 1 - 7, 0), ("Weakening", canvas.columns - 1 - 9, rows - 1),
      ("Lagging", 1, rows - 1), ("Improving", 1, 0),
    ]
    for (k, (name, column, row)) in corners.enumerated() {
      canvas.text(name, column: column, row: row, color: quadrant + k)
    }
    for (k, member) in rotation.members.enumerated() {
      var previous: (x: Int, y: Int)?
      for point in member.trail {
        let p = dot(point)
        if let q = previous { canvas.line(q.x, q.y, p.x, p.y, color: k) }
        previous = p
      }
    }
    for (k, member) in rotation.members.enumerated() {
      guard let current = member.trail.last else { continue }
      let p = dot(current)
      let (column, row) = (p.x / 2, p.y / 4)
      canvas.text("●", column: column, row: row, color: k)
      let name = member.symbol
      let spots = [
        (column + 1, row), (column - name.count, row), (column + 1, row - 1), (column + 1, row + 1),
        (column - name.count, row - 1), (column - name.count, row + 1),
      ]
      // A label sits inside the plot, off other text with a cell to spare on each side (its
      // own marker aside), and off dots if it can.
      func free(_ spot: (Int, Int), dots: Bool) -> Bool {
        let (c, r) = spot
        guard r >= 0, r < rows, c >= 0, c + name.count <= canvas.columns else { return false }
        for x in c..<(c + name.count) {
          if canvas.hasText(column: x, row: r) || (!dots && canvas.hasDots(column: x, row: r)) {
            return false
          }
        }
        return ![c - 1, c + name.count].contains { x in
          !(x == column && r == row) && canvas.hasText(column: x, row: r)
        }
      }
      let spot = spots.first { free($0, dots: false) } ?? spots.first { free($0, dots: true) }
      if let (c, r) = spot { canvas.text(name, column: c, row: r, color: k) }
    }
    var yTickRows: [Int: String] = [:]
    for (t, label) in zip(yTicks, yLabels) {
      let row = Int(frame.y(t, extent: yExtent).rounded()) / 4
      if yTickRows[row] == nil { yTickRows[row] = label }
    }
    var palette = (0..<n).map { Self.palette[$0 % Self.palette.count] }
    palette += quadrantColors + [axisColor]
    var out: [String] = []
    var heading = title
    if heading.isEmpty {
      heading = "Relative rotation" + (rotation.benchmark.map { " vs \($0)" } ?? "")
      if let day = rotation.asOf { heading += " · \(CivilDate.iso(day))" }
    }
    if rotation.tail > 0 { heading += " · tails: \(rotation.tail) \(rotation.step)" }
    out.append(centered(heading, offset: gutter, width: canvas.columns))
    out.append(String(repeating: " ", count: gutter - 2) + "rs_momentum")
    for row in 0..<rows {
      let label = yTickRows[row] ?? ""
      let axis = yTickRows[row] == nil ? "│" : "┤"
      out.append(
        pad(label, gutter - 2) + " " + axis + canvas.line(row: row, palette: options.color ? palette : nil))
    }
    let (xTicks, xStep) = Ticks.values(frame.xLo, frame.xHi, maxCount: max(2, canvas.columns / 10))
    let placed = xTicks.map {
      (Int(frame.x($0, extent: xExtent).rounded()) / 2, Ticks.label($0, step: xStep))
    }
    out += axis(placed, gutter: gutter, columns: canvas.columns, width: width)
    out.append(pad("rs_ratio", width - 1))
    return out.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
  }

  // MARK: Text helpers

  package static func centered(_ text: String, offset: Int, width: Int) -> String {
    String(repeating: " ", count: max(0, offset + (width - text.count) / 2)) + text
  }

  package static func pad(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
  }
}

/// The value ranges of a relative rotation graph: centred on 100/100, so that the axes cross
/// in the middle and each quadrant gets a quarter of the picture.
package struct RotationFrame {
  package let xLo: Double
  package let xHi: Double
  package let yLo: Double
  package let yHi: Double

  package init(_ rotation: Chart.Rotation) {
    var dx = 0.0
    var dy = 0.0
    for member in rotation.members {
      for p in member.trail {
        dx = max(dx, abs(p.ratio - 100))
        dy = max(dy, abs(p.momentum - 100))
      }
    }
    dx = max(0.5, dx * 1.12)
    dy = max(0.5, dy * 1.12)
    (xLo, xHi, yLo, yHi) = (100 - dx, 100 + dx, 100 - dy, 100 + dy)
  }

  package func x(_ ratio: Double, extent: Double) -> Double { (ratio - xLo) / (xHi - xLo) * extent }
  package func y(_ momentum: Double, extent: Double) -> Double { (yHi - momentum) / (yHi - yLo) * extent }
}
