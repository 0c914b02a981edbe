import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let stdev = Builtin.windowed(
    "stdev",
    summary: "Rolling sample standard deviation of the last n rows (ddof = 1, as pandas).",
    formula: """
      stdev(x,n)[t] = √( Σ (x[i] − mean)² / (n − 1) ) over the last n rows; stdev(x,1) is all \
      missing
      """,
    explanation: """
      How widely the last n values scatter around their mean. On daily returns it is the \
      realised volatility (multiply by sqrt(252) to annualise, or use vol); on a ratio such as \
      RSP/SPY it tells how noisy the rotation is. Pitfall: it uses n − 1 (sample, as pandas), \
      while Bollinger bands use the population σ (n), so the two differ slightly.
      """,
    example: "SPY.ret().stdev(20).last() * sqrt(252)",
    kernel: Kernels.rollingStd)
}
