import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let rs_momentum = Builtin(
    "rs_momentum",
    params: [
      Param("s", .series), Param("bench", .series), Param("n", .window, default: .value(.number(50))),
      Param("m", .window, default: .value(.number(10))),
    ],
    returns: [.series], effects: .pure, category: .universe,
    summary: "The momentum of rs_ratio around 100: above 100 while relative strength is improving.",
    formula: """
      rs_momentum(s,bench,n=50,m=10) = 100 × rs_ratio(s,bench,n) / lag(rs_ratio(s,bench,n), m) \
      (lag in rows of the common dates); missing until n + m rows
      """,
    explanation: """
      The y-axis of a relative rotation graph: the rate of change of rs_ratio over m rows, \
      centred on 100. Above 100 the relative trend is gaining, below it is fading, so it \
      usually turns before rs_ratio does — rotation shows first as momentum rolling over. \
      Pitfall: with a small m it is noisy; read it together with rs_ratio (rrg) rather than alone.
      """,
    example: "rs_momentum(XLK, SPY).last(1mo)"
  ) { args, _ in
    let ratio = rsRatio(
      try args.series("s"), try args.series("bench"), try args.window("n"), name: args.callName)
    return .series(rsMomentum(ratio, try args.window("m"), name: args.callName))
  }
}
