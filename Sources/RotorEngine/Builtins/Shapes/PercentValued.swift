import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// The same built-in, its series result marked as percentages (`pct_above`, `roc`), so
  /// that text output shows them with a `%`.
  func percentValued() -> Builtin { markingSeriesResult { $0.isPercent = true } }

  /// The same built-in, its series result marked boolean (true/false, shown as such).
  func boolValued() -> Builtin { markingSeriesResult { $0.isBool = true } }

  /// The same built-in with `mark` applied to its result when that is a series; any other
  /// result is returned as it is.
  private func markingSeriesResult(_ mark: @escaping @Sendable (inout Series) -> Void) -> Builtin {
    let inner = body
    return Builtin(
      name, params: params, options: options, variadic: variadic, returns: returns, effects: effects,
      category: category, summary: summary,
      formula: formula, explanation: explanation, example: example
    ) { args, context in
      let result = try inner(args, context)
      guard case .series(var series) = result else { return result }
      mark(&series)
      return .series(series)
    }
  }
}
