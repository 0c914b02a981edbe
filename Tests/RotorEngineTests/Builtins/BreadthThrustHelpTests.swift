import Foundation
@testable import RotorCore
@testable import RotorData
@testable import RotorEngine
import RotorSyntax
import XCTest

/// The figures the help texts of zweig, zweig_thrust, high_low_index, net_new_highs and
/// summation_ratio quote hold on the bundled universe: every "V on DATE" is the built-in's
/// value on that date at the quoted precision, and the thrust's dates are the days it fired.
final class BreadthThrustHelpTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func evaluate(_ expr: String) throws -> Value {
    try Session(dataset: try XCTUnwrap(Self.dataset)).evaluate(expr)
  }

  private func text(_ name: String) throws -> String {
    try XCTUnwrap(Builtin.named(name)).explanation.replacingOccurrences(of: "\n", with: " ")
  }

  private func groups(_ pattern: String, in text: String) throws -> [[String]] {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
      (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: text).map { String(text[$0]) } }
    }
  }

  func testEveryQuotedValueOnADateHolds() throws {
    for name in ["zweig", "high_low_index", "net_new_highs", "summation_ratio"] {
      let quoted = try groups(
        "([−+]?[0-9][0-9,]*(?:\\.[0-9]+)?) on ([0-9]{4}-[0-9]{2}-[0-9]{2})", in: try text(name))
      XCTAssertGreaterThanOrEqual(quoted.count, 3, "\(name): too few figures quoted")
      for pair in quoted {
        let literal = pair[0].replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-")
        let expected = try XCTUnwrap(Double(literal), pair[0])
        let decimals = literal.split(separator: ".").dropFirst().first?.count ?? 0
        guard case .number(let v) = try evaluate("\(name)(universe())[\(pair[1])]") else {
          return XCTFail("\(name)(universe())[\(pair[1])] is not a number")
        }
        let scale = pow(10, Double(decimals))
        XCTAssertEqual((v * scale).rounded() / scale, expected, "\(name) on \(pair[1]) is \(v)")
      }
    }
  }

  func testTheThrustFiredOnTheQuotedDays() throws {
    let sentence = try XCTUnwrap(
      try groups("it fired on ([^.]*)\\.", in: try text("zweig_thrust")).first?.first)
    let quoted = try groups("([0-9]{4}-[0-9]{2}-[0-9]{2})", in: sentence).map { $0[0] }
    guard
      case .series(let fired) = try evaluate(
        "dropna(where(zweig_thrust(universe()), 1, nan)).between(2019-01-02, 2026-07-13)")
    else { return XCTFail("not a series") }
    XCTAssertEqual(fired.index.days.map(CivilDate.iso), quoted)
    // The April 2025 near miss: no thrust, the line crossing 0.615 fourteen sessions after its
    // last value below 0.40.
    guard case .series(let april) = try evaluate("zweig(universe()).between(2025-04-08, 2025-04-29)"),
      case .series(let none) = try evaluate("zweig_thrust(universe()).between(2025-04-01, 2025-05-30)")
    else { return XCTFail("not a series") }
    XCTAssertEqual(april.count - 1, 14)
    XCTAssertLessThan(april.values[0], 0.40)
    XCTAssertTrue(april.values.dropFirst().dropLast().allSatisfy { $0 >= 0.40 && $0 <= 0.615 })
    XCTAssertGreaterThan(april.values.last ?? .nan, 0.615)
    XCTAssertFalse(none.values.contains(1))
  }

  func testEachTakesPointInTimeMembership() throws {
    for name in ["zweig", "zweig_thrust", "high_low_index", "net_new_highs", "summation_ratio"] {
      guard case .series(let all) = try evaluate("\(name)(universe()).between(2019-01-02, 2026-07-13)"),
        case .series(let pit) = try evaluate("\(name)(universe(), pit=true).between(2019-01-02, 2026-07-13)")
      else { return XCTFail("\(name) is not a series") }
      XCTAssertEqual(all.index.days, pit.index.days, name)
      XCTAssertTrue(zip(all.values, pit.values).contains { $0 != $1 && !($0.isNaN && $1.isNaN) }, name)
    }
  }
}
