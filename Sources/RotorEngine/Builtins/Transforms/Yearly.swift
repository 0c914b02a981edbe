import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let yearly = Builtin.resampled(
    "yearly",
    summary: "The last value of each calendar year, dated by its own date.",
    formula: """
      yearly(x) = for each calendar year holding a non-missing value, the last non-missing \
      value of that year, dated by that value's date (the year's last trading day)
      """,
    explanation: """
      Year-end values, for calendar-year returns: yearly(SPY).ret() lists each year's total \
      return, so good and bad years and the spread between sectors stand out at a glance. \
      Pitfall: the first year's return needs the previous year-end, so it is missing, and the \
      current year is a partial year.
      """,
    example: "yearly(SPY).ret().tail(8)"
  ) { day in CivilDate.civil(day).year }
}
