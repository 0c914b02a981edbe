import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let zscore = Builtin.windowed(
    "zscore",
    summary: "How many rolling standard deviations x is from its rolling mean.",
    formula: """
      zscore(x,n)[t] = (x[t] − sma(x,n)[t]) / stdev(x,n)[t] (sample σ, ddof = 1, as pandas); \
      missing as the rolling windows, ±inf or missing when the window is constant
      """,
    explanation: """
      Puts a value in context of its own recent history: +2 means two standard deviations \
      above its n-day average, unusually stretched. Rotation traders apply it to ratios such \
      as RSP/SPY to spot extremes that tend to mean-revert. Pitfall: it assumes the recent \
      window is representative; in a trending series the z-score can sit at +2 for a long \
      time, and a short window makes it jumpy.
      """,
    example: "ratio(RSP, SPY).zscore(60).tail(5)"
  ) { x, n in
    let mean = Kernels.rollingMean(x, n)
    let sd = Kernels.rollingStd(x, n)
    return (0..<x.count).map { (x[$0] - mean[$0]) / sd[$0] }
  }
}
