import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// The thrust and new-high breadth measures shared by `zweig`, `zweig_thrust`,
/// `high_low_index`, `net_new_highs` and `summation_ratio`.
extension Breadth {
  /// The Zweig breadth-thrust line: Rotor's EMA (TA-Lib-seeded, missing values skipped) of
  /// advancers ÷ (advancers + decliners), a fraction from 0 to 1 (missing where no member moved).
  func zweig(_ n: Int, _ context: CallContext) throws(Diagnostic) -> [Double] {
    let advancers = try total(.change, 0, context)
    let decliners = try total(.change, 1, context)
    var share = [Double](repeating: .nan, count: advancers.count)
    for t in share.indices where advancers[t] + decliners[t] > 0 {
      share[t] = advancers[t] / (advancers[t] + decliners[t])
    }
    return Kernels.ema(share, n)
  }

  /// The new highs and the new lows of the last n rows, per date.
  func highsAndLows(_ n: Int, _ context: CallContext) throws(Diagnostic) -> (highs: [Double], lows: [Double])
  {
    (try total(.highs(n), 0, context), try total(.lows(n), 0, context))
  }

  /// The high–low index: the m-row simple average of 100 × highs ÷ (highs + lows), the
  /// record-high percent (missing on a date with neither, and so for the m rows after).
  func highLowIndex(_ n: Int, _ m: Int, _ context: CallContext) throws(Diagnostic) -> [Double] {
    let (highs, lows) = try highsAndLows(n, context)
    var percent = [Double](repeating: .nan, count: highs.count)
    for t in percent.indices where highs[t] + lows[t] > 0 {
      percent[t] = 100 * highs[t] / (highs[t] + lows[t])
    }
    return Kernels.rollingMean(percent, m)
  }
}

extension Builtin {
  /// The thrust signal of a line: true on row t when `line[t] > high`, `line[t−1] ≤ high`
  /// and some row of the `window` rows before t (t−window … t−1) was below `low`; false
  /// where the line is defined and the signal does not fire; missing where the line is.
  static func thrust(_ line: [Double], low: Double, high: Double, window: Int) -> [Double] {
    var out = [Double](repeating: .nan, count: line.count)
    var lastBelow: Int?  // the last row before t that was below `low`: one pass, O(n)
    for t in line.indices {
      if !line[t].isNaN {
        let crossesUp = t > 0 && line[t] > high && !(line[t - 1] > high)
        out[t] = crossesUp && lastBelow.map { $0 >= t - window } == true ? 1 : 0
      }
      if line[t] < low { lastBelow = t }
    }
    return out
  }
}
