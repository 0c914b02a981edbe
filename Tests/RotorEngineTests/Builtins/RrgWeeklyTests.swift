@testable import RotorCore
@testable import RotorData
@testable import RotorEngine
import RotorSyntax
import XCTest

/// rrg(..., weekly=true): its history holds one point per ISO week (the week's last common
/// session), its defaults are 10 and 4 weeks, and plot labels its tails in weeks.
final class RrgWeeklyTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func evaluate(_ text: String) throws -> Value {
    try Session(dataset: try XCTUnwrap(Self.dataset)).evaluate(text)
  }

  func testWeeklyHistoryHasOnePointPerWeek() throws {
    guard case .table(let t) = try evaluate("rrg(sectors, SPY, weekly=true)") else {
      return XCTFail("not a table")
    }
    let history = try XCTUnwrap(t.rotation)
    XCTAssertTrue(history.weekly)
    let days = try XCTUnwrap(history.trails["XLK"]).ratio.index.days
    XCTAssertGreaterThan(days.count, 500)
    for (a, b) in zip(days, days.dropFirst()) {
      let weekA = a - Int32(CivilDate.weekday(a) - 1)
      let weekB = b - Int32(CivilDate.weekday(b) - 1)
      XCTAssertLessThan(weekA, weekB, "two points in the week of \(CivilDate.iso(a))")
    }
    XCTAssertEqual(CivilDate.weekday(try XCTUnwrap(days.dropLast().last)), 5, "a full week ends on Friday")
    guard case .table(let explicit) = try evaluate("rrg(sectors, SPY, 10, 4, weekly=true)") else {
      return XCTFail("not a table")
    }
    XCTAssertEqual(explicit.column(named: "rs_ratio")?.numbers, t.column(named: "rs_ratio")?.numbers)
    XCTAssertEqual(explicit.column(named: "rs_momentum")?.numbers, t.column(named: "rs_momentum")?.numbers)
    guard case .chart(let chart) = try evaluate("plot(rrg(sectors, SPY, weekly=true), tail=4)"),
      case .rotation(let graph) = chart.content
    else { return XCTFail("not a rotation graph") }
    XCTAssertEqual(graph.step, "weeks")
    XCTAssertEqual(graph.members.first?.trail.count, 4)
  }
}
