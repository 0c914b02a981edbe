import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// The JdK-style relative-strength lines, shared by `rs_ratio`, `rs_momentum` and `rrg`.
extension Builtin {
  /// 100 · rs / sma(rs, n) with rs = s / bench on their common dates.
  static func rsRatio(_ s: Series, _ bench: Series, _ n: Int, name: String) -> Series {
    let rs = Series.combine(s, bench, name: name, /)
    let sma = Kernels.rollingMean(rs.values, n)
    return rs.with(values: zip(rs.values, sma).map { 100 * $0 / $1 }, name: name)
  }

  /// 100 · rs / sma(rs, n) on weekly values: rs = s / bench on their common dates, then its
  /// last value of each ISO week, dated by that value's date.
  static func weeklyRsRatio(_ s: Series, _ bench: Series, _ n: Int, name: String) -> Series {
    let daily = Series.combine(s, bench, name: name, /)
    var days: [Int32] = []
    var values: [Double] = []
    var current: Int32? = nil
    for (day, v) in zip(daily.index.days, daily.values) where !v.isNaN {
      let week = day - Int32(CivilDate.weekday(day) - 1)
      if week == current {
        days[days.count - 1] = day
        values[values.count - 1] = v
      } else {
        days.append(day)
        values.append(v)
        current = week
      }
    }
    let sma = Kernels.rollingMean(values, n)
    return Series(index: DateIndex(days), values: zip(values, sma).map { 100 * $0 / $1 }, name: name)
  }

  /// 100 · rs_ratio / lag(rs_ratio, m).
  static func rsMomentum(_ ratio: Series, _ m: Int, name: String) -> Series {
    ratio.with(values: zip(ratio.values, Kernels.lag(ratio.values, m)).map { 100 * $0 / $1 }, name: name)
  }
}
