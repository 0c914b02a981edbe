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
      are how it is read; readings beyond about ±100 (on a 500-stock universe) mark \
      overbought or oversold breadth. This is the raw-count version, which scales with the \
      universe's size (the ratio-adjusted variant divides net by advancers + decliners). \
      Pitfall: before 2018-01-02 the bundled universe has only the seven mega-caps.
      """,
    example: "mcclellan(universe()).last(1mo)"
  ) { panel, _, context in try panel.mcclellan(context) }
}
