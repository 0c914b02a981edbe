import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let between = Builtin(
    "between", params: [Param("x", .rows), Param("d1", .date), Param("d2", .date)],
    returns: [.series, .table], effects: .pure, category: .selection,
    summary: "The rows from one date to another, both included.",
    formula: "between(x,d1,d2) = x[d1 .. d2] (inclusive; empty when d2 < d1)",
    explanation: """
      Cuts out an episode, such as a correction or a rotation, to measure it on its own: \
      the change, the drawdown or the best and worst days inside it. The result keeps the \
      input's name. Pitfall: dates that are not trading days simply select the nearest rows inside.
      """,
    example: "ratio(RSP, SPY).between(2024-07-01, 2024-07-31).change()"
  ) { args, _ in
    try DatedRows(args, "x").between(try args.date("d1"), try args.date("d2"))
  }
}
