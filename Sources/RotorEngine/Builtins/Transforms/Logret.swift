import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let logret = Builtin.lagged(
    "logret",
    summary: "The log return over n rows.",
    formula: "logret(x,n)[t] = ln(x[t] / x[t-n]); NaN for a negative ratio, -inf for a zero value",
    explanation: """
      The continuously compounded return: log returns add up over time, so the sum of daily \
      log returns is the log of the total move, and they are what volatility is usually \
      measured on. For small moves they are close to ret. Pitfall: they need positive prices; \
      use ret or diff on spreads and oscillators.
      """,
    example: "SPY.logret().since(2025-01-02).sum()",
    kernel: Kernels.logReturn)
}
