import RotorSyntax

/// A calendar span: `5d`, `2w`, `3mo`, `1y` or `ytd` (docs/language.md §1).
public enum CalendarSpan: Sendable, Hashable, CustomStringConvertible {
  case days(Int)
  case weeks(Int)
  case months(Int)
  case years(Int)
  /// Year to date: back to the last day of the previous calendar year.
  case yearToDate

  /// The date this span reaches back to from `day`.
  ///
  /// Months and years clamp the day of the month (2024-03-31 − 1mo = 2024-02-29), as
  /// pandas' `DateOffset` does. `ytd` goes to December 31 of the previous year.
  public func anchor(before day: Int32) -> Int32 {
    let (y, m, d) = CivilDate.civil(day)
    switch self {
    case .days(let n): return day - Int32(n)
    case .weeks(let n): return day - Int32(7 * n)
    case .months(let n): return Self.shift(year: y, month: m, day: d, months: -n)
    case .years(let n): return Self.shift(year: y, month: m, day: d, months: -12 * n)
    case .yearToDate: return Int32(CivilDate.unchecked(year: y - 1, month: 12, day: 31))
    }
  }

  package static func shift(year: Int, month: Int, day: Int, months: Int) -> Int32 {
    let total = year * 12 + (month - 1) + months
    let ny = total >= 0 ? total / 12 : (total - 11) / 12
    let nm = total - ny * 12 + 1
    let nd = min(day, CivilDate.daysInMonth(year: ny, month: nm))
    return Int32(CivilDate.unchecked(year: ny, month: nm, day: nd))
  }

  public var description: String {
    switch self {
    case .days(let n): return "\(n)d"
    case .weeks(let n): return "\(n)w"
    case .months(let n): return "\(n)mo"
    case .years(let n): return "\(n)y"
    case .yearToDate: return "ytd"
    }
  }
}

extension CalendarSpan {
  /// The longest span a script may write, about 10,000 years in each unit: dates shifted by
  /// it stay far inside the day-number range, so no date arithmetic can overflow.
  public static let limits: [(unit: String, most: Int)] = [
    ("d", 3_653_000), ("w", 521_000), ("mo", 120_000), ("y", 10_000),
  ]

  /// The span a duration literal denotes, or an error when it is longer than ``limits``.
  public static func checked(_ literal: DurationLiteral) throws(Diagnostic) -> CalendarSpan {
    let (count, unit): (Int, String)
    switch literal {
    case .days(let n): (count, unit) = (n, "d")
    case .weeks(let n): (count, unit) = (n, "w")
    case .months(let n): (count, unit) = (n, "mo")
    case .years(let n): (count, unit) = (n, "y")
    case .yearToDate: return .yearToDate
    }
    let most = limits.first { $0.unit == unit }?.most ?? 0
    guard count <= most else {
      throw Diagnostic(
        "duration \(count)\(unit) is out of range",
        notes: [
          "a duration is at most about 10,000 years: "
            + limits.map { "\($0.most)\($0.unit)" }.joined(separator: ", ")
        ])
    }
    return CalendarSpan(literal)
  }

  /// The span a duration literal denotes.
  public init(_ literal: DurationLiteral) {
    switch literal {
    case .days(let n): self = .days(n)
    case .weeks(let n): self = .weeks(n)
    case .months(let n): self = .months(n)
    case .years(let n): self = .years(n)
    case .yearToDate: self = .yearToDate
    }
  }
}
