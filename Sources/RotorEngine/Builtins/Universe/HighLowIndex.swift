import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let high_low_index = breadth(
    "high_low_index",
    extra: [
      Param("n", .window, default: .value(.number(252))), Param("m", .window, default: .value(.number(10))),
    ],
    summary: "The high–low index: the m-day average of new highs ÷ (new highs + new lows), in percent.",
    formula: """
      high_low_index(u,n=252,m=10) = sma(100 × new_highs(u,n) ÷ (new_highs(u,n) + \
      new_lows(u,n)), m): the record-high percent averaged over the last m rows of the \
      universe's calendar (pandas rolling(m).mean()); missing on a date with neither a new \
      high nor a new low, and for the m − 1 rows after it
      """,
    explanation: """
      Which side of the 52-week range the moving stocks are on: above 50 more members make \
      new highs than new lows, and readings above 70 go with strong uptrends; below 30 the \
      lows dominate. A cross back above 50 after a washout is read as the lows giving way. \
      On the bundled universe it read 80.6 on 2024-07-11, 23.8 on 2022-10-12 at the 2022 low, \
      25.1 on 2025-04-16 after the tariff crash, and was back to 77.7 on 2025-06-30. Pitfall: \
      on a small universe a day with no new high or low is common, and it leaves the index \
      missing for m rows.
      """,
    example: "high_low_index(universe())[2025-04-08]"
  ) { panel, args, context in
    try panel.highLowIndex(try args.window("n"), try args.window("m"), context)
  }
  .percentValued()
}
