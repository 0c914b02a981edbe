import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Series → number reductions (`mean`, `max`, `std`, …).
extension Builtin {
  /// A series → number reduction: `name(x)`.
  static func reduction(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    _ reduce: @escaping @Sendable (Series) -> Double
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .series)], returns: [.number], effects: .pure, category: .reduction,
      summary: summary, formula: formula, explanation: explanation, example: example
    ) { args, _ in
      .number(reduce(try args.series("x")))
    }
  }
}
