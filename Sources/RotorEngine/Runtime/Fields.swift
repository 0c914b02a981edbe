import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// `.name` without parentheses: a bars field or a table column when the value has one.
enum Fields {
  /// The field's value, or `nil` when `name` is not a field of the value (then it is a call).
  static func field(of value: Value, _ name: String) throws(Diagnostic) -> Value? {
    // `.end` and `.start`: the dates a series' (or a symbol's) rows end and start on, as
    // `lastdate(x)` gives; a table column of that name wins on a table.
    if name == "end" || name == "start", let series = value.asSeries {
      guard let day = name == "end" ? series.index.days.last : series.index.days.first else {
        throw Diagnostic("\(series.name) is empty: it has no \(name) date")
      }
      return .date(day)
    }
    switch value {
    case .bars(let bars):
      guard let field = Bars.Field(rawValue: name) else { return nil }
      guard let series = bars.series(field) else {
        let present = bars.presentFields.map(\.rawValue)
        throw Diagnostic(
          "\(bars.displayName) has no \(name) prices in this dataset",
          notes: ["it has: " + present.joined(separator: ", ")])
      }
      return .series(series)
    case .table(let table):
      if case .labels(let header, let labels) = table.rows, name == header {
        return .list(labels.map { .string($0) })
      }
      guard let column = table.column(named: name) else { return nil }
      switch (table.rows, column.data) {
      case (.dates(let index), .numbers(let values)):
        return .series(Series(index: index, values: values, name: name))
      case (.labels(_, let labels), .numbers(let values)):
        return .list(values.map { .number($0) }, labels: labels)
      case (.labels(_, let labels), .strings(let values)):
        return .list(values.map { .string($0) }, labels: labels)
      case (.dates, .strings(let values)):
        return .list(values.map { .string($0) })
      }
    case .backtest(let backtest):
      return backtest.field(name)
    default:
      return nil
    }
  }
}
