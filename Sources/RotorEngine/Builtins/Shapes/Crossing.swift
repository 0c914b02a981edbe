import RotorCore
import RotorData
import RotorOutput

/// Crossing detection: the shape of `crossover` and `crossunder`.
extension Builtin {
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
