import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let highest = Builtin.windowed(
    "highest",
    summary: "Highest value of the last n rows, today included (TA-Lib MAX).",
    formula: "highest(x,n)[t] = max(x[t-n+1], …, x[t]); missing until n rows are seen; highest(x,1) = x",
    explanation: """
      The top of the recent range: a close equal to highest(close, 252) is a 52-week high, \
      which is how new-high breadth is counted, and a close above yesterday's highest(close, 20) \
      is a Donchian breakout. Pitfall: today is in the window, so compare with \
      lag(highest(x, n)) to ask whether today broke the previous range.
      """,
    example: "SPY.last() / SPY.highest(252).last() - 1",
    kernel: Kernels.rollingMax)
}
