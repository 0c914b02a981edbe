import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// What selections cut: a series (bars act as their default series), a time table, or
/// (for the counting selections) a cross-section table.
struct DatedRows {
  private let value: Value
  /// The dates of the rows (empty for a cross-section).
  let index: DateIndex
  /// Number of rows.
  let count: Int

  /// Reads argument `name`; a cross-section table is an error unless `labels` allows it.
  init(_ args: Arguments, _ name: String, labels: Bool = false) throws(Diagnostic) {
    let raw = try args.value(name)
    if case .table(let table) = raw {
      switch table.rows {
      case .dates(let index):
        self.index = index
      case .labels:
        guard labels else {
          throw args.error(name, "must be a series or a table with dates, got a table of labels")
        }
        self.index = DateIndex([])
      }
      self.value = raw
      self.count = table.rowCount
    } else {
      let series = try args.series(name)
      self.value = .series(series)
      self.index = series.index
      self.count = series.count
    }
  }

  /// True for a cross-section table (rows are labels, not dates).
  var isCrossSection: Bool {
    if case .table(let table) = value, case .labels = table.rows { return true }
    return false
  }

  /// The rows in `range`, marked so that text output shows them all (the rows asked for).
  func selected(_ range: Range<Int>, _ end: ShownRows) -> Value {
    switch value {
    case .table(var table):
      table.shownRows = end
      return .table(table.sliceRows(range))
    case .series(var series):
      series.shownRows = end
      return .series(series.slice(range))
    default: return value
    }
  }

  /// The rows in `range`, keeping the input's name (selections do not rename).
  func slice(_ range: Range<Int>) -> Value {
    switch value {
    case .table(let table): return .table(table.sliceRows(range))
    case .series(let series): return .series(series.slice(range))
    default: return value
    }
  }

  /// The rows whose dates fall in `from...to` (either end open when `nil`).
  func between(_ from: Int32?, _ to: Int32?) -> Value {
    let lo = from.map { index.lowerBound($0) } ?? 0
    let hi = to.map { index.upperBound($0) } ?? count
    return slice(lo..<Swift.max(lo, hi))
  }

  /// The series, when the rows are a series (for the one-argument reductions).
  var series: Series? {
    if case .series(let s) = value { return s }
    return nil
  }
}
