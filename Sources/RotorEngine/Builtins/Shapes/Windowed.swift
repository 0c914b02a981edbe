import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Windowed and lagged series → series built-ins (`sma(x, n)`, `diff(x, n)`).
extension Builtin {
  /// A series → series built-in with a window `n`: `name(x, n)`.
  static func windowed(
    _ name: String, default defaultWindow: Double? = nil, summary: String, formula: String,
    explanation: String, example: String,
    kernel: @escaping @Sendable ([Double], Int) -> [Double]
  ) -> Builtin {
    Builtin(
      name,
      params: [
        Param("x", .series),
        Param("n", .window, default: defaultWindow.map { .value(.number($0)) } ?? .required),
      ],
      returns: [.series], effects: .pure, category: .transform, summary: summary, formula: formula,
      explanation: explanation, example: example
    ) { args, _ in
      let x = try args.series("x")
      return .series(x.with(values: kernel(x.values, try args.window("n")), name: args.callName))
    }
  }

  /// A series → series built-in with a lag `n` (a whole number, default 1).
  static func lagged(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    kernel: @escaping @Sendable ([Double], Int) -> [Double]
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .series), Param("n", .integer, default: .value(.number(1)))],
      returns: [.series], effects: .pure, category: .transform, summary: summary, formula: formula,
      explanation: explanation, example: example
    ) { args, _ in
      let x = try args.series("x")
      return .series(x.with(values: kernel(x.values, try args.integer("n")), name: args.callName))
    }
  }
}
