import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let beta = Builtin(
    "beta", params: [Param("x", .series), Param("y", .series), Param("n", .window)],
    returns: [.series], effects: .pure, category: .transform,
    summary: "Rolling beta of x on y: cov(x, y) / var(y) over the last n common rows.",
    formula: """
      beta(x,y,n)[t] = cov(x,y) / var(y) over the last n rows of the dates both series have \
      (pandas x.rolling(n).cov(y) / y.rolling(n).var()); missing until the window is full, \
      wherever it holds a missing value, and where y is constant over it
      """,
    explanation: """
      The sensitivity of x to y: a beta of 1.5 against SPY means x has tended to move 1.5% \
      for each 1% move of the market. Take it on returns, as beta(NVDA.ret(), SPY.ret(), 60): \
      high-beta leadership signals risk appetite, low-beta leadership defence. Pitfall: on \
      prices instead of returns the number is meaningless, and beta changes with the window \
      and the regime it covers.
      """,
    example: "beta(NVDA.ret(), SPY.ret(), 60).tail(5)"
  ) { args, _ in
    let (x, y, index) = try Builtin.alignedPair(args)
    return .series(
      Series(
        index: index, values: Kernels.rollingBeta(x, y, try args.window("n")), name: args.callName))
  }
}
