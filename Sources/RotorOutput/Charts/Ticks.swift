import Foundation
import RotorCore
import RotorSyntax

/// Readable axis ticks: "nice" numbers (1, 2 or 5 × 10ᵏ) on a value axis, calendar
/// boundaries (years, months, weeks or days, whichever the span and the room allow) on a
/// date axis.
public enum Ticks {
  /// Nice ticks inside `lo...hi`: the smallest step of 1, 2 or 5 × 10ᵏ that gives at most
  /// `maxCount` ticks. `step` sets how many decimals the labels need.
  public static func values(_ lo: Double, _ hi: Double, maxCount: Int) -> (ticks: [Double], step: Double) {
    guard lo.isFinite, hi.isFinite, hi > lo else { return (lo.isFinite ? [lo] : [], 1) }
    let limit = max(1, maxCount)
    let raw = (hi - lo) / Double(limit)
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    var step = magnitude
    for multiplier in [1.0, 2, 5, 10, 20, 50, 100] {
      step = multiplier * magnitude
      if count(lo, hi, step) <= limit { break }
    }
    let first = (lo / step).rounded(.up)
    let last = (hi / step).rounded(.down)
    guard first <= last else { return ([], step) }
    let ticks = stride(from: first, through: last, by: 1).map { k -> Double in
      let v = k * step
      return v == 0 ? 0 : v
    }
    return (ticks, step)
  }

  /// Ticks for a logarithmic axis inside `lo...hi` (both > 0): the densest of 1-2-5,
  /// 1-3 and 1 × 10ᵏ, then every second, fifth, … power of ten, with at most `maxCount`.
  public static func logValues(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
    guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return lo > 0 && lo.isFinite ? [lo] : [] }
    let first = Int(log10(lo).rounded(.down))
    let last = Int(log10(hi).rounded(.up))
    func ticks(_ multipliers: [Double], every: Int) -> [Double] {
      var out: [Double] = []
      for k in first...last where k % every == 0 {
        for m in multipliers {
          let v = m * pow(10, Double(k))
          if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { out.append(v) }
        }
      }
      return out
    }
    for multipliers in [[1.0, 2, 5], [1, 3], [1]] {
      let candidate = ticks(multipliers, every: 1)
      if candidate.count <= max(1, maxCount) { return candidate }
    }
    var every = 2
    while true {
      let candidate = ticks([1], every: every)
      if candidate.count <= max(1, maxCount) || every > 1000 { return candidate }
      every = every == 2 ? 5 : every * 2
    }
  }

  private static func count(_ lo: Double, _ hi: Double, _ step: Double) -> Int {
    Int((hi / step).rounded(.down) - (lo / step).rounded(.up)) + 1
  }

  /// The label of a value tick: as many decimals as the step needs; `M`/`B` for millions and
  /// billions; a `%` for percentages, with a sign when `signed` (a % change).
  public static func label(_ v: Double, step: Double, percent: Bool = false, signed: Bool = false) -> String {
    var value = v
    var unit = ""
    var unitStep = step
    let scale = max(abs(v), step)
    if !percent && scale >= 1e9 {
      (value, unitStep, unit) = (v / 1e9, step / 1e9, "B")
    } else if !percent && scale >= 1e6 {
      (value, unitStep, unit) = (v / 1e6, step / 1e6, "M")
    }
    let decimals = max(0, Int((-log10(unitStep) - 1e-9).rounded(.up)))
    var text = String(format: "%.\(min(decimals, 10))f", value)
    if text.hasPrefix("-") && Double(text) == 0 { text.removeFirst() }
    if signed && value > 0 && Double(text) != 0 { text = "+" + text }
    return text + unit + (percent ? "%" : "")
  }

  /// A tick on a date axis.
  public struct DateTick: Sendable, Equatable {
    /// The calendar boundary it marks.
    public var day: Int32
    /// Its label: `2024`, `Jul`, `Jul 2024`, `Jul 8`, `Jul 8 2024`.
    public var label: String
  }

  /// The spacings a date axis tries, finest first.
  public enum DateStep: Sendable, Equatable, CaseIterable {
    case day, week, twoWeeks, month, twoMonths, quarter, halfYear, year, twoYears, fiveYears, tenYears
    case twentyYears
  }

  /// Date ticks between `first` and `last`: the finest step whose labels `fits` (given the
  /// ticks, in order) accepts; else the coarsest step with a tick. Labels name the year at
  /// the first tick and wherever the year changes.
  public static func dates(
    from first: Int32, to last: Int32, fits: ([DateTick]) -> Bool
  ) -> [DateTick] {
    var single: [DateTick]?
    for step in DateStep.allCases {
      let ticks = dates(from: first, to: last, step: step)
      if ticks.isEmpty || !fits(ticks) { continue }
      if ticks.count >= 2 { return ticks }
      if single == nil { single = ticks }
    }
    return single ?? []
  }

  private static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The ticks of one step between two dates, labelled.
  public static func dates(from first: Int32, to last: Int32, step: DateStep) -> [DateTick] {
    guard first <= last else { return [] }
    var days: [Int32] = []
    let start = CivilDate.civil(first)
    let end = CivilDate.civil(last)
    switch step {
    case .day, .week, .twoWeeks:
      var d = first
      while d <= last {
        let weekday = CivilDate.weekday(d)
        switch step {
        case .day: if weekday <= 5 { days.append(d) }
        case .week: if weekday == 1 { days.append(d) }
        default: if weekday == 1 && (Int(d) / 7) % 2 == 0 { days.append(d) }
        }
        d += 1
      }
    case .month, .twoMonths, .quarter, .halfYear:
      let every = step == .month ? 1 : step == .twoMonths ? 2 : step == .quarter ? 3 : 6
      var (y, m) = (start.year, start.month)
      while y < end.year || (y == end.year && m <= end.month) {
        if (m - 1) % every == 0, let d = CivilDate.days(year: y, month: m, day: 1), d >= first, d <= last {
          days.append(d)
        }
        (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
      }
    case .year, .twoYears, .fiveYears, .tenYears, .twentyYears:
      let every = [DateStep.year: 1, .twoYears: 2, .fiveYears: 5, .tenYears: 10, .twentyYears: 20][step] ?? 1
      for y in start.year...end.year where y % every == 0 {
        if let d = CivilDate.days(year: y, month: 1, day: 1), d >= first, d <= last { days.append(d) }
      }
    }
    var ticks: [DateTick] = []
    var previousYear: Int?
    for d in days {
      let (y, m, day) = CivilDate.civil(d)
      let newYear = previousYear != y
      previousYear = y
      let label: String
      switch step {
      case .day, .week, .twoWeeks:
        label = "\(monthNames[m - 1]) \(day)" + (newYear ? " \(y)" : "")
      case .month, .twoMonths, .quarter, .halfYear:
        label = m == 1 ? "\(y)" : monthNames[m - 1] + (ticks.isEmpty ? " \(y)" : "")
      default:
        label = "\(y)"
      }
      ticks.append(DateTick(day: d, label: label))
    }
    return ticks
  }
}
