import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let std = Builtin.crossReduction(
    "std", .std,
    summary: "Sample standard deviation of the non-missing values (ddof = 1).",
    formula:
      "std(x) = √(Σ(x − mean)² / (count − 1)), missing values skipped (pandas std); missing for fewer than 2 values; std(list of series)[t] = std of the members' values on date t",
    explanation: """
      How widely values spread around their mean. On daily returns it is daily volatility: \
      multiply by √252 to annualise (vol() does this on a rolling window). Pitfall: std of \
      prices mixes trend with noise; take it on ret() or logret(). \
      Given a list of series, it is the dispersion across the members on each date (a series): std(map(u, s => s.ret(21))) is how far apart the members' 1-month returns are.
      """,
    example: "SPY.ret().last(1y).std()"
  ) { Kernels.std($0.values) }
}
