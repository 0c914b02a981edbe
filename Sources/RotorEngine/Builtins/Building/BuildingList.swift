extension Builtin {
  /// Building and output: table, describe, print, save.
  static let building: [Builtin] = [.describe, .print, .save, .table]
}
