import Foundation
import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let round = Builtin(
    "round", params: [Param("x", .seriesOrNumber), Param("digits", .integer, default: .value(.number(0)))],
    returns: [.series, .number], effects: .pure, category: .transform,
    summary: "Each row (or a number) rounded to a number of decimals, half to even (as pandas).",
    formula: """
      round(x, d)[t] = rint(x[t] × 10^d) / 10^d, ties to the even neighbour (numpy.round and \
      pandas Series.round); d < 0 rounds to tens, hundreds, …: rint(x / 10^−d) × 10^−d; \
      missing stays missing
      """,
    explanation: """
      Tidies numbers for a report or a comparison: round(x.last(), 2). Ties go to the even \
      neighbour, so round(0.5) = 0 and round(2.5) = 2, as in pandas and numpy (not away from \
      zero as in a spreadsheet). Pitfall: decimals are binary fractions, so round(1.005, 2) is \
      1 (1.005 × 100 is 100.4999… in binary), as in numpy.
      """,
    example: "round(SPY.last(), 1)"
  ) { args, _ in
    let digits = try args.integer("digits")
    guard Swift.abs(digits) <= 308 else {
      throw args.error("digits", "must be between -308 and 308, got \(digits)")
    }
    let op = roundingOperation(digits)
    if case .number(let v) = try args.value("x") { return .number(op(v)) }
    return .series(try args.series("x").map(name: args.callName, op))
  }
}

/// Rounds to `digits` decimals as numpy does: scale, round half to even, scale back.
private func roundingOperation(_ digits: Int) -> @Sendable (Double) -> Double {
  if digits >= 0 {
    let scale = pow(10, Double(digits))
    return { v in
      guard v.isFinite else { return v }
      let r = (v * scale).rounded(.toNearestOrEven) / scale
      return r.isFinite ? r : v
    }
  }
  let scale = pow(10, Double(-digits))
  return { v in v.isFinite ? (v / scale).rounded(.toNearestOrEven) * scale : v }
}
