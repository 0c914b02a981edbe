import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let share = Builtin.crossReduction(
    "share", .share,
    summary: "The percentage of true values of a condition; across a list of conditions, per date.",
    formula: """
      share(c) = 100 × (true rows) / (non-missing rows); share(list of bool series)[t] = 100 × \
      (members true on t) / (members with a value on t), missing where none has one
      """,
    explanation: """
      The breadth reduction: given a list of conditions, one per member, it is the percent \
      of members for which the condition holds on each date, a member counting only where \
      its condition is defined. share(map(u, s => s > s.sma(200))) is pct_above(u, 200), \
      and share(map(u, s => s.rsi(14) > 50)) a breadth measure of your own. Given one \
      condition it is the percent of days it held.
      """,
    example: "share(SPY > SPY.sma(200))"
  ) { series in
    let present = series.values.filter { !$0.isNaN }
    guard !present.isEmpty else { return .nan }
    return 100 * Double(present.filter { $0 != 0 }.count) / Double(present.count)
  }
  .percentValued()
}
