/// How a value lays out as a table: the one rule every output follows (text, CSV, Markdown,
/// the notebook, `save`), and the built-ins that take lists of series as columns (`plot`,
/// `table`, `describe`). docs/language.md §4: a list of series shows as a time table, a
/// labelled list as a cross-section.
public enum TableLayout {
  /// A table, as it is.
  case table(Table)
  /// A non-empty list whose every item is a series: one column per series, rows on the
  /// union of their dates (``Table/timeTable(_:names:)``).
  case timeTable([Series])
  /// Any other labelled list: one row per label, the items as values.
  case crossSection(labels: [String], values: [Value])

  /// The layout of `value`, or `nil` when it is not laid out as a table (a scalar, a series,
  /// bars, a chart, an unlabelled list of other things).
  public init?(_ value: Value) {
    switch value {
    case .table(let t): self = .table(t)
    case .list(let items, let labels):
      if let series = TableLayout.series(items) {
        self = .timeTable(series)
      } else if let labels, labels.count == items.count {
        self = .crossSection(labels: labels, values: items)
      } else {
        return nil
      }
    default: return nil
    }
  }

  /// The series of a list that makes a time table: a non-empty list of series. With
  /// `bars: true` (arguments of `plot`, `table`, `describe`), bars count as their default
  /// series; shown values keep a list of symbols a list.
  public static func series(_ items: [Value], bars: Bool = false) -> [Series]? {
    guard !items.isEmpty else { return nil }
    var out: [Series] = []
    out.reserveCapacity(items.count)
    for item in items {
      switch item {
      case .series(let s): out.append(s)
      case .bars(let b) where bars: out.append(b.series)
      default: return nil
      }
    }
    return out
  }
}
