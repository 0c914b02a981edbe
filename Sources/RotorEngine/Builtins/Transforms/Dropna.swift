import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let dropna = Builtin(
    "dropna", params: [Param("x", .series)], returns: [.series], effects: .pure, category: .transform,
    summary: "The series without its missing rows (its dates shrink).",
    formula: "dropna(x) = the rows of x whose value is present (pandas dropna)",
    explanation: """
      Removes the rows where the value is missing, e.g. before a symbol listed or days it did \
      not trade, so that count(), head() and lag() work on real observations only. Pitfall: \
      after dropna, rows no longer line up with the trading calendar; lag(dropna(x), 1) may \
      reach back over a gap.
      """,
    example: "where(SPY == SPY.highest(252), SPY, 0/0).dropna().tail(3)"
  ) { args, _ in
    let x = try args.series("x")
    var days: [Int32] = []
    var values: [Double] = []
    for (day, v) in zip(x.index.days, x.values) where !v.isNaN {
      days.append(day)
      values.append(v)
    }
    let index = days.count == x.count ? x.index : DateIndex(days)
    return .series(Series(index: index, values: values, name: args.callName, isBool: x.isBool))
  }
}
