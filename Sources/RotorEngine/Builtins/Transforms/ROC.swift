import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let roc = Builtin.windowed(
    "roc",
    summary: "Rate of change over n rows, in percent (TA-Lib ROC).",
    formula: "roc(x,n)[t] = (x[t] / x[t-n] - 1) * 100 = 100 * ret(x,n); a zero base gives ±inf or NaN",
    explanation: """
      Momentum as a percentage: how far price has moved over the last n trading days. \
      Traders rank sectors by their 63- or 126-day ROC to find leaders, and watch ROC turning \
      down while price still rises as fading momentum. Pitfall: n is required, and the result \
      is in percent (5 = 5%), unlike ret.
      """,
    example: "XLK.roc(63).last() - XLE.roc(63).last()"
  ) { x, n in
    Kernels.withLag(x, n) { current, previous in (current / previous - 1) * 100 }
  }
  .percentValued()
}
