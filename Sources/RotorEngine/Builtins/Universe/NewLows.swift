import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let new_lows = breadth(
    "new_lows", extra: [Param("n", .window, default: .value(.number(252)))],
    summary: "How many members close at the lowest close of their last n rows, per date.",
    formula: """
      new_lows(u,n=252)[t] = #{m : close_m[t] = min(close_m over its last n rows, today \
      included)}; only members with a full window of n closes (none missing) count; missing \
      on a date where none does. Closes, not intraday lows
      """,
    explanation: """
      New 52-week lows count the stocks breaking down. Spikes mark washouts (many lows at \
      once often come near selling climaxes), and a steady rise while the index holds up \
      is deterioration under the surface. Read it with new_highs. Pitfall: the bundled \
      universe is today's survivors, so it holds few of the stocks that kept making lows \
      and then left the index.
      """,
    example: "new_lows(universe())[2025-04-08]"
  ) { panel, args, context in try panel.total(.lows(try args.window("n")), 0, context) }
}
