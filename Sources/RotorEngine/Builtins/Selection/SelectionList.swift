import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// The selection built-ins.
  static let selections: [Builtin] = [.between, .first, .head, .last, .since, .tail, .until]
}
