import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let mcclellan_ratio = breadth(
    "mcclellan_ratio",
    summary: "The ratio-adjusted McClellan oscillator: the net advances as a share of the movers.",
    formula: """
      mcclellan_ratio(u) = ema(r,19) − ema(r,39), r = (advancers(u) − decliners(u)) / \
      (advancers(u) + decliners(u)) × 1000 (unchanged members left out; missing on a date \
      where no member moved); Rotor's ema as in mcclellan; missing until 39 dates have an r
      """,
    explanation: """
      The form that compares across universes and years: the daily net advances are divided \
      by the number of issues that moved, so a 500-stock index, a 40-stock sector and the \
      2018 universe read on one scale (r runs from −1000, all down, to +1000, all up). On the \
      bundled S&P 500 universe it ranged from −164 to +133 since 2019; the usual levels hold: \
      beyond ±50 is stretched breadth (about a quarter of days), beyond ±70 overbought or \
      oversold, and beyond ±100 an extreme (54 of 1,951 days, nearly all in the COVID crash \
      of 2020 and the 2022 bear market). Pitfall: a small universe swings further; check its \
      range with x.min() and x.max() before reading levels.
      """,
    example: "mcclellan_ratio(universe()).last(1mo)"
  ) { panel, _, context in try panel.mcclellanRatio(context) }
}
