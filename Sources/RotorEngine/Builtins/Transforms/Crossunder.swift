import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let crossunder = Builtin.crossing(
    "crossunder", above: false,
    summary: "True on the rows where x crosses below y (Pine's ta.crossunder).",
    formula: """
      crossunder(x,y)[t] = x[t] < y[t] and x[t−1] >= y[t−1]; y is a series (on the common \
      dates) or a number; a bool series, missing on the first row and wherever x or y is \
      missing at t or t−1
      """,
    explanation: """
      Marks the day a line drops from at-or-above to below another: SPY losing its 200-day \
      average, a fast average falling under a slow one (a death cross), or the share of \
      stocks above their 50-day average dropping under 50. Pitfall: near the level a noisy \
      series crosses back and forth, so many traders require a margin or a few days' \
      confirmation before acting.
      """,
    example: "crossunder(SPY, SPY.sma(200)).since(2020-01-02).sum()")
}
