import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let argmin = Builtin(
    "argmin", params: [Param("x", .series)], returns: [.date], effects: .pure, category: .reduction,
    summary: "The date of the smallest value (the first one on ties).",
    formula:
      "argmin(x) = date of the first occurrence of min(x), missing values skipped (pandas idxmin); an error when x has no values",
    explanation: """
      When the low was made: SPY.last(1y).argmin() dates the 52-week closing low, and \
      x.since(x.argmin()).change() is the bounce since. Pitfall: on a drawdown() series it \
      dates the trough, not the peak before it.
      """,
    example: "SPY.last(1y).argmin()"
  ) { args, _ in
    let x = try args.series("x")
    guard let i = Kernels.argmin(x.values) else {
      throw Diagnostic("argmin: \(x.name) \(x.count == 0 ? "is empty" : "has only missing values")")
    }
    return .date(x.index.days[i])
  }
}
