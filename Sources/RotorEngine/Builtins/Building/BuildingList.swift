import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Building and output: table, describe, name, print, plot, save, check, alert.
  static let building: [Builtin] = [.describe, .name, .plot, .print, .save, .table, .check, .alert]
}
