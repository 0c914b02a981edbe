import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let cumsum = Builtin(
    "cumsum", params: [Param("x", .series)], returns: [.series], effects: .pure, category: .transform,
    summary: "Running total, skipping missing values.",
    formula: """
      cumsum(x)[t] = x[t0] + … + x[t] over the non-missing values; missing rows stay missing (pandas \
      cumsum)
      """,
    explanation: """
      Adds up a series from its first row. Summing daily net advances gives the \
      advance/decline line, and summing daily log returns gives the log of the total move. \
      Read its slope, not its level, which depends on where the sum started. Pitfall: \
      missing rows are skipped (the total carries over them), not treated as zero.
      """,
    example: "SPY.logret().since(2024-06-20).cumsum().last()"
  ) { args, _ in
    let x = try args.series("x")
    return .series(x.with(values: Kernels.cumsum(x.values), name: args.callName))
  }
}
