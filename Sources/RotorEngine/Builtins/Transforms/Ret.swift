import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let ret = Builtin.lagged(
    "ret",
    summary: "The simple return over n rows, as a fraction (0.01 = 1%).",
    formula: """
      ret(x,n)[t] = x[t] / x[t-n] - 1 (pandas pct_change(n) without filling); a zero base gives ±inf \
      or NaN
      """,
    explanation: """
      The percentage move over n trading days, as a fraction. ret(x, 1) is the daily return \
      that equal-weight indexes, volatility and correlation are built from; comparing \
      RSP.ret(20) with SPY.ret(20) shows whether the average stock kept up with the index. \
      Pitfall: it is a fraction, while roc gives percent.
      """,
    example: "NVDA.ret().since(2024-06-20).min()",
    kernel: Kernels.pctChange)
}
