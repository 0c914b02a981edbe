import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Series → table built-ins.
  static let tables: [Builtin] = [.bbands, .macd]
}
