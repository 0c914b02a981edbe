import RotorCore
import RotorSyntax

/// A table as a report shows it, before any markup: the header, which columns are numeric
/// (right-aligned), the cells as text (numbers rounded as in text output, percentages with a
/// `%`), and what was left out. Markdown, HTML and Jupyter notebooks all draw this.
package struct DisplayTable {
  /// The column names, the label column first.
  package var header: [String]
  /// Whether each column is numeric (right-aligned).
  package var rightAligned: [Bool]
  /// The rows shown, one text per column.
  package var cells: [[String]]
  /// What was left out (`Last 10 of 1,234 rows, …`), without markup.
  package var windowNote: String?
  /// The table's own notes, without markup.
  package var notes: [String]

  /// The rows of `t` that `rows` keeps: every row, or a time table's last 10 and a
  /// cross-section's first 60 with a note saying what was left out.
  package init(_ t: Table, rows: MarkdownRenderer.Rows) {
    let (labelHeader, labels) = t.labelColumn
    var window = 0..<labels.count
    if case .display = rows {
      switch t.rows {
      case .dates(let index):
        let keep = TextRenderer.timeTableRows
        if index.count > 2 * keep, let first = index.days.first, let last = index.days.last {
          window = (index.count - keep)..<index.count
          windowNote =
            "Last \(keep) of \(TextRenderer.grouped(index.count)) rows, "
            + "\(CivilDate.iso(first)) .. \(CivilDate.iso(last))."
        }
      case .labels:
        let keep = TextRenderer.crossSectionRows
        if labels.count > keep {
          window = 0..<keep
          windowNote = "… \(labels.count - keep) more rows."
        }
      }
    }
    var columns: [[String]] = [window.map { labels[$0] }]
    rightAligned = [false]
    for column in t.columns {
      switch column.data {
      case .numbers(let values):
        let slice = window.map { values[$0] }
        columns.append(
          t.percentColumns.contains(column.name)
            ? slice.map(NumberFormat.percent) : TextRenderer.alignNumbers(slice))
        rightAligned.append(true)
      case .strings(let values):
        columns.append(window.map { values[$0] })
        rightAligned.append(false)
      }
    }
    header = [labelHeader] + t.columns.map(\.name)
    cells = (0..<window.count).map { row in columns.map { $0[row] } }
    notes = t.notes
  }

  /// The table a notebook shows for a value: a table, or a list of series as a time table.
  package init?(_ value: Value) {
    switch value {
    case .table(let t): self.init(t, rows: .display)
    case .list:
      guard case .timeTable(let series)? = TableLayout(value) else { return nil }
      self.init(Table.timeTable(series), rows: .display)
    default: return nil
    }
  }
}
