import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine

/// A cross-section table is filtered by a mask made from its own columns, and `t["col"]`
/// reads a column whose name is not an identifier.
final class TableFilterTests: XCTestCase {
  func testAMaskKeepsTheRowsItSelects() throws {
    let session = Session(dataset: try Dataset.embedded())
    _ = try session.evaluate("t = perf(sectors)")
    guard case .list(let column, let labels) = try session.evaluate("t[\"1y\"]"),
      case .table(let kept) = try session.evaluate("t.filter(t[\"1y\"] > 10)")
    else { return XCTFail("a column and a table expected") }
    let expected = zip(labels ?? [], column).compactMap { label, cell -> String? in
      guard case .number(let v) = cell, v > 10 else { return nil }
      return label
    }
    XCTAssertFalse(expected.isEmpty)
    XCTAssertLessThan(expected.count, column.count)
    XCTAssertEqual(kept.labelColumn.labels, expected)
    XCTAssertEqual(kept.columns.count, 5)
  }

  func testAWrongMaskIsAnError() throws {
    let session = Session(dataset: try Dataset.embedded())
    _ = try session.evaluate("t = perf(sectors)")
    XCTAssertThrowsError(try session.evaluate("t.filter([true])")) { error in
      XCTAssertTrue("\(error)".contains("has 1 items for a table of 11 rows"), "\(error)")
    }
    XCTAssertThrowsError(try session.evaluate("t[\"2y\"]")) { error in
      XCTAssertTrue("\(error)".contains("no column \"2y\""), "\(error)")
    }
  }
}
