import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let pct_above = breadth(
    "pct_above", extra: [Param("n", .window, default: .value(.number(200)))],
    summary: "The percentage of members closing above their own n-day simple moving average.",
    formula: """
      pct_above(u,n=200)[t] = 100 × #{m : close_m[t] > sma(close_m,n)[t]} ÷ #{m : sma(close_m,n)[t] \
      defined}; each SMA over the member's own last n rows (missing until full, or with a \
      missing close in the window); missing on a date where no member's SMA is defined
      """,
    explanation: """
      The most used breadth gauge: the share of stocks in an uptrend. With n = 200, readings \
      above 70% describe a broad bull market and below 30% a broad decline; n = 50 reacts \
      faster. A falling % above the 200-day (say below 50%) while the index makes new highs \
      is a narrow rally led by a few large stocks. Pitfall: survivorship — today's members \
      look healthier in the past than the index did (pit=true counts each member only \
      while it was in the index; docs/breadth.md measures the gap) — and before 2018-01-02 \
      the bundled universe holds only the seven mega-caps.
      """,
    example: "pct_above(universe(), 50)[2024-02-01]"
  ) { panel, args, context in try panel.percent(.above(try args.window("n")), context) }
  .percentValued()
}
