import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let lowest = Builtin.windowed(
    "lowest",
    summary: "Lowest value of the last n rows, today included (TA-Lib MIN).",
    formula: "lowest(x,n)[t] = min(x[t-n+1], …, x[t]); missing until n rows are seen; lowest(x,1) = x",
    explanation: """
      The bottom of the recent range: a close equal to lowest(close, 252) is a 52-week low, \
      and the distance from it measures how far a symbol has bounced. Pitfall: today is in \
      the window, so compare with lag(lowest(x, n)) to ask whether today broke the previous range.
      """,
    example: "IWM.last() / IWM.lowest(252).last() - 1",
    kernel: Kernels.rollingMin)
}
