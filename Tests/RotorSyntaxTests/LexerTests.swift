import RotorSyntax
import XCTest

final class LexerTests: XCTestCase {
  func kinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
  }

  func diagnostics(_ text: String) -> [String] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics.map(\.message)
  }

  func testLiterals() {
    XCTAssertEqual(
      kinds("50 0.5 1e6 2.5E-3 \"a\\\"b\\n\" true"),
      [.number(50), .number(0.5), .number(1e6), .number(2.5e-3), .string("a\"b\n"), .kwTrue, .eof])
  }

  func testDatesAreTokensOfTheirOwn() {
    let day = CivilDate.days(year: 2024, month: 7, day: 11)
    XCTAssertEqual(kinds("2024-07-11"), [.date(day ?? 0), .eof])
    XCTAssertEqual(diagnostics("2024-02-30"), ["invalid date '2024-02-30'"])
    XCTAssertEqual(kinds("2024 - 07"), [.number(2024), .minus, .number(7), .eof])
  }

  func testDurations() {
    XCTAssertEqual(
      kinds("5d 2w 3mo 1y ytd"),
      [
        .duration(.days(5)), .duration(.weeks(2)), .duration(.months(3)), .duration(.years(1)),
        .duration(.yearToDate), .eof,
      ])
    XCTAssertEqual(diagnostics("3m"), ["unknown unit 'm' after number"])
  }

  func testBacktickSymbols() {
    XCTAssertEqual(
      kinds("`^GSPC`.close `BRK.B`"), [.symbol("^GSPC"), .dot, .identifier("close"), .symbol("BRK.B"), .eof])
    XCTAssertEqual(diagnostics("`^RUT"), ["unterminated symbol"])
  }

  func testNewlinesEndStatementsOutsideBrackets() {
    XCTAssertEqual(kinds("a\nb"), [.identifier("a"), .newline, .identifier("b"), .eof])
    XCTAssertEqual(
      kinds("f(a,\n b)"),
      [.identifier("f"), .leftParen, .identifier("a"), .comma, .identifier("b"), .rightParen, .eof])
    XCTAssertEqual(kinds("[a\n]"), [.leftBracket, .identifier("a"), .rightBracket, .eof])
  }

  func testALineEndingInAnOperatorContinues() {
    for op in ["+", "-", "*", "/", "and", "or", "==", "<", ",", "=", "=>"] {
      let tokens = kinds("a \(op)\nb")
      XCTAssertFalse(tokens.contains(.newline), "after '\(op)'")
    }
  }

  func testNewlinesInsideBracesSeparateStatements() {
    XCTAssertEqual(
      kinds("{\n a\n b\n}"),
      [.leftBrace, .identifier("a"), .newline, .identifier("b"), .newline, .rightBrace, .eof])
  }

  func testCommentsRunToTheEndOfTheLine() {
    XCTAssertEqual(kinds("a # b c\nd"), [.identifier("a"), .newline, .identifier("d"), .eof])
  }

  func testUnclosedBracketIsIncompleteInput() {
    let result = Lexer.tokenize(SourceFile(name: "t", text: "sma(SPY,"))
    XCTAssertEqual(result.diagnostics.first?.message, "'(' is never closed")
    XCTAssertTrue(result.diagnostics.allSatisfy(\.isIncompleteInput))
  }

  func testMismatchedAndUnexpectedCharacters() {
    XCTAssertEqual(diagnostics("(]"), ["']' does not match '('"])
    XCTAssertEqual(diagnostics("a $ b"), ["unexpected character '$'"])
    XCTAssertEqual(diagnostics("a ! b"), ["unexpected '!'"])
    XCTAssertEqual(diagnostics("\"abc"), ["unterminated string"])
  }
}
