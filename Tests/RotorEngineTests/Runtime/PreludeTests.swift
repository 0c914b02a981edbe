import RotorSyntax
import XCTest

@testable import RotorData
@testable import RotorEngine

/// The prelude holds only lists of symbols; anything else is reported, not skipped.
final class PreludeTests: XCTestCase {
  func testTheEmbeddedPreludeRunsWithoutDiagnostics() throws {
    let session = Session(dataset: try Dataset.embedded())
    XCTAssertEqual(session.runPrelude().map(\.message), [])
    XCTAssertEqual(Session.preludeLists(Session.preludeText).lists.map(\.0), ["mag7", "sectors", "macro"])
  }

  func testAnyOtherStatementIsAnError() {
    let (lists, diagnostics) = Session.preludeLists("a = [SPY, `BRK.B`]\nb = 3\nprint(1)\nc = [SPY, 1]")
    XCTAssertEqual(lists.map(\.0), ["a", "c"])
    XCTAssertEqual(lists.first?.1, ["SPY", "BRK.B"])
    XCTAssertEqual(
      diagnostics.map(\.message),
      [
        "the prelude holds only lists of symbols: name = [SPY, QQQ]",
        "the prelude holds only lists of symbols: name = [SPY, QQQ]",
        "a prelude list holds only symbols",
      ])
    XCTAssertEqual(diagnostics.first?.source?.name, "<prelude>")
  }
}
