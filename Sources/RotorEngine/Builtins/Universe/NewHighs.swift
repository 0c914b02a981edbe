import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let new_highs = breadth(
    "new_highs", extra: [Param("n", .window, default: .value(.number(252)))],
    summary: "How many members close at the highest close of their last n rows, per date.",
    formula: """
      new_highs(u,n=252)[t] = #{m : close_m[t] = max(close_m over its last n rows, today \
      included)}; only members with a full window of n closes (none missing) count; missing \
      on a date where none does. Closes, not intraday highs
      """,
    explanation: """
      New 52-week highs (n = 252 trading days) measure leadership: a healthy advance keeps \
      producing them, and an index high made with few new highs (or more new lows than \
      highs) is a warning. Compare with new_lows(u) or plot new_highs − new_lows. Pitfall: \
      closes are used, not intraday highs, so counts are lower than published ones; the \
      bundled universe is today's survivors, holding only the seven mega-caps before 2018-01-02.
      """,
    example: "new_highs(universe())[2024-07-11]"
  ) { panel, args, context in try panel.total(.highs(try args.window("n")), 0, context) }
}
