import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let ema = Builtin.windowed(
    "ema",
    summary: "Exponential moving average (α = 2/(n+1)), seeded with an SMA as TA-Lib.",
    formula: """
      ema(x,n)[t] = ema[t-1] + α·(x[t] − ema[t-1]), α = 2/(n+1); the first value, at the n-th \
      non-missing row, is the mean of the first n non-missing values (TA-Lib EMA); a missing \
      row gives a missing output and is skipped by the recursion
      """,
    explanation: """
      A moving average that weighs recent rows more, so it turns sooner than the SMA of the \
      same length: the 21-day EMA is the short-term trend traders lean on, and MACD is the \
      gap between two EMAs. Pitfall: every output depends on the whole history since the \
      seed, so values near the start differ from a platform that loaded more history.
      """,
    example: "SPY.ema(21).last() / SPY.last() - 1",
    kernel: Kernels.ema)
}
