import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let net_new_highs = breadth(
    "net_new_highs", extra: [Param("n", .window, default: .value(.number(252)))],
    summary: "New highs minus new lows, per date.",
    formula: """
      net_new_highs(u,n=252) = new_highs(u,n) − new_lows(u,n): members closing at the \
      highest close of their last n rows minus those at the lowest (closes, a full window \
      each); missing on a date where no member has a full window
      """,
    explanation: """
      The balance of leadership in one number: positive when more members make new highs \
      than new lows. A market rising on negative net new highs is carried by a few names. \
      On the bundled universe it was −326 on 2020-03-12 in the COVID crash, +191 on \
      2021-05-07, and −192 on 2025-04-08 (no new high at all). Pitfall: a raw count that \
      scales with the universe; high_low_index compares across universes.
      """,
    example: "net_new_highs(universe())[2025-04-08]"
  ) { panel, args, context in
    let (highs, lows) = try panel.highsAndLows(try args.window("n"), context)
    return zip(highs, lows).map(-)
  }
}
