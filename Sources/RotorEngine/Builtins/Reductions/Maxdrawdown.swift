import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let maxdrawdown = Builtin.reduction(
    "maxdrawdown",
    summary: "The deepest fall from a running high: min of x / running max − 1 (≤ 0).",
    formula: "maxdrawdown(x) = min over t of x[t] / max(x[..t]) − 1, missing values skipped (pandas cummax)",
    explanation: """
      The worst peak-to-trough loss a holder suffered over the series, as a fraction \
      (−0.2 = a 20% drawdown); drawdown() gives the whole path. Traders weigh a return \
      against it. Pitfall: it depends on the start date, and on closes only (intraday \
      lows can be deeper).
      """,
    example: "NVDA.since(2024-06-20).maxdrawdown()"
  ) { x in
    let peaks = Kernels.cummax(x.values)
    var worst = Double.nan
    for (v, peak) in zip(x.values, peaks) {
      let dd = v / peak - 1
      if !dd.isNaN && !(dd >= worst) { worst = dd }
    }
    return worst
  }
}
