import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let rs_ratio = Builtin(
    "rs_ratio",
    params: [
      Param("s", .series), Param("bench", .series), Param("n", .window, default: .value(.number(50))),
    ],
    returns: [.series], effects: .pure, category: .universe,
    summary: "Relative strength normalised around 100: above 100 when s is outperforming its recent average.",
    formula: """
      rs_ratio(s,bench,n=50) = 100 × rs / sma(rs,n), rs = s / bench on their common dates; \
      missing until n rows of rs. (A simple, open approximation of the JdK RS-Ratio of \
      relative rotation graphs, whose exact formula is proprietary.)
      """,
    explanation: """
      The x-axis of a relative rotation graph. rs = s/bench rises when s outperforms; \
      dividing by its own n-day average centres it on 100, so the value tells whether the \
      relative trend is above (> 100) or below (< 100) its recent norm, comparably across \
      symbols. Pitfall: it measures the trend of relative strength, not absolute \
      performance: a sector can fall and still have rs_ratio > 100 if the benchmark fell more.
      """,
    example: "rs_ratio(XLK, SPY).last(1mo)"
  ) { args, _ in
    .series(
      rsRatio(try args.series("s"), try args.series("bench"), try args.window("n"), name: args.callName))
  }
}
