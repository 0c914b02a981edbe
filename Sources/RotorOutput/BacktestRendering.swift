import RotorCore
import RotorSyntax

/// How a backtest (`rotate`) shows in each format: its statistics beside the benchmark's,
/// then its rebalances (docs/language.md §4, *Backtests*).
enum BacktestRendering {
  /// The first line: the call, the span of the curve, the benchmark.
  static func headline(_ b: Backtest) -> String {
    var parts = [b.title, "backtest"]
    if let first = b.equity.index.days.first, let last = b.equity.index.days.last {
      parts.append("\(CivilDate.iso(first)) .. \(CivilDate.iso(last))")
    }
    parts.append("benchmark " + (b.benchmarkName ?? "none"))
    return parts.joined(separator: " · ")
  }

  /// The statistics as text cells: percentages with `%`, the rest rounded as text shows them.
  static func statsCells(_ b: Backtest) -> Table {
    var columns: [Table.Column] = []
    let (_, labels) = b.stats.labelColumn
    for column in b.stats.columns {
      guard let values = column.numbers else { continue }
      let cells = zip(labels, values).map { label, v -> String in
        if v.isNaN { return "" }
        if Backtest.percentStats.contains(label) { return NumberFormat.percent(100 * v) }
        return NumberFormat.human(v)
      }
      columns.append(Table.Column(column.name, .strings(cells)))
    }
    return Table(rows: b.stats.rows, columns: columns)
  }

  /// Text: headline, the statistics table and the last rebalances.
  static func text(_ b: Backtest, maxRows: Int) -> String {
    var lines = [headline(b)]
    lines.append(rightAligned(TextRenderer.table(statsCells(b), maxRows: maxRows)))
    let count = b.holdings.rowCount
    let shown = min(count, TextRenderer.timeTableRows)
    let which = shown < count ? "last \(shown) of \(count)" : "\(count)"
    lines.append("rebalances (\(which); bt.holdings has them all):")
    var holdings = b.holdings
    holdings.shownRows = nil
    let body = TextRenderer.table(holdings, showHeader: false, maxRows: maxRows)
    lines.append(body)
    return lines.joined(separator: "\n")
  }

  /// The statistics' value columns right-aligned (they are text cells of numbers).
  private static func rightAligned(_ table: String) -> String {
    let rows = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Re-pad: label column as is, value columns right-aligned to their widths.
    let cells = rows.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    guard let width = cells.map(\.count).max(), width > 1 else { return table }
    let padded = cells.map { $0 + Array(repeating: "", count: width - $0.count) }
    let widths = (0..<width).map { c in padded.map { $0[c].count }.max() ?? 0 }
    return padded.map { row in
      row.enumerated().map { c, cell in TextRenderer.pad(cell, widths[c], left: c == 0) }
        .joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n")
  }

  /// JSON: `{"type":"backtest","title":…,"benchmark_name":…,"stats":{NAME:{"strategy":x,
  /// "benchmark":y}},"equity":series,"benchmark":series|null,"holdings":table}`.
  static func json(_ b: Backtest) -> String {
    var out = #"{"type":"backtest","title":\#(JSONRenderer.string(b.title))"#
    out += #","benchmark_name":\#(b.benchmarkName.map(JSONRenderer.string) ?? "null")"#
    let (_, labels) = b.stats.labelColumn
    let stats = labels.enumerated().map { row, label in
      let cells = b.stats.columns.compactMap { column in
        column.numbers.map { JSONRenderer.string(column.name) + ":" + JSONRenderer.number($0[row]) }
      }
      return JSONRenderer.string(label) + ":{" + cells.joined(separator: ",") + "}"
    }
    out += #","stats":{"# + stats.joined(separator: ",") + "}"
    out += #","equity":"# + JSONRenderer.series(b.equity)
    out += #","benchmark":"# + (b.benchmark.map(JSONRenderer.series) ?? "null")
    out += #","holdings":"# + JSONRenderer.table(b.holdings)
    return out + "}"
  }

  /// CSV: the curves (equity, benchmark, drawdowns) as one time table.
  static func csv(_ b: Backtest) -> String {
    CSVRenderer.table(b.curves)
  }

  /// Markdown: headline, statistics and every rebalance (or the last ones, for notebooks).
  static func markdown(_ b: Backtest, rows: MarkdownRenderer.Rows) -> String {
    var parts = ["**" + MarkdownRenderer.escape(headline(b)) + "**"]
    parts.append(MarkdownRenderer.table(statsCells(b)))
    parts.append(MarkdownRenderer.table(b.holdings, rows: rows))
    return parts.joined(separator: "\n\n")
  }
}
