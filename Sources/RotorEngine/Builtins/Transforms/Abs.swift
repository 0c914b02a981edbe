import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let abs = Builtin.elementwise(
    "abs",
    summary: "Absolute value of each row (or of a number).",
    formula: "abs(x)[t] = |x[t]|",
    explanation: """
      Drops the sign: abs(ret(x)) is the size of each day's move whatever its direction, a \
      simple gauge of how agitated a market is. Pitfall: averaging abs of returns is not the \
      same as the standard deviation (vol); it weighs large moves less.
      """,
    example: "QQQ.ret().abs().last(1mo).mean()"
  ) { $0.magnitude }
}
