import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let since = Builtin(
    "since", params: [Param("x", .rows), Param("d", .date)], returns: [.series, .table], effects: .pure,
    category: .selection,
    summary: "The rows on or after a date.",
    formula: "since(x,d) = x[d ..]",
    explanation:
      "Cuts a series to start at an event, e.g. a market top, so that change() measures the move since then.",
    example: "NVDA.since(2024-06-20).change()"
  ) { args, _ in
    try DatedRows(args, "x").between(try args.date("d"), nil)
  }
}
