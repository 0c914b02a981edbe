import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let sqrt = Builtin.elementwise(
    "sqrt",
    summary: "Square root of each row (or of a number).",
    formula: "sqrt(x)[t] = √x[t]; NaN for negative values",
    explanation: """
      Mostly used to scale volatility with time: a daily standard deviation times sqrt(252) \
      is an annualised one, because variance (not deviation) grows with time. Pitfall: \
      negative values give NaN (missing).
      """,
    example: "SPY.ret().stdev(20).last() * sqrt(252)"
  ) { $0.squareRoot() }
}
