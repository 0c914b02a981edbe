import RotorCore
import RotorSyntax

/// Markdown for reports: tables (and series, and lists of them) as pipe tables with numbers
/// right-aligned and rounded as in text output, percentages with a `%`.
public enum MarkdownRenderer {
  /// Which rows a table shows.
  public enum Rows: Sendable {
    /// Every row (`save(x, "f.md")`).
    case all
    /// The rows text output shows: a time table's last 10, a cross-section's first 60, with
    /// a line saying what was left out (notebooks).
    case display
  }

  /// The Markdown of a value: a table for series, tables and lists of series or labelled
  /// numbers; a bullet list for other lists; text for scalars. Nil for a chart (it has no
  /// Markdown of its own: save it as .svg).
  public static func render(_ value: Value, rows: Rows = .all) -> String? {
    switch value {
    case .series(let s):
      var t = Table(rows: .dates(s.index), columns: [Table.Column(s.name, numbers: s.values)])
      if s.isPercent { t.percentColumns = [s.name] }
      if s.isBool {
        t.columns = [Table.Column(s.name, .strings(s.values.map(TextRenderer.boolText)))]
      }
      return table(t, rows: rows)
    case .bars(let b):
      return table(Table(bars: b), rows: rows)
    case .table(let t):
      return table(t, rows: rows)
    case .list(let items, _):
      switch TableLayout(value) {
      case .timeTable(let series)?: return table(Table.timeTable(series), rows: rows)
      case .crossSection(let labels, _)?:
        let numbers = items.map { if case .number(let v) = $0 { v } else { Double.nan } }
        if items.allSatisfy({ $0.kind == .number }) {
          return table(
            Table(rows: .labels(header: "label", labels), columns: [Table.Column("value", numbers: numbers)]),
            rows: rows)
        }
        let cells = items.map(TextRenderer.inline)
        return table(
          Table(rows: .labels(header: "label", labels), columns: [Table.Column("value", .strings(cells))]),
          rows: rows)
      case .table?, nil:
        return items.map { "- " + escape(TextRenderer.inline($0)) }.joined(separator: "\n")
      }
    case .chart:
      return nil
    case .backtest(let b):
      return BacktestRendering.markdown(b, rows: rows)
    default:
      return escape(TextRenderer.render(value))
    }
  }

  /// A pipe table: the label column left-aligned, numeric columns right-aligned.
  public static func table(_ t: Table, rows: Rows = .all) -> String {
    table(DisplayTable(t, rows: rows))
  }

  /// A table as shown, as a pipe table.
  package static func table(_ shown: DisplayTable) -> String {
    var lines = [
      "| " + shown.header.map(escape).joined(separator: " | ") + " |",
      "|" + shown.rightAligned.map { $0 ? "--:" : ":--" }.joined(separator: "|") + "|",
    ]
    for row in shown.cells {
      lines.append("| " + row.map(escape).joined(separator: " | ") + " |")
    }
    if let note = shown.windowNote { lines.append("\n*" + note + "*") }
    if !shown.notes.isEmpty {
      lines.append("\n" + shown.notes.map { "*Note: \(escape($0))*" }.joined(separator: "\n"))
    }
    return lines.joined(separator: "\n")
  }

  /// Text safe inside a table cell or a paragraph: `|`, `\`, `*`, `_` and backquotes escaped.
  public static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      if "|\\*_`<".contains(ch) { out.append("\\") }
      out.append(ch == "\n" ? " " : ch)
    }
    return out
  }
}
