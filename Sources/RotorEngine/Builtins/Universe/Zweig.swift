import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let zweig = breadth(
    "zweig", extra: [Param("n", .window, default: .value(.number(10)))],
    summary: "The Zweig breadth-thrust line: the n-day EMA of advancers ÷ (advancers + decliners).",
    formula: """
      zweig(u,n=10) = ema(advancers(u) ÷ (advancers(u) + decliners(u)), n), a fraction from 0 \
      to 1 (unchanged members left out; missing on a date where no member moved), with \
      Rotor's ema: alpha 2/(n+1) seeded with the SMA of the first n values (TA-Lib EMA), not \
      pandas ewm(span=n, adjust=False), which seeds with the first value (the two agree to \
      1e-9 after about 100 values); missing until n dates have a value
      """,
    explanation: """
      Martin Zweig's gauge of buying pressure: the share of moving stocks that rose, \
      smoothed over about two weeks. It sits near 0.5; below 0.40 is a washed-out market, \
      above 0.615 a broad surge. Its use is the thrust (zweig_thrust): a swing from the \
      first to the second within ten days. On the bundled universe it fell to 0.368 on \
      2023-10-27 and reached 0.645 on 2023-11-03, a thrust; after the tariff crash it \
      touched 0.345 on 2025-04-08 and 0.614 on 2025-04-24, just short of 0.615, and crossed \
      only later (0.621 on 2025-04-29), so no thrust fired. Pitfall: the levels were set on \
      the NYSE's issues; a 500-stock universe swings a little further.
      """,
    example: "zweig(universe()).between(2025-04-01, 2025-04-30)"
  ) { panel, args, context in try panel.zweig(try args.window("n"), context) }
}
