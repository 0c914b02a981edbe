import Foundation
import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Arithmetic, comparison and logic on numbers, dates, strings and series (docs/language.md §3).
///
/// number∘number → number; series∘number → elementwise; series∘series → elementwise
/// on the intersection of dates; list∘number and list∘list (same length) → a list, item by
/// item (a list of series × number is a list of series). IEEE-754 throughout: missing (NaN) propagates and
/// division by zero gives inf or NaN. Comparisons and logic on series give bool
/// series, missing where an operand is missing.
enum Operators {
  static func unary(_ op: UnaryOperator, _ value: Value, operandExpr: Expr) throws(Diagnostic) -> Value {
    if case .list(let items, let labels) = value {
      var out: [Value] = []
      out.reserveCapacity(items.count)
      for item in items { out.append(try unary(op, item, operandExpr: operandExpr)) }
      try ResourceLimits.checkMemory()
      return .list(out, labels: labels)
    }
    switch (op, value) {
    case (.negate, .number(let v)): return .number(-v)
    case (.not, .bool(let b)): return .bool(!b)
    case (.negate, _):
      guard let s = value.asSeries else { break }
      return .series(s.map(name: "-" + wrap(s.name, operandExpr)) { -$0 })
    case (.not, _):
      guard let s = value.asSeries else { break }
      return .series(
        s.map(name: "not " + wrap(s.name, operandExpr), isBool: true) { $0.isNaN ? .nan : ($0 == 0 ? 1 : 0) })
    }
    throw Diagnostic("'\(op.rawValue)' cannot be applied to a \(value.kind.rawValue)")
  }

  static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, lhs: Expr, rhs: Expr)
    throws(Diagnostic) -> Value
  {
    switch (left, right) {
    case (.number(let a), .number(let b)):
      return op.isLogical ? .bool(try compareNumbers(op, a, b)) : .number(arithmetic(op, a, b))
    case (.bool(let a), .bool(let b)):
      switch op {
      case .and: return .bool(a && b)
      case .or: return .bool(a || b)
      case .equal: return .bool(a == b)
      case .notEqual: return .bool(a != b)
      default: break
      }
    case (.date(let a), .date(let b)):
      if op == .subtract { return .number(Double(a - b)) }
      if op.isLogical && op != .and && op != .or {
        return .bool(try compareNumbers(op, Double(a), Double(b)))
      }
    case (.date(let a), .number(let n)) where op == .add || op == .subtract:
      guard n == n.rounded(), abs(n) < 1e6 else { break }
      return .date(try shifted(a, by: op == .add ? Int(n) : -Int(n)))
    case (.string(let a), .string(let b)):
      switch op {
      case .add:
        try ResourceLimits.checkString(bytes: a.utf8.count + b.utf8.count)
        return .string(a + b)
      case .equal: return .bool(a == b)
      case .notEqual: return .bool(a != b)
      default: break
      }
    case (.list, _), (_, .list):
      return try listBinary(op, left, right, lhs: lhs, rhs: rhs)
    default:
      break
    }
    if let result = try seriesBinary(op, left, right, lhs: lhs, rhs: rhs) { return result }
    throw Diagnostic(
      "'\(op.rawValue)' cannot combine a \(left.kind.rawValue) and a \(right.kind.rawValue)")
  }

  private static func seriesBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, lhs: Expr, rhs: Expr)
    throws(Diagnostic) -> Value?
  {
    let ls = left.asSeries
    let rs = right.asSeries
    let name = wrap(left.displayName, lhs) + symbol(op) + wrap(right.displayName, rhs)
    let isBool = op.isLogical
    switch (ls, rs) {
    case (let a?, let b?):
      return .series(Series.combine(a, b, name: name, isBool: isBool, op))
    case (let a?, nil):
      guard let b = scalar(right) else { return nil }
      return .series(a.combined(with: b, name: name, isBool: isBool, op))
    case (nil, let b?):
      guard let a = scalar(left) else { return nil }
      return .series(b.combined(with: a, scalarFirst: true, name: name, isBool: isBool, op))
    default:
      return nil
    }
  }

  /// A list with a list (item by item, same length) or with another value (each item with it).
  private static func listBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, lhs: Expr, rhs: Expr)
    throws(Diagnostic) -> Value
  {
    switch (left, right) {
    case (.list(let a, let la), .list(let b, let lb)):
      guard a.count == b.count else {
        throw Diagnostic(
          "'\(op.rawValue)' needs two lists of the same length, got \(a.count) and \(b.count) items",
          notes: ["combine a list with one value (u_ret - 0.01), or make both lists from the same universe"])
      }
      var out: [Value] = []
      out.reserveCapacity(a.count)
      for k in a.indices { out.append(try binary(op, a[k], b[k], lhs: lhs, rhs: rhs)) }
      try ResourceLimits.checkMemory()
      return .list(out, labels: la ?? lb)
    case (.list(let a, let labels), _):
      var out: [Value] = []
      out.reserveCapacity(a.count)
      for item in a { out.append(try binary(op, item, right, lhs: lhs, rhs: rhs)) }
      try ResourceLimits.checkMemory()
      return .list(out, labels: labels)
    case (_, .list(let b, let labels)):
      var out: [Value] = []
      out.reserveCapacity(b.count)
      for item in b { out.append(try binary(op, left, item, lhs: lhs, rhs: rhs)) }
      try ResourceLimits.checkMemory()
      return .list(out, labels: labels)
    default:
      throw Diagnostic("'\(op.rawValue)' cannot combine a \(left.kind.rawValue) and a \(right.kind.rawValue)")
    }
  }

  /// The first and last dates a script can reach: 0001-01-01 and 9999-12-31, the range of
  /// date literals.
  static let dateRange: ClosedRange<Int> =
    CivilDate.unchecked(year: 1, month: 1, day: 1)...CivilDate.unchecked(year: 9999, month: 12, day: 31)

  /// `day` moved by `days`, or an error when that leaves ``dateRange``.
  static func shifted(_ day: Int32, by days: Int) throws(Diagnostic) -> Int32 {
    let result = Int(day) + days
    guard dateRange.contains(result) else {
      throw Diagnostic(
        "date out of range: \(CivilDate.iso(day)) \(days < 0 ? "-" : "+") \(abs(days)) days is "
          + (days < 0 ? "before 0001-01-01" : "after 9999-12-31"),
        notes: ["dates run from 0001-01-01 to 9999-12-31"])
    }
    return Int32(result)
  }

  private static func scalar(_ value: Value) -> Double? {
    switch value {
    case .number(let v): return v
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  private static func symbol(_ op: BinaryOperator) -> String {
    switch op {
    case .and: return " and "
    case .or: return " or "
    default: return op.rawValue
    }
  }

  /// Parenthesizes an operand's name when its expression is itself an operator.
  static func wrap(_ name: String, _ expr: Expr) -> String {
    switch expr.kind {
    case .binary, .unary: return "(\(name))"
    default: return name
    }
  }

  static func arithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
    op.apply(a, b)
  }

  private static func compareNumbers(_ op: BinaryOperator, _ a: Double, _ b: Double) throws(Diagnostic)
    -> Bool
  {
    switch op {
    case .equal: return a == b
    case .notEqual: return a != b
    case .less: return a < b
    case .lessEqual: return a <= b
    case .greater: return a > b
    case .greaterEqual: return a >= b
    default: throw Diagnostic("'\(op.rawValue)' needs true or false on both sides, got numbers")
    }
  }
}
