import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine

/// Cross-sectional reductions (a list of series → a series by date), list arithmetic and
/// `where` on a plain condition: small synthetic datasets with gaps and disjoint calendars,
/// and the built-in breadth measures rewritten with them on the bundled universe.
final class CrossSectionTests: XCTestCase {
  static let bundled: Dataset? = try? Dataset.embedded()

  /// Three members: A every day, B missing day 2 (no row) and NaN on day 4, C from day 3.
  private func session() -> Session {
    func bars(_ symbol: String, _ rows: [(String, Double)]) -> Bars {
      let days = rows.compactMap { CivilDate.parseISO(Array($0.0.utf8)) }
      return Bars(symbol: symbol, index: DateIndex(days), fields: [.close: rows.map(\.1)])
    }
    let a = bars("A", [("2024-01-01", 1), ("2024-01-02", 2), ("2024-01-03", 3), ("2024-01-04", 4)])
    let b = bars("B", [("2024-01-01", 10), ("2024-01-03", 30), ("2024-01-04", .nan)])
    let c = bars("C", [("2024-01-03", 300), ("2024-01-04", 400), ("2024-01-05", 500)])
    return Session(dataset: Dataset(bars: [a, b, c]))
  }

  private func values(_ s: Session, _ text: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> [Double]
  {
    let v = try s.evaluate(text)
    return try XCTUnwrap(v.asSeries, "\(text) gave \(v.kind)", file: file, line: line).values
  }

  private func assertSame(
    _ actual: [Double], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(actual.count, expected.count, "length", file: file, line: line)
    for (k, (a, e)) in zip(actual, expected).enumerated() {
      let same = (a.isNaN && e.isNaN) || abs(a - e) <= 1e-12 * Swift.max(abs(a), abs(e), 1e-300)
      XCTAssertTrue(same, "[\(k)]: got \(a), expected \(e)", file: file, line: line)
    }
  }

  func testReductionsAcrossMembersCountOnlyWhereAMemberHasAValue() throws {
    let s = session()
    let l = "[A.close, B.close, C.close]"
    // Union calendar: days 1..5. Present: d1 A,B; d2 A; d3 A,B,C; d4 A,C; d5 C.
    assertSame(try values(s, "mean(\(l))"), [5.5, 2, 111, 202, 500])
    assertSame(try values(s, "sum(\(l))"), [11, 2, 333, 404, 500])
    assertSame(try values(s, "count(\(l))"), [2, 1, 3, 2, 1])
    assertSame(try values(s, "min(\(l))"), [1, 2, 3, 4, 500])
    assertSame(try values(s, "max(\(l))"), [10, 2, 300, 400, 500])
    assertSame(try values(s, "median(\(l))"), [5.5, 2, 30, 202, 500])
    assertSame(try values(s, "quantile(\(l), 0.25)"), [3.25, 2, 16.5, 103, 500])
    assertSame(try values(s, "share(\(l) > 3)"), [50, 0, 100 * 2 / 3.0, 100, 100])
    // A list of numbers reduces to a number.
    guard case .number(let m) = try s.evaluate("mean([1, 2, 6])") else { return XCTFail("mean of numbers") }
    XCTAssertEqual(m, 3)
    guard case .number(let q) = try s.evaluate("quantile([1, 2, 3, 4], 0.5)") else {
      return XCTFail("quantile")
    }
    XCTAssertEqual(q, 2.5)
  }

  func testStdAcrossMembersIsTheSampleStd() throws {
    let s = session()
    let std = try values(s, "std([A.close, B.close, C.close])")
    XCTAssertEqual(std[0], Kernels.std([1, 10]), accuracy: 1e-12)
    XCTAssertTrue(std[1].isNaN)
    XCTAssertEqual(std[2], Kernels.std([3, 30, 300]), accuracy: 1e-12)
    XCTAssertEqual(std[3], Kernels.std([4, 400]), accuracy: 1e-12)
  }

  func testCountOfAUniverseIsItsSizeAndAReductionOfASeriesIsANumber() throws {
    let s = session()
    guard case .number(let n) = try s.evaluate("count([A, B, C])") else { return XCTFail("count of symbols") }
    XCTAssertEqual(n, 3)
    guard case .number(let m) = try s.evaluate("mean(A)") else { return XCTFail("mean of a series") }
    XCTAssertEqual(m, 2.5)
  }

  func testShareRefusesValuesThatAreNotConditions() {
    let s = session()
    XCTAssertThrowsError(try s.evaluate("share([A.close, B.close])")) { error in
      XCTAssertTrue("\(error)".contains("must be conditions"), "\(error)")
    }
    XCTAssertThrowsError(try s.evaluate("mean([A.close, \"x\"])")) { error in
      XCTAssertTrue("\(error)".contains("item 2 is a string"), "\(error)")
    }
    XCTAssertThrowsError(try s.evaluate("quantile([A.close], 1.5)"))
  }

  func testListArithmeticAndComparisonsGoItemByItem() throws {
    let s = session()
    guard case .list(let items, _) = try s.evaluate("[1, 2, 3] * 2 + [10, 20, 30]") else {
      return XCTFail("not a list")
    }
    XCTAssertEqual(items.map(\.displayName), ["12", "24", "36"])
    guard case .list(let bools, _) = try s.evaluate("[1, 5] > 2") else { return XCTFail("not a list") }
    XCTAssertEqual(bools.map(\.displayName), ["false", "true"])
    guard case .list(let series, _) = try s.evaluate("-([A, B] / 2)") else { return XCTFail("not a list") }
    XCTAssertEqual(series.compactMap(\.asSeries).map(\.values.first), [-0.5, -5])
    XCTAssertThrowsError(try s.evaluate("[1, 2] + [1, 2, 3]")) { error in
      XCTAssertTrue("\(error)".contains("same length"), "\(error)")
    }
    guard case .list(_, let labels) = try s.evaluate("map([A, B], s => s.close) * 2") else {
      return XCTFail("not a list")
    }
    XCTAssertEqual(labels, ["A", "B"])
  }

  func testWhereOnAPlainCondition() throws {
    let s = session()
    guard case .number(let one) = try s.evaluate("where(true, 1, 2)"),
      case .number(let two) = try s.evaluate("where(1 > 2, 1, 2)")
    else { return XCTFail("not numbers") }
    XCTAssertEqual([one, two], [1, 2])
    XCTAssertThrowsError(try s.evaluate("where(1, 1, 2)"))
  }

  // MARK: - The bundled universe

  /// `pct_above` written with `share` gives the built-in's values, NaN where it is NaN.
  func testPctAboveAsAOneLinerEqualsTheBuiltIn() throws {
    let s = Session(dataset: try XCTUnwrap(Self.bundled))
    for n in [50, 200] {
      let built = try XCTUnwrap(try s.evaluate("pct_above(universe(), \(n))").asSeries)
      let mine = try XCTUnwrap(try s.evaluate("share(map(universe(), s => s > s.sma(\(n))))").asSeries)
      XCTAssertEqual(mine.index.days, built.index.days)
      XCTAssertEqual(mine.values.count, built.values.count)
      for (k, (a, b)) in zip(mine.values, built.values).enumerated() where !(a.isNaN && b.isNaN) {
        XCTAssertEqual(a, b, accuracy: 1e-9, "n=\(n) at \(CivilDate.iso(built.index.days[k]))")
      }
    }
  }

  /// New highs as a share, and advancers as a sum, agree with the built-ins too.
  func testOtherBreadthBuiltInsAsOneLiners() throws {
    let s = Session(dataset: try XCTUnwrap(Self.bundled))
    let u = "members(\"Energy\")"
    let adv = try XCTUnwrap(try s.evaluate("advancers(\(u))").asSeries)
    let mine = try XCTUnwrap(try s.evaluate("sum(map(\(u), s => s.diff() > 0))").asSeries)
    XCTAssertEqual(mine.index.days, adv.index.days)
    for (a, b) in zip(mine.values, adv.values) where !(a.isNaN && b.isNaN) { XCTAssertEqual(a, b) }
  }
}
