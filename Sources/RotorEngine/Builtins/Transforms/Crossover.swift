import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let crossover = Builtin.crossing(
    "crossover", above: true,
    summary: "True on the rows where x crosses above y (Pine's ta.crossover).",
    formula: """
      crossover(x,y)[t] = x[t] > y[t] and x[t−1] <= y[t−1]; y is a series (on the common \
      dates) or a number; a bool series, missing on the first row and wherever x or y is \
      missing at t or t−1
      """,
    explanation: """
      Marks the day a line moves from at-or-below to above another: SPY crossing above its \
      200-day average, a fast average crossing a slow one (a golden cross), or RSI crossing \
      back above 30. Summing it counts the signals. Pitfall: a series hovering around the \
      level produces many crossings (whipsaws), and the signal is known only at that day's \
      close, so act on lag(crossover(...)).
      """,
    example: "crossover(SPY.sma(50), SPY.sma(200)).where(SPY, 0/0).dropna()")
}
