import RotorREPL
import XCTest

/// When a chunk needs another line, and how a finished chunk goes into history.
final class ContinuationTests: XCTestCase {
  func testOpenBracketsAndTrailingOperatorsAskForMore() {
    for text in [
      "ratio(RSP,", "ratio(RSP, SPY", "[SPY,", "1 +", "x =", "s =>", "fn f(x) {", "fn f(x) =",
      "SPY.sma(50) >", "a and", "ratio(RSP,\n  SPY", "fn f(x) {\n  y = x\n",
    ] {
      XCTAssertTrue(Continuation.needsMore(text), text)
    }
  }

  func testCompleteInputAndRealErrorsDoNot() {
    for text in [
      "1 + 2", "ratio(RSP, SPY).sma(50)", "", "ratio(RSP,, SPY", ")", "1 + * 2", "ratio(RSP,\n SPY)",
    ] {
      XCTAssertFalse(Continuation.needsMore(text), text)
    }
  }

  func testAChunkIsOneHistoryLine() {
    XCTAssertEqual(Continuation.historyEntry("ratio(RSP,\n  SPY).last()"), "ratio(RSP, SPY).last()")
    XCTAssertEqual(Continuation.historyEntry("1 +\n2"), "1 + 2")
    XCTAssertEqual(
      Continuation.historyEntry("fn f(x) {\n  y = x * 2  # double\n  y + 1\n}"),
      "fn f(x) { y = x * 2; y + 1; }")
    XCTAssertEqual(
      Continuation.historyEntry("map(sectors, # each sector\n  s => s.last())"), "map(sectors, s => s.last())"
    )
  }

  func testChunksThatCannotBeJoinedAreKeptAsTyped() {
    XCTAssertEqual(Continuation.historyEntry("a = 1\nb = 2"), "a = 1\nb = 2", "top-level statements")
    XCTAssertEqual(
      Continuation.historyEntry("SPY.last() # note"), "SPY.last() # note", "one line stays as typed")
    XCTAssertEqual(Continuation.historyEntry("\"open\n"), "\"open")
  }
}
