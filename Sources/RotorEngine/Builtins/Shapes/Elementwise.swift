import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Elementwise built-ins (`abs`, `log`, `exp`, `sqrt`): every row of a series, or a number.
extension Builtin {
  /// An elementwise built-in, `name(x)`: applied to every row of a series, or to a number.
  static func elementwise(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    _ op: @escaping @Sendable (Double) -> Double
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .seriesOrNumber)], returns: [.series, .number], effects: .pure,
      category: .transform, summary: summary, formula: formula, explanation: explanation,
      example: example
    ) { args, _ in
      if case .number(let v) = try args.value("x") { return .number(op(v)) }
      return .series(try args.series("x").map(name: args.callName, op))
    }
  }
}
