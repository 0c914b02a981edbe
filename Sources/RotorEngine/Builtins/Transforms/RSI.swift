import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let rsi = Builtin.windowed(
    "rsi", default: 14,
    summary: "Relative Strength Index (Wilder, TA-Lib RSI), from 0 to 100.",
    formula: """
      rsi(x,n)[t] = 100 − 100/(1 + avgGain/avgLoss) = 100·avgGain/(avgGain + avgLoss), where \
      avgGain and avgLoss start as the simple averages of the first n changes (first value at \
      the (n+1)-th non-missing row) and then follow Wilder's avg = (avg·(n−1) + today)/n; 100 \
      when there are no losses, 0 when the window is flat (avgGain + avgLoss within 1e-8 of 0, \
      as TA-Lib); a missing row gives a missing output and is skipped by the recursion
      """,
    explanation: """
      Momentum on a 0–100 scale: the share of recent movement that was up, smoothed the \
      Wilder way. Traders read above 70 as overbought and below 30 as oversold, and in \
      breadth work count how many sectors or stocks have an RSI above 50. Pitfall: in a \
      strong trend RSI can stay above 70 for months, so it is a gauge of pace, not a sell \
      signal; and like every recursive average its first values depend on where the data begins.
      """,
    example: "sectors.map(s => s.rsi().last())",
    kernel: Kernels.rsi)
}
