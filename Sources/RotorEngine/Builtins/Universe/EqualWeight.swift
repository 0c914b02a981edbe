import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let equal_weight = breadth(
    "equal_weight",
    summary: "A daily-rebalanced equal-weight index of the members, 100 on the first date.",
    formula: """
      equal_weight(u)[first date of the union calendar] = 100; then level[t] = level[t−1] × \
      (1 + mean of the members' ret on t), ret = close/previous row's close − 1 over the members \
      that have one that day; a date where none has one is missing and the level carries over
      """,
    explanation: """
      What the average stock did, rather than the average dollar: compare it with a \
      cap-weighted index (RSP versus SPY in ETF form). equal_weight(mag7) rising slower \
      than SPY means the index is carried by its largest names; the equal-weight line of a \
      broad universe leading the cap-weighted index is a broad, healthy market. Pitfalls: \
      daily rebalancing ignores costs; the bundled universe is today's survivors (an upward \
      bias) and holds only the seven mega-caps before 2018-01-02.
      """,
    example: "equal_weight(mag7).since(2025-11-03).change()"
  ) { panel, _, context in try panel.equalWeight(context) }
}
