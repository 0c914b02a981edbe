import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let last = Builtin(
    "last", params: [Param("x", .rows), Param("n", .countOrSpan, default: .absent)],
    returns: [.number, .series, .table], effects: .pure, category: .selection,
    summary: "The last non-missing value; with n, the last n rows or the rows after last date − span.",
    formula:
      "last(x) = last non-missing value; last(x,n) = tail(x,n); last(x,3mo) = rows after (last date − 3 months)",
    explanation: """
      With one argument, the latest reading (missing values skipped). With a count or a \
      calendar span, the recent part of the series: x.last(3mo) for a chart or a mean. For \
      a period return use x.change(3mo): x.last(3mo).change() starts from the first row \
      inside the window and so leaves out that day's move. With a count, text output shows every row asked for \
      (up to 100; rotor --rows N).
      """,
    example: "SPY.last(3mo).mean()"
  ) { args, _ in
    let x = try DatedRows(args, "x", labels: true)
    guard args.has("n") else {
      guard let series = x.series else { throw args.error("n", "is needed for a table: last(table, n)") }
      return .number(Kernels.last(series.values))
    }
    switch try args.value("n") {
    case .duration(let span):
      if x.isCrossSection { throw args.error("n", "must be a count for a table of labels, got a duration") }
      guard let end = x.index.days.last else { return x.slice(0..<0) }
      return x.slice(x.index.upperBound(span.anchor(before: end))..<x.count)
    default:
      let n = try args.integer("n")
      guard n >= 0 else { throw args.error("n", "must be a whole number ≥ 0, got \(n)") }
      return x.selected(Swift.max(0, x.count - n)..<x.count, .last)
    }
  }
}
