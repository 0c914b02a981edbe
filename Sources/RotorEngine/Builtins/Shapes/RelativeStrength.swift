import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// The JdK-style relative-strength lines, shared by `rs_ratio`, `rs_momentum` and `rrg`.
extension Builtin {
  /// 100 · rs / sma(rs, n) with rs = s / bench on their common dates.
  static func rsRatio(_ s: Series, _ bench: Series, _ n: Int, name: String) -> Series {
    let rs = Series.combine(s, bench, name: name, .divide)
    let sma = Kernels.rollingMean(rs.values, n)
    return rs.with(values: zip(rs.values, sma).map { 100 * $0 / $1 }, name: name)
  }

  /// 100 · rs / sma(rs, n) on weekly values: rs = s / bench on their common dates, then its
  /// last value of each ISO week, dated by that value's date.
  static func weeklyRsRatio(_ s: Series, _ bench: Series, _ n: Int, name: String) -> Series {
    let weekly = lastOfEachPeriod(Series.combine(s, bench, name: name, .divide), name: name, period: isoWeek)
    let sma = Kernels.rollingMean(weekly.values, n)
    return weekly.with(values: zip(weekly.values, sma).map { 100 * $0 / $1 }, name: name)
  }

  /// 100 · rs_ratio / lag(rs_ratio, m).
  static func rsMomentum(_ ratio: Series, _ m: Int, name: String) -> Series {
    ratio.with(values: zip(ratio.values, Kernels.lag(ratio.values, m)).map { 100 * $0 / $1 }, name: name)
  }
}
