import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let corr = Builtin(
    "corr", params: [Param("x", .series), Param("y", .series), Param("n", .window, default: .absent)],
    returns: [.number, .series], effects: .pure, category: .reduction,
    summary: "Pearson correlation of two series: over all common dates, or rolling over n rows.",
    formula: """
      corr(x,y) = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²) over the common dates where \
      both are present (pandas Series.corr); missing with fewer than 2 such dates or a \
      constant side. corr(x,y,n) = the same over the last n rows of the common dates, as a \
      series (pandas x.rolling(n).corr(y)): missing until the window is full, wherever it \
      holds a missing value, and where a side is constant over it
      """,
    explanation: """
      How closely two series move together, from −1 to 1. Take it on returns, not prices: \
      corr(ret(NVDA), ret(SPY)) near 1 means NVDA moves with the market, while two rising \
      prices correlate highly even when their daily moves are unrelated. The rolling form \
      corr(x, y, 60) shows how the link changes: correlations between sectors rise in \
      sell-offs, when everything falls together, and fall when leadership rotates. For a \
      whole list at once, corr_matrix(list, n) gives every pair as a table (plot draws a heatmap).
      """,
    example: "corr(XLK.ret(), XLU.ret(), 60).tail(5)"
  ) { args, _ in
    let (xs, ys, index) = try Builtin.alignedPair(args)
    guard args.has("n") else { return .number(Kernels.corr(xs, ys)) }
    return .series(
      Series(
        index: index, values: Kernels.rollingCorr(xs, ys, try args.window("n")), name: args.callName))
  }
}
