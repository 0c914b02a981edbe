import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let until = Builtin(
    "until", params: [Param("x", .rows), Param("d", .date)], returns: [.series, .table], effects: .pure,
    category: .selection,
    summary: "The rows on or before a date.",
    formula: "until(x,d) = x[.. d]",
    explanation: """
      Cuts a series to end at an event, e.g. a market top, to study the run-up that led to \
      it: SPY.until(2025-02-19).change(3mo) is the rally into that peak. The result \
      keeps the input's name.
      """,
    example: "SPY.until(2025-02-19).change(3mo)"
  ) { args, _ in
    try DatedRows(args, "x").between(nil, try args.date("d"))
  }
}
