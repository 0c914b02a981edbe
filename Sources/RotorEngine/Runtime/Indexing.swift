import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// `x[d]` (value as of a date), `x[a .. b]` (inclusive date range) and `list[i]`.
enum Indexing {
  static func index(
    _ base: Value, _ spec: IndexSpec, dataset: Dataset, evaluate: (Expr) throws(Diagnostic) -> Value
  ) throws(Diagnostic) -> Value {
    switch spec {
    case .at(let expr):
      let key = try evaluate(expr)
      switch (base, key) {
      case (.list(let items, _), .number(let v)):
        guard let i = Int(exactly: v) else { throw Diagnostic("a list index must be a whole number") }
        let position = i < 0 ? items.count + i : i
        guard items.indices.contains(position) else {
          throw Diagnostic("index \(i) is outside the list of \(items.count) items (0 is the first)")
        }
        return items[position]
      case (_, .date(let day)):
        guard let series = base.asSeries else { break }
        return .number(try asOf(series, day, dataset: dataset))
      case (.table(let table), .string(let name)):
        // `t["1y"]`: a column by name (as `t.name`, for names that are not identifiers).
        guard let column = try Fields.field(of: base, name) else {
          let names = [table.labelColumn.header] + table.columns.map(\.name)
          throw Diagnostic(
            "the table has no column \"\(name)\"",
            notes: ["its columns: " + names.map { "\"\($0)\"" }.joined(separator: ", ")])
        }
        return column
      default:
        break
      }
      throw Diagnostic("a \(base.kind.rawValue) cannot be indexed by a \(key.kind.rawValue)")
    case .range(let fromExpr, let toExpr):
      let from = try fromExpr.map { (e) throws(Diagnostic) in try date(evaluate(e)) }
      let to = try toExpr.map { (e) throws(Diagnostic) in try date(evaluate(e)) }
      switch base {
      case .table(let table):
        guard case .dates(let index) = table.rows else {
          throw Diagnostic("only a table with dates can be sliced by dates")
        }
        let lo = from.map { index.lowerBound($0) } ?? 0
        let hi = max(lo, to.map { index.upperBound($0) } ?? index.count)
        return .table(table.sliceRows(lo..<hi))
      default:
        guard let series = base.asSeries else {
          throw Diagnostic("a \(base.kind.rawValue) cannot be sliced by dates")
        }
        return .series(series.between(from, to))
      }
    }
  }

  private static func date(_ value: Value) throws(Diagnostic) -> Int32 {
    guard case .date(let d) = value else {
      throw Diagnostic("a date range needs dates, got a \(value.kind.rawValue)")
    }
    return d
  }

  /// The value on the last date on or before `day`; an error before the first date, and
  /// missing when the series is stale as of `day` (its data ended a trading day or more
  /// before it: ``DatasetCalendar``; docs/language.md §2).
  static func asOf(_ series: Series, _ day: Int32, dataset: Dataset) throws(Diagnostic) -> Double {
    guard let position = series.index.positionAsOf(day) else {
      let start = series.index.days.first.map { " (it starts \(CivilDate.iso($0)))" } ?? " (it is empty)"
      throw Diagnostic("\(series.name) has no data on or before \(CivilDate.iso(day))\(start)")
    }
    if position == series.count - 1, dataset.calendar.isStale(last: series.index.days[position], asOf: day) {
      return .nan
    }
    return series.values[position]
  }
}
