import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let weekly = Builtin.resampled(
    "weekly",
    summary: "The last value of each ISO week (Monday to Sunday), dated by its own date.",
    formula: """
      weekly(x) = for each ISO week holding a non-missing value, the last non-missing value \
      of that week, dated by that value's date (usually Friday; Thursday in a week whose \
      Friday is a holiday)
      """,
    explanation: """
      Turns a daily series into weekly closes, the time frame many breadth and rotation \
      charts use to cut daily noise: weekly(SPY).ret() gives weekly returns, and \
      weekly(SPY).sma(40) is close to the 200-day average. Pitfall: the current week is \
      included even when it is not finished, so its last value can still change.
      """,
    example: "weekly(SPY).ret().tail(5)",
    period: Builtin.isoWeek
  )
}
