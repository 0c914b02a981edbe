import Foundation
@testable import RotorCore
@testable import RotorData
@testable import RotorEngine
import RotorSyntax
import XCTest

/// The levels the McClellan help texts quote hold on the bundled universe since 2019: every
/// "±N" is reached on both sides, every "−A to +B" range is the oscillator's low and high,
/// every "K of 1,951 days" is the count beyond the level quoted just before it.
final class McclellanLevelsTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()
  static let since = "2019-01-02"

  private func values(_ expr: String) throws -> [Double] {
    let session = Session(dataset: try XCTUnwrap(Self.dataset))
    guard case .series(let s) = try session.evaluate("\(expr).since(\(Self.since))") else {
      XCTFail("\(expr) is not a series")
      return []
    }
    return s.values.filter(\.isFinite)
  }

  /// The numbers after each match of `pattern` (one capture group per number).
  private func matches(_ pattern: String, in text: String) throws -> [[Double]] {
    let regex = try NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).map { m in
      (1..<m.numberOfRanges).compactMap { k in
        Range(m.range(at: k), in: text).flatMap { Double(text[$0].replacingOccurrences(of: ",", with: "")) }
      }
    }
  }

  func testEveryQuotedLevelIsReachedOnTheBundledUniverse() throws {
    for name in ["mcclellan", "mcclellan_ratio"] {
      let builtin = try XCTUnwrap(Builtin.named(name))
      let text = builtin.explanation.replacingOccurrences(of: "\n", with: " ")
      let x = try values("\(name)(universe())")
      XCTAssertGreaterThan(x.count, 1500, name)
      let levels = try matches("±([0-9]+)", in: text).map { $0[0] }
      XCTAssertFalse(levels.isEmpty, "\(name): no level quoted")
      for level in levels {
        XCTAssertTrue(x.contains { $0 >= level }, "\(name): +\(level) is never reached since \(Self.since)")
        XCTAssertTrue(x.contains { $0 <= -level }, "\(name): −\(level) is never reached since \(Self.since)")
      }
      for range in try matches("−([0-9]+) to \\+([0-9]+)", in: text) {
        XCTAssertEqual(x.min() ?? .nan, -range[0], accuracy: 1, "\(name): quoted low")
        XCTAssertEqual(x.max() ?? .nan, range[1], accuracy: 1, "\(name): quoted high")
      }
      // "beyond ±N ... (K of 1,951 days": the count of days beyond that level.
      for pair in try matches("±([0-9]+)[^±]*?\\(([0-9]+) of ([0-9,]+) days", in: text) {
        XCTAssertEqual(Double(x.count), pair[2], "\(name): days since \(Self.since)")
        XCTAssertEqual(
          Double(x.filter { Swift.abs($0) > pair[0] }.count), pair[1], "\(name): days beyond ±\(pair[0])")
      }
    }
  }
}
