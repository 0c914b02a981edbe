extension Builtin {
  static let count = Builtin.reduction(
    "count",
    summary: "The number of non-missing values.",
    formula: "count(x) = number of non-missing rows (pandas count)",
    explanation: """
      How many rows hold a value: the trading days in a period, or how much history a \
      symbol has. Pitfall: it counts rows, not true values; to count the days a condition \
      held, use sum() on the bool series instead.
      """,
    example: "SPY.last(1y).count()"
  ) { Double(Kernels.count($0.values)) }
}
