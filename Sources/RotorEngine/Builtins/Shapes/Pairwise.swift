import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Two-series built-ins on the intersection of dates (`ratio`, `spread`).
extension Builtin {
  /// A two-series built-in aligned on the intersection of dates: `name(a, b)`, the operator
  /// `op` applied to each pair.
  static func pairwise(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    _ op: BinaryOperator
  ) -> Builtin {
    Builtin(
      name, params: [Param("a", .series), Param("b", .series)], returns: [.series], effects: .pure,
      category: .transform, summary: summary, formula: formula, explanation: explanation,
      example: example
    ) { args, _ in
      .series(Series.combine(try args.series("a"), try args.series("b"), name: args.callName, op))
    }
  }
}
