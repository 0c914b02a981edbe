import Foundation
import RotorREPL
import XCTest

/// Where history lives, and that it persists with consecutive duplicates collapsed.
final class HistoryTests: XCTestCase {
  func testPathFromTheEnvironment() {
    XCTAssertEqual(HistoryFile.path(environment: ["ROTOR_HISTORY": "/x/h", "HOME": "/home/u"]), "/x/h")
    XCTAssertEqual(HistoryFile.path(environment: ["HOME": "/home/u"]), "/home/u/.rotor_history")
    XCTAssertEqual(HistoryFile.path(environment: ["HOME": "/home/u/"]), "/home/u/.rotor_history")
    XCTAssertEqual(HistoryFile.path(environment: ["ROTOR_HISTORY": "", "HOME": "/h"]), "/h/.rotor_history")
    XCTAssertNil(HistoryFile.path(environment: [:]))
  }

  func testEntriesPersistAcrossSessionsWithoutConsecutiveDuplicates() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("history").path
    do {
      let store = try XCTUnwrap(HistoryStore(path: path))
      for entry in ["1 + 2", "1 + 2", "SPY.last()", "1 + 2", "  ", "fn f(x) {\n  x\n}"] { store.add(entry) }
      XCTAssertEqual(store.count, 4)
    }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("_HiStOrY_V2_\n"), text)
    let reopened = try XCTUnwrap(HistoryStore(path: path))
    XCTAssertEqual(reopened.count, 4, "kept across sessions")
    reopened.add("fn f(x) {\n  x\n}")
    XCTAssertEqual(reopened.count, 4, "the last entry again is collapsed")
  }

  func testTheLoopRecordsOneEntryPerChunkAndSkipsAbandonedLines() throws {
    let harness = try Harness()
    let lines = ScriptedLines(inputs: [
      .line("ratio(RSP,"), .line("  SPY).last()"), .line("ratio(SPY,"), .interrupted, .line(":data"),
      .line(""), .line("1 + 1"),
    ])
    XCTAssertEqual(harness.repl.loop(lines), 0)
    XCTAssertEqual(lines.history, ["ratio(RSP, SPY).last()", ":data", "1 + 1"])
    XCTAssertEqual(
      lines.prompts, ["rotor> ", "   ..> ", "rotor> ", "   ..> ", "rotor> ", "rotor> ", "rotor> ", "rotor> "])
  }
}
