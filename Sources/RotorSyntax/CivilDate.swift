/// Conversions between calendar dates and day numbers (days since 1970-01-01).
///
/// Dates are stored as `Int32` day numbers everywhere in Rotor; these are the
/// proleptic Gregorian algorithms of H. Hinnant's `days_from_civil`.
public enum CivilDate {
  /// The day number of a calendar date, or `nil` when the date does not exist.
  public static func days(year: Int, month: Int, day: Int) -> Int32? {
    guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
      (1...9999).contains(year)
    else { return nil }
    return Int32(unchecked(year: year, month: month, day: day))
  }

  /// The day number of a date known to be valid (the caller checks month and day ranges).
  public static func unchecked(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The calendar date of a day number.
  public static func civil(_ days: Int32) -> (year: Int, month: Int, day: Int) {
    let z = Int(days) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Whether a year is a Gregorian leap year.
  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// Days in a month of a year.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// ISO 8601 text, `YYYY-MM-DD`.
  public static func iso(_ days: Int32) -> String {
    let (y, m, d) = civil(days)
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
  }

  /// Parses `YYYY-MM-DD` (exactly), returning `nil` for anything else or an impossible date.
  public static func parseISO<C: Collection>(_ bytes: C) -> Int32? where C.Element == UInt8 {
    guard bytes.count == 10 else { return nil }
    var digits: [Int] = []
    digits.reserveCapacity(8)
    for (i, b) in bytes.enumerated() {
      if i == 4 || i == 7 {
        guard b == UInt8(ascii: "-") else { return nil }
      } else {
        guard b >= 48, b <= 57 else { return nil }
        digits.append(Int(b) - 48)
      }
    }
    let y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
    let m = digits[4] * 10 + digits[5]
    let d = digits[6] * 10 + digits[7]
    return days(year: y, month: m, day: d)
  }

  /// ISO weekday, 1 = Monday … 7 = Sunday.
  public static func weekday(_ days: Int32) -> Int {
    let w = (Int(days) + 3) % 7  // 1970-01-01 was a Thursday
    return (w < 0 ? w + 7 : w) + 1
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
