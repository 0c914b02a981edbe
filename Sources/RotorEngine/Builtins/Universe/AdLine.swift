import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let ad_line = breadth(
    "ad_line",
    summary: "The advance/decline line: the running total of advancers − decliners.",
    formula: """
      ad_line(u) = cumsum(advancers(u) − decliners(u)); missing dates (no member counts) stay \
      missing and do not interrupt the total (as cumsum); it starts at the first date's net
      """,
    explanation: """
      The classic breadth line: it rises when more members advance than decline. Its level \
      is arbitrary, so read its direction and compare it with the index: an index making \
      new highs while the A/D line falls is a negative divergence (fewer stocks carrying \
      the rally), and the two rising together confirm the trend. Pitfall: the bundled \
      universe is today's survivors, which bends the line upward over long spans, and holds \
      only the seven mega-caps before 2018-01-02.
      """,
    example: "ad_line(universe()).since(2024-01-02)"
  ) { panel, _, context in Kernels.cumsum(try panel.net(context)) }
}
