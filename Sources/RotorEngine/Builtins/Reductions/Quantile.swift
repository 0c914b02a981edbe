import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let quantile = Builtin.crossReduction(
    "quantile", extra: [Param("q", .number)],
    summary: "The q-quantile of the non-missing values (0 ≤ q ≤ 1); across a list, per date.",
    formula: """
      quantile(x, q) = sorted non-missing values interpolated linearly at position q·(k − 1), \
      k = count (pandas quantile); quantile(list of series, q)[t] = the same over the members' \
      values on date t
      """,
    explanation: """
      Where a value ranks in a distribution: quantile(x, 0.5) is the median, 0.9 the level \
      only a tenth of the values exceed. Given a list of series it is a cross-sectional \
      band: quantile(map(u, s => s.ret(63)), 0.9) is the 3-month return the best tenth of \
      the members beat, day by day. Missing when there is no value.
      """,
    example: "SPY.ret().last(1y).quantile(0.05)",
    statistic: { (args) throws(Diagnostic) in .quantile(try quantileLevel(args)) },
    reduce: { series, args in
      var present = series.values.filter { !$0.isNaN }
      let q = try quantileLevel(args)
      return present.withUnsafeMutableBufferPointer { CrossSection.quantile($0, q) }
    })
}

/// The level `q`, checked to lie in [0, 1].
private func quantileLevel(_ args: Arguments) throws(Diagnostic) -> Double {
  let q = try args.number("q")
  guard q >= 0, q <= 1 else { throw args.error("q", "must be between 0 and 1, got \(Value.shortest(q))") }
  return q
}
