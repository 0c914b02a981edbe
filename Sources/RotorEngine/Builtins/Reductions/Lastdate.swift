import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let lastdate = Builtin(
    "lastdate", params: [Param("x", .series)], returns: [.date], effects: .pure,
    category: .reduction,
    summary: "The date of the series' last row: when its data ends.",
    formula:
      "lastdate(x) = the date of x's last row (missing values count as rows); an error for an empty series",
    explanation: """
      Symbols end on different dates: the bundled ^RUT stops months before SPY. Check \
      x.lastdate() before reading x at a recent date — a date later than it (with a trading \
      day between) reads as missing, and perf marks such members in a note. Compare with \
      the dataset's latest date shown by the REPL's :data. The field x.end is the same \
      date (and x.start the first).
      """,
    example: "NVDA.lastdate()"
  ) { args, _ in
    let x = try args.series("x")
    guard let last = x.index.days.last else { throw args.error("x", "is empty: it has no last date") }
    return .date(last)
  }
}
