import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Building and output: table, describe, name, print, plot, save.
  static let building: [Builtin] = [.describe, .name, .plot, .print, .save, .table]
}
