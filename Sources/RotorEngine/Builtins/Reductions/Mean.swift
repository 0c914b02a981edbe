import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let mean = Builtin.crossReduction(
    "mean", .mean,
    summary: "Average of the non-missing values.",
    formula:
      "mean(x) = Σ x / count(x), missing values skipped; mean(list of series)[t] = mean of the members' values on date t",
    explanation:
      "The arithmetic average over the whole series (as pandas' mean, skipping missing values). Given a list of series, it averages across the members on each date instead (a series): mean(map(universe(), s => s.ret(63))) is the average 3-month return of the universe, day by day.",
    example: "SPY.ret().since(2024-01-01).mean()"
  ) { Kernels.mean($0.values) }
}
