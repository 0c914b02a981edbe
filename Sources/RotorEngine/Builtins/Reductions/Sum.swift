import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let sum = Builtin.crossReduction(
    "sum", .sum,
    summary: "The total of the non-missing values (0 when there is none).",
    formula:
      "sum(x) = Σ non-missing values (pandas sum); 0 for a series with no values; sum(list of series)[t] = Σ members' values on date t, missing where none has one",
    explanation: """
      Adds up the rows, e.g. the number of days a condition held: (SPY > SPY.sma(200)).sum(). \
      Summing log returns gives the log of the total return. Pitfall: summing simple returns \
      (ret) does not give the compound return; use change() for that. \
      Given a list of series, it adds across the members on each date (a series, missing on a date where no member has a value): sum(map(u, s => s > s.sma(50))) counts the members above their 50-day average.
      """,
    example: "(SPY > SPY.sma(200)).last(1y).sum()"
  ) { Kernels.sum($0.values) }
}
