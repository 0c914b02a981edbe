import XCTest

@testable import RotorCore
@testable import RotorSyntax

/// The operators on series (one loop per operator, `Series+Elementwise.swift`) against the
/// operator on plain numbers, bit for bit, on every pair of awkward values: each operator's
/// loop must be its own function, with missing values and IEEE-754 cases as on numbers.
final class ElementwiseTests: XCTestCase {
  static let values: [Double] = [0, -0.0, 1, -1, 2.5, -3, .nan, .infinity, -.infinity, 1e308, 5e-324]
  static let operators: [BinaryOperator] = [
    .add, .subtract, .multiply, .divide, .remainder, .power, .equal, .notEqual, .less, .lessEqual,
    .greater, .greaterEqual, .and, .or,
  ]

  /// The operator written out by hand (the contract, docs/language.md §3).
  static func expected(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
    func truth(_ holds: Bool) -> Double { a.isNaN || b.isNaN ? .nan : (holds ? 1 : 0) }
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .remainder: return fmod(a, b)
    case .power: return pow(a, b)
    case .equal: return truth(a == b)
    case .notEqual: return truth(a != b)
    case .less: return truth(a < b)
    case .lessEqual: return truth(a <= b)
    case .greater: return truth(a > b)
    case .greaterEqual: return truth(a >= b)
    case .and: return truth(a != 0 && b != 0)
    case .or: return truth(a != 0 || b != 0)
    }
  }

  func testEveryOperatorOnEveryPairOfAwkwardValues() {
    let pairs = Self.values.flatMap { a in Self.values.map { b in (a, b) } }
    let index = DateIndex((0..<Int32(pairs.count)).map { 19_000 + $0 })
    let left = Series(index: index, values: pairs.map(\.0), name: "a")
    let right = Series(index: index, values: pairs.map(\.1), name: "b")
    for op in Self.operators {
      let want = pairs.map { Self.expected(op, $0.0, $0.1) }.map(\.bitPattern)
      let both = Series.combine(left, right, name: "x", op).values.map(\.bitPattern)
      XCTAssertEqual(both, want, "series \(op.rawValue) series")
      XCTAssertEqual(pairs.map { op.apply($0.0, $0.1).bitPattern }, want, "number \(op.rawValue) number")
      for b in Self.values {
        let column = Series(index: index, values: pairs.map(\.0), name: "a")
        XCTAssertEqual(
          column.combined(with: b, name: "x", op).values.map(\.bitPattern),
          pairs.map { Self.expected(op, $0.0, b).bitPattern }, "series \(op.rawValue) \(b)")
        XCTAssertEqual(
          column.combined(with: b, scalarFirst: true, name: "x", op).values.map(\.bitPattern),
          pairs.map { Self.expected(op, b, $0.0).bitPattern }, "\(b) \(op.rawValue) series")
      }
    }
  }

  func testSeriesOnDifferentDatesMeetOnTheCommonOnes() {
    let a = Series(index: DateIndex([1, 2, 3, 5]), values: [10, 20, 30, 50], name: "a")
    let b = Series(index: DateIndex([2, 3, 4, 5, 6]), values: [2, 3, 4, 5, 6], name: "b")
    let x = Series.combine(a, b, name: "a/b", .divide)
    XCTAssertEqual(x.index.days, [2, 3, 5])
    XCTAssertEqual(x.values, [10, 10, 10])
  }
}
