import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let lag = Builtin(
    "lag", params: [Param("x", .series), Param("n", .integer, default: .value(.number(1)))],
    returns: [.series], effects: .pure, category: .transform,
    summary: "The value n rows earlier.",
    formula: """
      lag(x,n)[t] = x[t-n]; missing for the first n rows; a negative n looks ahead (a lead); \
      the lag of a condition is a condition
      """,
    explanation: """
      Shifts a series back by n trading days, so that today's row holds the value of n rows \
      ago: the building block of returns and of signals acted on the next day \
      (where(lag(SPY > SPY.sma(200)), …)). Pitfall: rows are trading days, not calendar days, \
      and a lag of a late starter is missing until it has n rows of history.
      """,
    example: "(SPY > SPY.lag()).since(2025-01-02).mean()"
  ) { args, _ in
    let x = try args.series("x")
    let values = Kernels.lag(x.values, try args.integer("n"))
    return .series(x.with(values: values, name: args.callName, isBool: x.isBool))
  }
}
