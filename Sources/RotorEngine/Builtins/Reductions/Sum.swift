import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let sum = Builtin.reduction(
    "sum",
    summary: "The total of the non-missing values (0 when there is none).",
    formula: "sum(x) = Σ non-missing values (pandas sum); 0 for a series with no values",
    explanation: """
      Adds up the rows, e.g. the number of days a condition held: (SPY > SPY.sma(200)).sum(). \
      Summing log returns gives the log of the total return. Pitfall: summing simple returns \
      (ret) does not give the compound return; use change() for that.
      """,
    example: "(SPY > SPY.sma(200)).last(1y).sum()"
  ) { Kernels.sum($0.values) }
}
