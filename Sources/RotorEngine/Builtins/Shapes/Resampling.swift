import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Resampling to one row per period: the shape of `weekly`, `monthly` and `yearly`.
extension Builtin {
  /// A series → series built-in keeping the last non-missing value of each period; `period`
  /// maps a date to a number identifying its period (equal for dates of one period).
  static func resampled(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    period: @escaping @Sendable (Int32) -> Int
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .any)], returns: [.series, .table], effects: .pure, category: .transform,
      summary: summary,
      formula: formula
        + "; on a time table, the last row date of each period, each column's last non-missing value in it",
      explanation: explanation, example: example
    ) { args, _ in
      if case .table(let table) = try args.value("x") {
        return .table(try resampleTable(table, name: name, period: period))
      }
      return .series(lastOfEachPeriod(try args.series("x"), name: args.callName, period: period))
    }
  }

  /// The ISO week (Monday to Sunday) of a date, as the number of its Monday: `weekly`'s period.
  @Sendable static func isoWeek(_ day: Int32) -> Int { Int(day) - (CivilDate.weekday(day) - 1) }

  /// The last non-missing value of `x` in each period, dated by that value's date.
  static func lastOfEachPeriod(_ x: Series, name: String, period: (Int32) -> Int) -> Series {
    var days: [Int32] = []
    var values: [Double] = []
    var current: Int? = nil
    for (day, v) in zip(x.index.days, x.values) where !v.isNaN {
      let key = period(day)
      if key == current {
        days[days.count - 1] = day
        values[values.count - 1] = v
      } else {
        days.append(day)
        values.append(v)
        current = key
      }
    }
    return Series(index: DateIndex(days), values: values, name: name, isBool: x.isBool)
  }

  /// A time table resampled to one row per period (as pandas `groupby(period).last()`): the
  /// row is dated by the period's last date in the table; each column holds its last
  /// non-missing value within the period.
  static func resampleTable(_ table: Table, name: String, period: (Int32) -> Int) throws(Diagnostic) -> Table
  {
    guard case .dates(let index) = table.rows else {
      throw Diagnostic("\(name): a table needs dates as rows to be resampled")
    }
    var ends: [Int] = []
    for i in 0..<index.count {
      if i + 1 == index.count || period(index.days[i + 1]) != period(index.days[i]) { ends.append(i) }
    }
    var columns: [Table.Column] = []
    for column in table.columns {
      guard let values = column.numbers else {
        throw Diagnostic("\(name): column '\(column.name)' is not numeric")
      }
      var out: [Double] = []
      out.reserveCapacity(ends.count)
      var start = 0
      for end in ends {
        var last = Double.nan
        for i in start...end where !values[i].isNaN { last = values[i] }
        out.append(last)
        start = end + 1
      }
      columns.append(Table.Column(column.name, numbers: out))
    }
    return Table(
      rows: .dates(DateIndex(ends.map { index.days[$0] })), columns: columns,
      percentColumns: table.percentColumns)
  }
}
