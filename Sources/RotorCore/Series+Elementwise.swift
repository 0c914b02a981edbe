import Foundation
import RotorSyntax

/// An operator's function on one pair of numbers, as a type: each loop over a column is
/// compiled once per operator, with the operation inlined (no call through a closure per
/// value).
package protocol PairFunction {
  /// The result for one pair.
  static func apply(_ a: Double, _ b: Double) -> Double
}

/// A loop over columns (or one pair) that is generic over the operator it applies.
package protocol PairLoop {
  /// What the loop produces: a column, or one number.
  associatedtype Output
  /// The loop's result with `f` applied to each pair.
  func run<F: PairFunction>(_ f: F.Type) -> Output
}

/// The operators' functions on pairs of numbers (docs/language.md §3): IEEE-754 arithmetic
/// (missing propagates, division by zero gives inf or NaN); comparisons and logic give 1, 0,
/// or NaN when either side is missing.
package enum PairFunctions {
  package enum Add: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double { a + b }
  }
  package enum Subtract: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double { a - b }
  }
  package enum Multiply: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double { a * b }
  }
  package enum Divide: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double { a / b }
  }
  package enum Remainder: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double { fmod(a, b) }
  }
  package enum Power: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double { pow(a, b) }
  }
  package enum Equal: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a == b ? 1 : 0)
    }
  }
  package enum NotEqual: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a != b ? 1 : 0)
    }
  }
  package enum Less: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a < b ? 1 : 0)
    }
  }
  package enum LessEqual: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a <= b ? 1 : 0)
    }
  }
  package enum Greater: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a > b ? 1 : 0)
    }
  }
  package enum GreaterEqual: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a >= b ? 1 : 0)
    }
  }
  package enum And: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a != 0 && b != 0 ? 1 : 0)
    }
  }
  package enum Or: PairFunction {
    @inline(__always) package static func apply(_ a: Double, _ b: Double) -> Double {
      a.isNaN || b.isNaN ? .nan : (a != 0 || b != 0 ? 1 : 0)
    }
  }
}

extension BinaryOperator {
  /// Runs `loop` with this operator's ``PairFunction``.
  package func dispatch<L: PairLoop>(_ loop: L) -> L.Output {
    switch self {
    case .add: return loop.run(PairFunctions.Add.self)
    case .subtract: return loop.run(PairFunctions.Subtract.self)
    case .multiply: return loop.run(PairFunctions.Multiply.self)
    case .divide: return loop.run(PairFunctions.Divide.self)
    case .remainder: return loop.run(PairFunctions.Remainder.self)
    case .power: return loop.run(PairFunctions.Power.self)
    case .equal: return loop.run(PairFunctions.Equal.self)
    case .notEqual: return loop.run(PairFunctions.NotEqual.self)
    case .less: return loop.run(PairFunctions.Less.self)
    case .lessEqual: return loop.run(PairFunctions.LessEqual.self)
    case .greater: return loop.run(PairFunctions.Greater.self)
    case .greaterEqual: return loop.run(PairFunctions.GreaterEqual.self)
    case .and: return loop.run(PairFunctions.And.self)
    case .or: return loop.run(PairFunctions.Or.self)
    }
  }

  /// The operator on one pair of numbers (as on every pair of a series).
  package func apply(_ a: Double, _ b: Double) -> Double {
    dispatch(OnePair(a: a, b: b))
  }
}

/// ``BinaryOperator/apply(_:_:)``'s loop of one.
private struct OnePair: PairLoop {
  let a: Double
  let b: Double
  func run<F: PairFunction>(_ f: F.Type) -> Double { F.apply(a, b) }
}

extension Series {
  /// `a op b` elementwise on the intersection of their dates (docs/language.md §3).
  package static func combine(
    _ a: Series, _ b: Series, name: String, isBool: Bool = false, _ op: BinaryOperator
  ) -> Series {
    let alignment = Alignment.intersect(a.index, b.index)
    let loop = PairOfColumns(
      x: a.values, y: b.values, left: alignment.left, right: alignment.right,
      count: alignment.index.count)
    return Series(index: alignment.index, values: op.dispatch(loop), name: name, isBool: isBool)
  }

  /// `self op scalar` (or `scalar op self` when `scalarFirst`) for every value.
  package func combined(
    with scalar: Double, scalarFirst: Bool = false, name newName: String, isBool: Bool = false,
    _ op: BinaryOperator
  ) -> Series {
    let loop = ColumnAndScalar(x: values, scalar: scalar, scalarFirst: scalarFirst)
    return Series(index: index, values: op.dispatch(loop), name: newName, isBool: isBool)
  }
}

/// Two columns, each read through its alignment positions (`nil`: row for row).
private struct PairOfColumns: PairLoop {
  let x: [Double]
  let y: [Double]
  let left: [Int]?
  let right: [Int]?
  let count: Int

  func run<F: PairFunction>(_ f: F.Type) -> [Double] {
    let n = count
    return Kernels.column(n) { o in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          switch (left, right) {
          case (nil, nil):
            for i in 0..<n { o[i] = F.apply(x[i], y[i]) }
          case (let l?, nil):
            for i in 0..<n { o[i] = F.apply(x[l[i]], y[i]) }
          case (nil, let r?):
            for i in 0..<n { o[i] = F.apply(x[i], y[r[i]]) }
          case (let l?, let r?):
            for i in 0..<n { o[i] = F.apply(x[l[i]], y[r[i]]) }
          }
        }
      }
    }
  }
}

/// A column and one number.
private struct ColumnAndScalar: PairLoop {
  let x: [Double]
  let scalar: Double
  let scalarFirst: Bool

  func run<F: PairFunction>(_ f: F.Type) -> [Double] {
    let s = scalar
    return x.withUnsafeBufferPointer { x in
      Kernels.column(x.count) { o in
        if scalarFirst {
          for i in 0..<x.count { o[i] = F.apply(s, x[i]) }
        } else {
          for i in 0..<x.count { o[i] = F.apply(x[i], s) }
        }
      }
    }
  }
}
