import RotorSyntax
import XCTest

final class CivilDateTests: XCTestCase {
  func testRoundTripsAcrossCenturiesAndLeapYears() {
    for days in stride(from: Int32(-200_000), through: 200_000, by: 97) {
      let (y, m, d) = CivilDate.civil(days)
      XCTAssertEqual(CivilDate.days(year: y, month: m, day: d), days)
    }
    XCTAssertEqual(CivilDate.days(year: 1970, month: 1, day: 1), 0)
    XCTAssertEqual(CivilDate.iso(CivilDate.days(year: 2024, month: 2, day: 29) ?? 0), "2024-02-29")
    XCTAssertNil(CivilDate.days(year: 2023, month: 2, day: 29))
    XCTAssertNil(CivilDate.days(year: 1900, month: 2, day: 29))
    XCTAssertNotNil(CivilDate.days(year: 2000, month: 2, day: 29))
  }

  func testParseISORejectsAnythingElse() {
    for bad in ["2024-7-11", "2024/07/11", "24-07-11", "2024-07-1x", "2024-00-10", "2024-07-32", ""] {
      XCTAssertNil(CivilDate.parseISO(Array(bad.utf8)), bad)
    }
    XCTAssertEqual(CivilDate.weekday(CivilDate.days(year: 2024, month: 7, day: 11) ?? 0), 4)
  }
}
