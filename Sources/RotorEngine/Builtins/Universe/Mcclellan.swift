import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let mcclellan = breadth(
    "mcclellan",
    summary: "The McClellan oscillator: ema(net advances, 19) − ema(net advances, 39).",
    formula: """
      mcclellan(u) = ema(net,19) − ema(net,39), net = advancers(u) − decliners(u), with \
      Rotor's ema (alpha 2/(n+1), seeded with the SMA of the first n values, missing dates \
      skipped); missing until 39 dates have a net value
      """,
    explanation: """
      A momentum oscillator of breadth: positive when advances have recently outpaced \
      declines more than over the longer run. Crosses of zero and divergences from the index \
      are how it is read. This raw-count form scales with the universe's size: on the bundled \
      S&P 500 universe it ranged from −91 to +73 since 2019 (the low in the COVID crash), and \
      readings beyond ±50 marked stretched breadth (92 of 1,951 days, mostly in 2020 and \
      2022); the overbought and oversold levels quoted for the NYSE assume a list of some \
      3,000 issues and are never reached here. mcclellan_ratio divides by the issues that \
      moved and compares across universes. Pitfall: before 2018-01-02 the bundled universe \
      has only the seven mega-caps.
      """,
    example: "mcclellan(universe()).last(1mo)"
  ) { panel, _, context in try panel.mcclellan(context) }
}
