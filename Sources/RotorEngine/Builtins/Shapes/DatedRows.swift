import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// What selections cut: a series (bars act as their default series) or a time table.
struct DatedRows {
  private let value: Value
  /// The dates of the rows.
  let index: DateIndex

  /// Reads argument `name`; a cross-section table is an error.
  init(_ args: Arguments, _ name: String) throws(Diagnostic) {
    let raw = try args.value(name)
    if case .table(let table) = raw {
      guard case .dates(let index) = table.rows else {
        throw args.error(name, "must be a series or a table with dates, got a table of labels")
      }
      self.value = raw
      self.index = index
    } else {
      let series = try args.series(name)
      self.value = .series(series)
      self.index = series.index
    }
  }

  /// Number of rows.
  var count: Int { index.count }

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
