import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// The same built-in, its series result marked as percentages (`pct_above`, `roc`), so
  /// that text output shows them with a `%`.
  func percentValued() -> Builtin {
    let inner = body
    return Builtin(
      name, params: params, options: options, variadic: variadic, returns: returns, effects: effects,
      category: category, summary: summary,
      formula: formula, explanation: explanation, example: example
    ) { args, context in
      guard case .series(var series) = try inner(args, context) else { return try inner(args, context) }
      series.isPercent = true
      return .series(series)
    }
  }
}
