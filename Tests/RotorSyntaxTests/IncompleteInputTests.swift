import RotorSyntax
import XCTest

/// The typed incomplete-input signal the REPL uses to ask for a continuation line.
final class IncompleteInputTests: XCTestCase {
  func incompleteness(_ text: String) -> [Diagnostic.Incompleteness?] {
    Parser.parse(SourceFile(name: "t", text: text)).diagnostics.map(\.incompleteness)
  }

  func isIncomplete(_ text: String) -> Bool {
    Parser.isIncomplete(SourceFile(name: "t", text: text))
  }

  func testAnUnclosedBracketOrBlockIsReportedAlone() {
    XCTAssertEqual(incompleteness("sma(SPY,"), [.unclosedBracket])
    XCTAssertEqual(incompleteness("[1, 2"), [.unclosedBracket])
    XCTAssertEqual(incompleteness("fn f(x) {"), [.unclosedBracket])
    XCTAssertEqual(incompleteness("fn f(x) {\n  y = x"), [.unclosedBracket])
    XCTAssertEqual(incompleteness("f(g(1,"), [.unclosedBracket, .unclosedBracket])
  }

  func testATrailingOperatorWantsMore() {
    for text in ["a +", "a and", "x =", "s =>", "not", "SPY.", "x[1 .."] {
      let kinds = incompleteness(text)
      XCTAssertTrue(kinds.contains(.trailingOperator) || kinds.contains(.unclosedBracket), text)
      XCTAssertTrue(isIncomplete(text), text)
    }
    XCTAssertEqual(incompleteness("a *").first, .trailingOperator)
  }

  func testARuleCutOffAtTheEndWantsMore() {
    XCTAssertEqual(incompleteness("fn f(x)"), [.endOfInput])
    XCTAssertEqual(incompleteness("import"), [.endOfInput])
    XCTAssertTrue(isIncomplete("fn f(x)"))
  }

  func testRealErrorsAndCompleteInputAreNotIncomplete() {
    for text in ["", "a", "a + )", "a $", "\"abc", "`^RUT", "f(a=1, 2", "a < b <"] {
      XCTAssertFalse(isIncomplete(text), text)
    }
    // An unterminated string cannot be continued: strings end at the end of their line.
    XCTAssertEqual(incompleteness("\"abc"), [nil])
    XCTAssertEqual(incompleteness("(]"), [nil, nil])
  }
}
