import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let first = Builtin(
    "first", params: [Param("x", .rows), Param("n", .countOrSpan, default: .absent)],
    returns: [.number, .series, .table], effects: .pure, category: .selection,
    summary: "The first non-missing value; with n, the first n rows or the rows before first date + span.",
    formula: """
      first(x) = first non-missing value; first(x,n) = head(x,n); first(x,1mo) = rows before (first \
      date + 1 month); first(x,ytd) = rows in the first date's year
      """,
    explanation: """
      With one argument, the starting value (missing values skipped), e.g. the level a move \
      is measured from. With a count or a calendar span, the opening part of the series: \
      NVDA.since(2024-06-20).first(1mo) is the month after that top. Pitfall: first(x) skips \
      missing values, while head(x, 1) is the first row whatever its value. With a count, \
      text output shows every row asked for (up to 100; rotor --rows N).
      """,
    example: "NVDA.since(2024-06-20).first(1mo).change()"
  ) { args, _ in
    let x = try DatedRows(args, "x", labels: true)
    guard args.has("n") else {
      guard let series = x.series else { throw args.error("n", "is needed for a table: first(table, n)") }
      return .number(Kernels.first(series.values))
    }
    switch try args.value("n") {
    case .duration(let span):
      if x.isCrossSection { throw args.error("n", "must be a count for a table of labels, got a duration") }
      guard let start = x.index.days.first else { return x.slice(0..<0) }
      return x.slice(0..<x.index.lowerBound(endOfSpan(span, from: start)))
    default:
      let n = try args.integer("n")
      guard n >= 0 else { throw args.error("n", "must be a whole number ≥ 0, got \(n)") }
      return x.selected(0..<Swift.min(n, x.count), .first)
    }
  }
}

/// The first date past `span` counted forward from `day` (the mirror of `CalendarSpan.anchor`):
/// `day + span`, months clamped to the month's length; for `ytd`, January 1 of the next year.
private func endOfSpan(_ span: CalendarSpan, from day: Int32) -> Int32 {
  let (y, m, d) = CivilDate.civil(day)
  switch span {
  case .days(let n): return day + Int32(n)
  case .weeks(let n): return day + Int32(7 * n)
  case .months(let n): return CalendarSpan.shift(year: y, month: m, day: d, months: n)
  case .years(let n): return CalendarSpan.shift(year: y, month: m, day: d, months: 12 * n)
  case .yearToDate: return Int32(CivilDate.unchecked(year: y + 1, month: 1, day: 1))
  }
}
