import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let zweig_thrust = breadth(
    "zweig_thrust",
    extra: [
      Param("n", .window, default: .value(.number(10))),
      Param("low", .number, default: .value(.number(0.40))),
      Param("high", .number, default: .value(.number(0.615))),
      Param("within", .window, default: .value(.number(10))),
    ],
    summary:
      "The Zweig breadth thrust: true on the days zweig(u) rises from below 0.40 to above 0.615 within 10 days.",
    formula: """
      zweig_thrust(u,n=10,low=0.40,high=0.615,within=10)[t] = z[t] > high and z[t−1] ≤ high and \
      min(z[t−within] … z[t−1]) < low, z = zweig(u,n), rows of the universe's calendar (a \
      missing z in the window is not below low); false where z is defined and the signal \
      does not fire; missing where z is missing
      """,
    explanation: """
      Zweig's breadth thrust: a market that goes from washed out to almost every stock \
      rising within two weeks has usually begun a durable advance, and the signal is rare. \
      On the bundled universe since 2019 (to 2026-07-13) it fired on 2019-01-08, 2020-10-05, \
      2020-10-07, 2022-07-21, 2022-07-28, 2022-09-12, 2022-10-25, 2023-03-29, 2023-11-03 and \
      2024-08-15. After the April 2025 low it missed: zweig(u) crossed 0.615 fourteen \
      sessions after it was last below 0.40. Pitfall: one episode can fire twice (the line \
      dips under 0.615 and crosses again within the window), and the 2022 signals came in a \
      bear market that went on to lower lows.
      """,
    example: "dropna(where(zweig_thrust(universe()), zweig(universe()), nan)).between(2023-01-03, 2023-12-29)"
  ) { panel, args, context in
    let low = try args.number("low")
    let high = try args.number("high")
    return thrust(
      try panel.zweig(try args.window("n"), context), low: low, high: high, window: try args.window("within"))
  }
  .boolValued()
}
