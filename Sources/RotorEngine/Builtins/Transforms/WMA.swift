import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let wma = Builtin.windowed(
    "wma",
    summary: "Linearly weighted moving average of the last n rows (TA-Lib WMA).",
    formula: """
      wma(x,n)[t] = (1·x[t-n+1] + 2·x[t-n+2] + … + n·x[t]) / (n(n+1)/2); missing until n rows are \
      seen
      """,
    explanation: """
      Weights the newest row n, the one before n−1, down to 1: a moving average that reacts \
      faster than the SMA but, unlike the EMA, forgets everything outside its window. It is \
      the building block of the Hull moving average. Pitfall: like the SMA, a window holding \
      a missing value is missing.
      """,
    example: "ratio(IWM, SPY).wma(20).last(1mo)",
    kernel: Kernels.wma)
}
