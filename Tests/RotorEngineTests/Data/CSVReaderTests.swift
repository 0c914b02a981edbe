import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

final class CSVReaderTests: XCTestCase {
  /// All rows of `text` as string arrays.
  private func rows(_ text: String) throws -> [[String]] {
    var reader = CSVReader(bytes: Array(text.utf8), file: "t.csv")
    var result: [[String]] = []
    while try reader.nextRow() { result.append((0..<reader.count).map { reader.string($0) }) }
    return result
  }

  func testPlainRowsWithAndWithoutTrailingNewline() throws {
    XCTAssertEqual(try rows("a,b\n1,2\n"), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(try rows("a,b\n1,2"), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(try rows("a,,c\n,,\n"), [["a", "", "c"], ["", "", ""]])
  }

  func testQuotedFieldsAndEscapes() throws {
    XCTAssertEqual(try rows("\"a,b\",\"say \"\"hi\"\"\",\"\"\n"), [["a,b", "say \"hi\"", ""]])
    XCTAssertEqual(try rows("\"two\nlines\",x\nnext,y"), [["two\nlines", "x"], ["next", "y"]])
    XCTAssertEqual(try rows("\"end\""), [["end"]])
  }

  func testLineEndingsBOMAndBlankLines() throws {
    XCTAssertEqual(
      try rows("\u{FEFF}date,close\r\n2024-01-02,1\r\n"), [["date", "close"], ["2024-01-02", "1"]])
    XCTAssertEqual(try rows("a\rb\r"), [["a"], ["b"]])
    XCTAssertEqual(try rows("a\n\n\r\nb\n\n"), [["a"], ["b"]])
    XCTAssertEqual(try rows(""), [])
    XCTAssertEqual(try rows("\u{FEFF}"), [])
  }

  func testLineNumbersCountSkippedAndQuotedLines() throws {
    var reader = CSVReader(bytes: Array("h\n\n\"x\ny\"\nlast".utf8), file: "t.csv")
    var lines: [Int] = []
    while try reader.nextRow() { lines.append(reader.line) }
    XCTAssertEqual(lines, [1, 3, 5])
  }

  func testSpacesAroundFieldsAreTrimmed() throws {
    XCTAssertEqual(try rows(" a , b \n \"q\" ,x"), [["a", "b"], ["q", "x"]])
  }

  func testQuoteErrors() {
    assertDataError(
      thrown { try rows("a\n\"open,1\n") }, file: "t.csv", line: 2, column: 1, "unterminated quoted field")
    assertDataError(
      thrown { try rows("a,b\n1,\"x\"y\n") }, file: "t.csv", line: 2, column: 2,
      "unexpected character after a closing quote")
  }

  func testNumbers() throws {
    var reader = CSVReader(
      bytes: Array("1.5,-2,+3e2,.5,7.,NaN,null,NULL,nan,,\"4.25\",-0".utf8), file: "t.csv")
    XCTAssertTrue(try reader.nextRow())
    let values = try (0..<reader.count).map { i throws(Diagnostic) in try reader.double(i) }
    XCTAssertEqual(Array(values[0..<5]), [1.5, -2, 300, 0.5, 7])
    XCTAssertTrue(values[5...9].allSatisfy(\.isNaN))
    XCTAssertEqual(values[10], 4.25)
    XCTAssertEqual(values[11].bitPattern, (-0.0).bitPattern)
  }

  func testMalformedNumbers() throws {
    for text in ["1.2.3", "abc", "1e", "--1", "1,5", "inf", "0x10", ".", "1e5x", "N/A"] {
      var reader = CSVReader(bytes: Array("x,\"\(text)\"".utf8), file: "n.csv")
      XCTAssertTrue(try reader.nextRow())
      assertDataError(thrown { try reader.double(1) }, file: "n.csv", line: 1, column: 2, "malformed number")
    }
    var reader = CSVReader(bytes: Array("1e400".utf8), file: "n.csv")
    XCTAssertTrue(try reader.nextRow())
    assertDataError(thrown { try reader.double(0) }, file: "n.csv", line: 1, column: 1, "number out of range")
  }

  /// The parser must give exactly Swift's `Double(String)`, on the fast and the slow path.
  func testNumbersMatchSwiftParsingExactly() {
    var rng = SystemRandomNumberGenerator()
    var samples = [
      "63.400814056396484", "0.040109329354165106", "543.6108", "2278.1298828125", "9007199254740993",
      "1e22", "1e23", "123456789012345678901234567890", "0.1", "1.7976931348623157e308", "4.9e-324",
      "2.2250738585072011e-308", "00012.5000", "0.000000000000000000000001",
    ]
    for _ in 0..<20000 {
      let intDigits = Int.random(in: 0...12, using: &rng)
      let fracDigits = Int.random(in: 0...18, using: &rng)
      var s = Int.random(in: 0...5, using: &rng) == 0 ? "-" : ""
      s +=
        intDigits == 0
        ? "0" : String((0..<intDigits).map { _ in "0123456789".randomElement(using: &rng) ?? "1" })
      if fracDigits > 0 {
        s += "." + String((0..<fracDigits).map { _ in "0123456789".randomElement(using: &rng) ?? "1" })
      }
      if Int.random(in: 0...4, using: &rng) == 0 { s += "e\(Int.random(in: -30...30, using: &rng))" }
      samples.append(s)
      samples.append(String(Double(Float.random(in: 0.01...5000, using: &rng))))
      samples.append(String(Double.random(in: 0...1000, using: &rng)))
    }
    for s in samples {
      let parsed = Array(s.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
      XCTAssertEqual(parsed?.bitPattern, Double(s)?.bitPattern, s)
    }
  }

  func testDates() throws {
    var reader = CSVReader(
      bytes: Array(
        "2024-07-11,1970-01-01,1969-12-31,2024-02-29,2024-07-11T09:30:00,2024-07-11 00:00:00-04:00".utf8),
      file: "d.csv")
    XCTAssertTrue(try reader.nextRow())
    let days = try (0..<reader.count).map { i throws(Diagnostic) in try reader.day(i) }
    XCTAssertEqual(days, [19915, 0, -1, day("2024-02-29"), 19915, 19915])
  }

  func testBadDates() throws {
    let cases = [
      ("2024-7-11", "malformed date"), ("11/07/2024", "malformed date"), ("2024-07-11x", "malformed date"),
      ("", "malformed date"), ("2023-02-29", "impossible date"), ("2024-13-01", "impossible date"),
      ("2024-04-31", "impossible date"), ("0000-01-01", "impossible date"),
    ]
    for (text, message) in cases {
      var reader = CSVReader(bytes: Array("a,\(text)".utf8), file: "d.csv")
      XCTAssertTrue(try reader.nextRow())
      assertDataError(thrown { try reader.day(1) }, file: "d.csv", line: 1, column: 2, message)
    }
  }
}
