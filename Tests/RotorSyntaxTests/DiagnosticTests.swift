import RotorSyntax
import XCTest

/// Positions are checked with markers placed in the source: `1️⃣` stands where the
/// diagnostic must point, and is removed before parsing (swift-syntax's convention).
final class DiagnosticTests: XCTestCase {
  func assertDiagnostic(
    _ marked: String, _ message: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let marker = marked.range(of: "1️⃣") else { return XCTFail("no marker", file: file, line: line) }
    let offset = marked[..<marker.lowerBound].utf8.count
    let text = marked.replacingOccurrences(of: "1️⃣", with: "")
    let source = SourceFile(name: "t.rotor", text: text)
    let (_, diagnostics) = Parser.parse(source)
    guard let first = diagnostics.first else { return XCTFail("no diagnostic", file: file, line: line) }
    XCTAssertEqual(first.message, message, file: file, line: line)
    XCTAssertEqual(first.range?.start, offset, "position", file: file, line: line)
  }

  func testPositions() {
    assertDiagnostic("ratio(RSP, 1️⃣*)", "expected an expression, found '*'")
    assertDiagnostic("x = 1\ny = 1️⃣* 2", "expected an expression, found '*'")
    assertDiagnostic("SPY.1️⃣50", "expected a name after '.', found number")
    assertDiagnostic("a = 1️⃣2024-13-01", "invalid date '2024-13-01'")
    assertDiagnostic("f(x) 1️⃣y", "expected end of statement, found 'y'")
    assertDiagnostic("1️⃣`^RUT", "unterminated symbol")
  }

  func testRenderingShowsFileLineColumnTheLineAndACaret() {
    let source = SourceFile(name: "lesson.rotor", text: "rs = ratio(RSP, SPY)\nrs.sma(5O)\n")
    let (_, diagnostics) = Parser.parse(source)
    guard let first = diagnostics.first else { return XCTFail("no diagnostic") }
    XCTAssertEqual(
      DiagnosticRenderer.render(first),
      """
      lesson.rotor:2:8: error: unknown unit 'O' after number
        rs.sma(5O)
               ^~
        note: durations are written 5d, 2w, 3mo, 1y or ytd
      """)
  }

  func testColumnsCountCharactersNotBytes() {
    let source = SourceFile(name: "t", text: "\"é\" + `")
    XCTAssertEqual(source.location(of: 7).column, 7)
  }

  func testDataLocationsRenderWithoutSource() {
    let d = Diagnostic.data("malformed number 'abc'", file: "prices.csv", line: 3, column: 5)
    XCTAssertEqual(DiagnosticRenderer.render(d), "prices.csv:3:5: error: malformed number 'abc'")
  }
}
