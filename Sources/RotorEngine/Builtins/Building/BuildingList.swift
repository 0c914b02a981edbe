import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Building and output: table, describe, print, plot, save.
  static let building: [Builtin] = [.describe, .plot, .print, .save, .table]
}
