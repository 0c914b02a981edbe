extension Builtin {
  /// Series → table built-ins (macd, bbands).
  static let tables: [Builtin] = []
}
