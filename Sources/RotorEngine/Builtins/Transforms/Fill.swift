import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let fill = Builtin(
    "fill", params: [Param("x", .series)], returns: [.series], effects: .pure, category: .transform,
    summary: "Forward fill: each missing value replaced by the last value before it.",
    formula: """
      fill(x)[t] = x[t] if present, else the last non-missing value before t; leading missing values \
      stay missing (pandas ffill)
      """,
    explanation: """
      Carries the last known value over gaps such as holidays of one market or days a stock \
      did not trade, so that windows and comparisons are not cut by missing rows. Pitfall: a \
      filled value is stale; filling a delisted stock keeps its last price forever.
      """,
    example: "where(IWM == IWM.highest(252), IWM, 0/0).fill().tail(5)"
  ) { args, _ in
    let x = try args.series("x")
    return .series(x.with(values: Kernels.forwardFill(x.values), name: args.callName, isBool: x.isBool))
  }
}
