import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let monthly = Builtin.resampled(
    "monthly",
    summary: "The last value of each calendar month, dated by its own date.",
    formula: """
      monthly(x) = for each calendar month holding a non-missing value, the last non-missing \
      value of that month, dated by that value's date (the month's last trading day)
      """,
    explanation: """
      Month-end values: the grid for monthly returns, seasonality studies and the classic \
      10-month moving-average timing rule (monthly(SPY) > monthly(SPY).sma(10)). Monthly \
      returns of sectors, compared side by side, show rotation without daily noise. Pitfall: \
      the current month is included even when it is not finished.
      """,
    example: "monthly(SPY).ret().tail(6)"
  ) { day in
    let (y, m, _) = CivilDate.civil(day)
    return y * 12 + m
  }
}
