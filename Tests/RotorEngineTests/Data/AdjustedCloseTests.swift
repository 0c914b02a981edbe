import XCTest

@testable import RotorCore
@testable import RotorData

/// An adjusted close that only repeats the close (an index's) fills its empty cells from the
/// close; one that differs anywhere is left alone, so two bases are never mixed.
final class AdjustedCloseTests: XCTestCase {
  func testARepeatedCloseFillsItsGaps() {
    var fields: [Bars.Field: [Double]] = [.close: [10, 11, 12, 13], .adjClose: [10, 11, .nan, .nan]]
    PriceFileLoader.completeAdjustedClose(&fields)
    XCTAssertEqual(fields[.adjClose], [10, 11, 12, 13])
  }

  func testATrueAdjustmentKeepsItsGaps() {
    var fields: [Bars.Field: [Double]] = [.close: [10, 11, 12, 13], .adjClose: [9.5, 11, .nan, .nan]]
    PriceFileLoader.completeAdjustedClose(&fields)
    XCTAssertEqual(fields[.adjClose]?.prefix(2), [9.5, 11])
    XCTAssertTrue(fields[.adjClose]?[2].isNaN ?? false)
  }

  func testTheBundledIndexReadsOnItsNewerRows() throws {
    let session = try Dataset.embedded()
    guard let gspc = session.bars("^GSPC") else { return XCTFail("^GSPC is bundled") }
    let series = gspc.series
    XCTAssertFalse(series.values.last?.isNaN ?? true, "the rows whose adj_close is empty read the close")
    XCTAssertEqual(series.values.filter(\.isNaN).count, 0)
  }
}
