import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// A built-in's arguments after binding: checked against the parameter kinds,
/// defaults filled in, with typed accessors.
public struct Arguments: Sendable {
  /// The built-in's name, for messages.
  public let function: String
  /// Bound values in parameter order, each under its parameter's name (absent optional
  /// parameters are missing). A built-in has a handful, so a search beats hashing.
  let bound: [(name: String, value: Value)]
  /// Extra arguments of a variadic built-in, in call order.
  public let rest: [(label: String?, value: Value)]
  /// The arguments as given at the call, for ``callName``.
  let given: [(label: String?, value: Value)]

  /// The display name of the call, e.g. `sma(ratio(RSP,SPY),50)`: positional arguments, then
  /// named ones as `name=value` (built when asked: most calls that return a number never do).
  public var callName: String {
    var shown = given.filter { $0.label == nil }.map { $0.value.displayName }
    shown += given.compactMap { g in g.label.map { "\($0)=\(g.value.displayName)" } }
    return "\(function)(\(shown.joined(separator: ",")))"
  }

  /// The bound value of parameter `name`.
  private func lookup(_ name: String) -> Value? {
    for entry in bound where entry.name == name { return entry.value }
    return nil
  }

  /// Whether an argument was given or defaulted.
  public func has(_ name: String) -> Bool { lookup(name) != nil }

  /// The raw value.
  public func value(_ name: String) throws(Diagnostic) -> Value {
    guard let v = lookup(name) else { throw missing(name) }
    return v
  }

  /// A series (bars give their default series).
  public func series(_ name: String) throws(Diagnostic) -> Series {
    guard let s = try value(name).asSeries else { throw wrong(name, "a series") }
    return s
  }

  /// A window: whole number ≥ 1 (checked by the binder).
  public func window(_ name: String) throws(Diagnostic) -> Int {
    try integer(name)
  }

  /// The largest whole number a count, window or lag may be (10^9, as the binder checks for
  /// parameters declared whole): far past any series, and small enough that no index
  /// arithmetic on it can overflow.
  public static let largestInteger = 1_000_000_000

  /// A whole number, at most ``largestInteger`` in size.
  public func integer(_ name: String) throws(Diagnostic) -> Int {
    guard case .number(let v) = try value(name), let n = Int(exactly: v) else {
      throw wrong(name, "a whole number")
    }
    guard Swift.abs(n) <= Arguments.largestInteger else {
      throw error(name, "must be a whole number of at most 10^9 in size, got \(Value.number(v).displayName)")
    }
    return n
  }

  /// A number.
  public func number(_ name: String) throws(Diagnostic) -> Double {
    guard case .number(let v) = try value(name) else { throw wrong(name, "a number") }
    return v
  }

  /// A date.
  public func date(_ name: String) throws(Diagnostic) -> Int32 {
    guard case .date(let d) = try value(name) else { throw wrong(name, "a date") }
    return d
  }

  /// A string.
  public func string(_ name: String) throws(Diagnostic) -> String {
    guard case .string(let s) = try value(name) else { throw wrong(name, "a string") }
    return s
  }

  /// A bool.
  public func bool(_ name: String) throws(Diagnostic) -> Bool {
    guard case .bool(let b) = try value(name) else { throw wrong(name, "true or false") }
    return b
  }

  /// A list.
  public func list(_ name: String) throws(Diagnostic) -> [Value] {
    guard case .list(let items, _) = try value(name) else { throw wrong(name, "a list") }
    return items
  }

  /// A function.
  public func function(_ name: String) throws(Diagnostic) -> Callable {
    guard case .function(let value) = try value(name), let f = value as? Callable else {
      throw wrong(name, "a function")
    }
    return f
  }

  /// An error naming this function and argument: `sma: argument 'n' must be …`.
  public func error(_ name: String, _ message: String) -> Diagnostic {
    Diagnostic("\(function): argument '\(name)' \(message)")
  }

  private func missing(_ name: String) -> Diagnostic {
    Diagnostic("\(function): missing argument '\(name)'")
  }

  private func wrong(_ name: String, _ expected: String) -> Diagnostic {
    let got = lookup(name).map { $0.kind.rawValue } ?? "nothing"
    return Diagnostic("\(function): argument '\(name)' must be \(expected), got \(got)")
  }
}
