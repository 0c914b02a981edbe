import RotorCore
import RotorSyntax

/// Text output a person enjoys reading: a series shows its name, row count, date range,
/// a sparkline of its recent values and its last rows; tables are aligned on the decimal
/// point; percentages read as percentages; numbers are rounded sensibly; charts are drawn
/// with braille cells (``TerminalChart``).
public enum TextRenderer {
  /// Rows of a series shown (its last ones); a series of up to twice as many shows whole.
  public static let seriesRows = 5
  /// Rows of a time table shown (its last ones); a table of up to twice as many shows whole.
  public static let timeTableRows = 10
  /// Rows of a cross-section or a labelled list shown (its first ones).
  public static let crossSectionRows = 60

  /// Values in a series' sparkline (its last ones).
  public static let sparklineLength = 24

  /// The text of a shown value; `options` size and colour charts.
  public static func render(_ value: Value, options: RenderOptions = .plain) -> String {
    switch value {
    case .number(let v): return NumberFormat.human(v)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .date(let d): return CivilDate.iso(d)
    case .duration(let span): return span.description
    case .series(let s): return series(s, maxRows: options.maxRows)
    case .bars(let b): return bars(b)
    case .list(let items, let labels): return list(items, labels: labels)
    case .table(let t): return table(t, maxRows: options.maxRows)
    case .chart(let c): return TerminalChart.render(c, options: options)
    case .backtest(let b): return BacktestRendering.text(b, maxRows: options.maxRows)
    case .function(let f): return function(f)
    case .nothing: return ""
    }
  }

  package static func header(_ name: String, _ index: DateIndex, kind: String? = nil) -> String {
    let rows = index.count == 1 ? "1 row" : "\(grouped(index.count)) rows"
    var parts = [name]
    if let kind { parts.append(kind) }
    parts.append(rows)
    if let first = index.days.first, let last = index.days.last {
      parts.append("\(CivilDate.iso(first)) .. \(CivilDate.iso(last))")
    }
    return parts.joined(separator: " · ")
  }

  /// A series: its header and last rows, or the rows a selection asked for (up to `maxRows`).
  package static func series(_ s: Series, maxRows: Int = RenderOptions.defaultMaxRows) -> String {
    var lines = [header(s.name, s.index)]
    if !s.isBool, let spark = sparkline(Array(s.values.suffix(sparklineLength))) { lines[0] += "  " + spark }
    let window = rowWindow(count: s.count, shown: s.shownRows, maxRows: maxRows, usual: seriesRows)
    if window.lowerBound > 0 {
      lines.append(s.shownRows == nil ? "  …" : "  … \(grouped(window.lowerBound)) earlier rows")
    }
    let values = Array(s.values[window])
    let aligned: [String]
    if s.isBool {
      aligned = values.map(boolText)
    } else if s.isPercent {
      aligned = values.map(NumberFormat.percent)
    } else {
      aligned = alignNumbers(values)
    }
    let width = aligned.map(\.count).max() ?? 0
    for (k, i) in window.enumerated() {
      lines.append("  \(CivilDate.iso(s.index.days[i]))  \(pad(aligned[k], width))")
    }
    if window.upperBound < s.count { lines.append("  … \(grouped(s.count - window.upperBound)) more rows") }
    return lines.joined(separator: "\n")
  }

  /// The rows shown of `count`: those a selection asked for (`shown`), up to `maxRows` from
  /// its end, else the last `usual` (all when there are at most twice as many).
  package static func rowWindow(count: Int, shown: ShownRows?, maxRows: Int, usual: Int) -> Range<Int> {
    switch shown {
    case .first?: return 0..<min(count, max(maxRows, 0))
    case .last?: return max(0, count - max(maxRows, 0))..<count
    case nil: return (count <= 2 * usual ? 0 : count - usual)..<count
    }
  }

  /// A sparkline of values (`▁▂▃▄▅▆▇█`, lowest to highest; a space where missing); nil
  /// when fewer than two values are present.
  public static func sparkline(_ values: [Double]) -> String? {
    let present = values.filter(\.isFinite)
    guard present.count >= 2, let lo = present.min(), let hi = present.max() else { return nil }
    let blocks = Array("▁▂▃▄▅▆▇█")
    return String(
      values.map { v -> Character in
        guard v.isFinite else { return " " }
        if hi == lo { return blocks[3] }
        return blocks[min(7, Int((v - lo) / (hi - lo) * 8))]
      })
  }

  package static func boolText(_ v: Double) -> String {
    v.isNaN ? "NaN" : (v != 0 ? "true" : "false")
  }

  package static func bars(_ b: Bars) -> String {
    let body = table(Table(bars: b), showHeader: false)
    return header(b.displayName, b.index, kind: "bars") + "\n" + body
  }

  /// Writes the text of a value to `sink` (the same text as ``render(_:options:)``): a plain
  /// list an item at a time; other values, whose text is bounded, whole.
  public static func write(_ value: Value, options: RenderOptions = .plain, to sink: OutputSink)
    throws(OutputSink.Stopped)
  {
    guard case .list(let items, let labels) = value else {
      return try sink.write(render(value, options: options))
    }
    try list(items, labels: labels, to: sink)
  }

  package static func list(_ items: [Value], labels: [String]?) -> String {
    OutputSink.collect { sink throws(OutputSink.Stopped) in try list(items, labels: labels, to: sink) }
  }

  /// Bytes of a list's one-line text looked at to choose its layout: past them, a list of
  /// two or more items is shown an item per line.
  static let oneLineProbe = 4096

  /// Writes a list: a time table or a cross-section when it is one, else its items inline on
  /// one line, or an item per line when that line would be longer than 100 characters.
  static func list(_ items: [Value], labels: [String]?, to sink: OutputSink) throws(OutputSink.Stopped) {
    switch TableLayout(.list(items, labels: labels)) {
    case .timeTable(let series)?:
      return try sink.write(table(Table.timeTable(series)))
    case .crossSection(let allLabels, _)?:
      return try sink.write(crossSection(items, labels: allLabels))
    case .table?, nil:
      break
    }
    // The one-line text, when it is short enough to matter.
    var overflowed = false
    let probe = OutputSink(
      chunkSize: oneLineProbe, shouldStop: { overflowed }, output: { _ in overflowed = true })
    do {
      try inline(.list(items, labels: nil), to: probe)
    } catch {
      // Longer than the probe: an item per line.
    }
    if !overflowed {
      let oneLine = probe.text
      if !(items.count > 1 && oneLine.count > 100) { return try sink.write(oneLine) }
    } else if items.count <= 1 {
      return try inline(.list(items, labels: nil), to: sink)
    }
    try sink.write("[\n  ")
    for (i, item) in items.enumerated() {
      try sink.item()
      if i > 0 { try sink.write(",\n  ") }
      try inline(item, to: sink)
    }
    try sink.write("\n]")
  }

  /// A labelled list of values: its first ``crossSectionRows`` rows, aligned.
  private static func crossSection(_ items: [Value], labels allLabels: [String]) -> String {
    let shownCount = min(allLabels.count, crossSectionRows)
    let labels = allLabels.prefix(shownCount)
    let shownItems = items.prefix(shownCount)
    let width = labels.map(\.count).max() ?? 0
    let numbers = shownItems.map { if case .number(let v) = $0 { v } else { Double.nan } }
    let allNumbers = shownItems.allSatisfy { if case .number = $0 { true } else { false } }
    let cells = allNumbers ? alignNumbers(numbers) : shownItems.map(inline)
    let cellWidth = cells.map(\.count).max() ?? 0
    var lines = zip(labels, cells).map { "\(pad($0, width, left: true))  \(pad($1, cellWidth))" }
    if allLabels.count > shownCount { lines.append("… \(grouped(allLabels.count - shownCount)) more") }
    return lines.joined(separator: "\n")
  }

  /// Writes a value's one-line rendering; a list an item at a time.
  static func inline(_ value: Value, to sink: OutputSink) throws(OutputSink.Stopped) {
    guard case .list(let items, _) = value else { return try sink.write(inline(value)) }
    try sink.write("[")
    for (i, item) in items.enumerated() {
      try sink.item()
      if i > 0 { try sink.write(", ") }
      try inline(item, to: sink)
    }
    try sink.write("]")
  }

  /// A one-line rendering for list items.
  package static func inline(_ value: Value) -> String {
    switch value {
    case .series(let s): return header(s.name, s.index)
    case .table(let t): return "<table \(t.rowCount)×\(t.columns.count)>"
    case .chart(let c): return c.title.isEmpty ? "<chart>" : "<chart \"\(c.title)\">"
    case .backtest(let b): return "<backtest \(b.title)>"
    case .bars(let b): return b.displayName
    case .string(let s): return "\"\(s)\""
    case .list(let items, _): return "[" + items.map(inline).joined(separator: ", ") + "]"
    default: return render(value)
    }
  }

  package static func function(_ f: any FunctionValue) -> String {
    f.shownText
  }

  /// An aligned table; time tables show their last rows, cross-sections their first; a
  /// selection's rows (``Table/shownRows``) show up to `maxRows`.
  public static func table(
    _ t: Table, showHeader: Bool = true, maxRows: Int = RenderOptions.defaultMaxRows
  ) -> String {
    var labelHeader = "date"
    var labels: [String]
    var window: Range<Int>
    var lines: [String] = []
    switch t.rows {
    case .dates(let index):
      labels = index.days.map(CivilDate.iso)
      window = rowWindow(count: index.count, shown: t.shownRows, maxRows: maxRows, usual: timeTableRows)
      if showHeader && window.count < index.count {
        let which = window.lowerBound == 0 ? "first" : "last"
        lines.append(header("table", index) + " (\(which) \(window.count) rows)")
      }
    case .labels(let name, let rowLabels):
      labelHeader = name
      labels = rowLabels
      window = 0..<min(rowLabels.count, t.shownRows == nil ? crossSectionRows : max(maxRows, 0))
    }
    var columns: [[String]] = [[labelHeader] + window.map { labels[$0] }]
    var rightAligned = [false]
    for column in t.columns {
      switch column.data {
      case .numbers(let values):
        let slice = Array(window.map { values[$0] })
        let cells =
          t.percentColumns.contains(column.name) ? slice.map(NumberFormat.percent) : alignNumbers(slice)
        columns.append([column.name] + cells)
        rightAligned.append(true)
      case .strings(let values):
        columns.append([column.name] + window.map { values[$0] })
        rightAligned.append(false)
      }
    }
    let widths = columns.map { $0.map(\.count).max() ?? 0 }
    for row in 0...window.count {
      let cells = columns.indices.map { c in
        pad(columns[c][row], widths[c], left: !rightAligned[c])
      }
      lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
    }
    if case .labels(_, let rowLabels) = t.rows, rowLabels.count > window.count {
      lines.append("… \(rowLabels.count - window.count) more rows")
    }
    for note in t.notes { lines.append("note: " + note) }
    return lines.joined(separator: "\n")
  }

  /// Formats numbers with a shared number of decimals so they align on the point.
  package static func alignNumbers(_ values: [Double]) -> [String] {
    var decimals = 0
    var useHuman = false
    for v in values where v.isFinite {
      let text = NumberFormat.human(v)
      if text.contains("e") {
        useHuman = true
        break
      }
      if let dot = text.firstIndex(of: ".") {
        decimals = max(decimals, text.distance(from: dot, to: text.endIndex) - 1)
      }
    }
    if useHuman { return values.map(NumberFormat.human) }
    return values.map { $0.isFinite ? NumberFormat.fixed($0, decimals) : NumberFormat.human($0) }
  }

  package static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? s + fill : fill + s
  }

  package static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return out
  }
}

extension String {
  package func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.hasSuffix(" ") { s = s.dropLast() }
    return String(s)
  }
}
