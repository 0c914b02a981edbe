import Foundation

/// A wall-clock limit on a run (`rotor --timeout SECONDS`, docs/language.md §6): once it is
/// reached, evaluation and output stop at their next interruption point, the same points
/// where Ctrl-C stops them in the REPL.
public struct TimeLimit: Sendable, CustomStringConvertible {
  /// The limit in seconds, as given.
  public let seconds: Double
  /// When it is reached, in ``DispatchTime`` uptime nanoseconds.
  public let deadline: UInt64

  /// A limit of `seconds` from `start` (uptime nanoseconds; default: now); nil unless
  /// `seconds` is a positive finite number.
  public init?(seconds: Double, from start: UInt64 = DispatchTime.now().uptimeNanoseconds) {
    guard seconds.isFinite, seconds > 0 else { return nil }
    self.seconds = seconds
    let nanoseconds = min(seconds * 1e9, Double(UInt64.max / 2))
    deadline = start &+ UInt64(nanoseconds)
  }

  /// True once the limit is reached.
  public var isReached: Bool { DispatchTime.now().uptimeNanoseconds >= deadline }

  /// `5 s`, `0.5 s`.
  public var description: String { Value.shortest(seconds) + " s" }

  /// Reads `--timeout`'s value: a number of seconds, positive, or 0 for no limit
  /// (`.some(nil)`); nil when it is not one.
  public static func parse(_ text: String) -> TimeLimit?? {
    guard let seconds = Double(text), seconds.isFinite, seconds >= 0, !text.hasPrefix("+") else {
      return nil
    }
    return .some(TimeLimit(seconds: seconds))
  }
}
