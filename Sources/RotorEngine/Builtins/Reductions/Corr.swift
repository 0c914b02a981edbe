extension Builtin {
  static let corr = Builtin(
    "corr", params: [Param("x", .series), Param("y", .series)], returns: "number",
    category: .reduction,
    summary: "Pearson correlation of two series over the dates both have values.",
    formula: """
      corr(x,y) = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²) over the common dates where \
      both are present (pandas Series.corr); missing with fewer than 2 such dates or a \
      constant side. The rolling form corr(x, y, n) comes in a later version.
      """,
    explanation: """
      How closely two series move together, from −1 to 1. Take it on returns, not prices: \
      corr(ret(NVDA), ret(SPY)) near 1 means NVDA moves with the market, while two rising \
      prices correlate highly even when their daily moves are unrelated.
      """,
    example: "corr(NVDA.ret(), SPY.ret())"
  ) { args, _ in
    let x = try args.series("x")
    let y = try args.series("y")
    let al = Alignment.intersect(x.index, y.index)
    let xs = al.left.map { $0.map { x.values[$0] } } ?? x.values
    let ys = al.right.map { $0.map { y.values[$0] } } ?? y.values
    return .number(Kernels.corr(xs, ys))
  }
}
