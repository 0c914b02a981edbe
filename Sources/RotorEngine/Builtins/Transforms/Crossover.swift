import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let crossover = Builtin.crossing(
    "crossover", above: true,
    summary: "True on the rows where x crosses above y (Pine's ta.crossover).",
    formula: """
      crossover(x,y)[t] = x[t] > y[t] and x[t−1] <= y[t−1]; y is a series (on the common \
      dates) or a number; a bool series, missing on the first row and wherever x or y is \
      missing at t or t−1
      """,
    explanation: """
      Marks the day a line moves from at-or-below to above another: SPY crossing above its \
      200-day average, a fast average crossing a slow one (a golden cross), or RSI crossing \
      back above 30. Summing it counts the signals. Pitfall: a series hovering around the \
      level produces many crossings (whipsaws), and the signal is known only at that day's \
      close, so act on lag(crossover(...)).
      """,
    example: "crossover(SPY.sma(50), SPY.sma(200)).where(SPY, 0/0).dropna()")

  /// `crossover`/`crossunder`: `above` picks the direction.
  static func crossing(
    _ name: String, above: Bool, summary: String, formula: String, explanation: String,
    example: String
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .series), Param("y", .seriesOrNumber)], returns: [.series], effects: .pure,
      category: .transform, summary: summary, formula: formula, explanation: explanation,
      example: example
    ) { args, _ in
      let x = try args.series("x")
      let yValue = try args.value("y")
      let index: DateIndex
      let xs: [Double]
      let ys: [Double]
      if case .number(let level) = yValue {
        (index, xs, ys) = (x.index, x.values, [Double](repeating: level, count: x.count))
      } else if let y = yValue.asSeries {
        let al = Alignment.intersect(x.index, y.index)
        index = al.index
        xs = al.left.map { $0.map { x.values[$0] } } ?? x.values
        ys = al.right.map { $0.map { y.values[$0] } } ?? y.values
      } else {
        throw args.error("y", "must be a series or a number, got \(yValue.kind.rawValue)")
      }
      var out = [Double](repeating: .nan, count: index.count)
      for t in out.indices.dropFirst() {
        let (a, b, pa, pb) = (xs[t], ys[t], xs[t - 1], ys[t - 1])
        if a.isNaN || b.isNaN || pa.isNaN || pb.isNaN { continue }
        let crossed = above ? a > b && pa <= pb : a < b && pa >= pb
        out[t] = crossed ? 1 : 0
      }
      return .series(Series(index: index, values: out, name: args.callName, isBool: true))
    }
  }
}
