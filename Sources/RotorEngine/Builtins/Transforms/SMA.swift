import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let sma = Builtin.windowed(
    "sma",
    summary: "Simple moving average of the last n rows.",
    formula: "sma(x,n)[t] = (x[t-n+1] + … + x[t]) / n; missing until n rows are seen",
    explanation: """
      The plain average of the last n closes. Traders read price above its 50- or 200-day \
      average as an uptrend, and the share of stocks above their own average as breadth. \
      Pitfall: it lags, and a window holding a missing value is missing (as pandas).
      """,
    example: "ratio(RSP, SPY).sma(50)",
    kernel: Kernels.rollingMean)
}
