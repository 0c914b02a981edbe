import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

final class PriceFileLoaderTests: XCTestCase {
  private func load(_ text: String, file: String = "p.csv", symbol: String = "SYM") throws(Diagnostic)
    -> [Bars]
  {
    try PriceFileLoader.load(bytes: Array(text.utf8), file: file, symbol: symbol)
  }

  private func one(_ text: String) throws -> Bars {
    let bars = try load(text)
    XCTAssertEqual(bars.count, 1)
    return try XCTUnwrap(bars.first)
  }

  func testYahooHeader() throws {
    let b = try one(
      "Date,Open,High,Low,Close,Adj Close,Volume\n2024-07-10,100.5,101,99.5,100.75,99.8,1000\n"
        + "2024-07-11,101,102.25,100,101.5,100.5,2000\n")
    XCTAssertEqual(b.symbol, "SYM")
    XCTAssertEqual(b.index.days, [day("2024-07-10"), day("2024-07-11")])
    XCTAssertEqual(Set(b.fields.keys), Set(Bars.Field.allCases))
    XCTAssertEqual(b.fields[.adjClose], [99.8, 100.5])
    XCTAssertEqual(b.fields[.volume], [1000, 2000])
    XCTAssertEqual(b.defaultField, .adjClose)
  }

  func testStooqHeaderAndCase() throws {
    let b = try one("DATE,OPEN,high,Low,cLoSe,VOLUME\n2024-07-10,1,2,0.5,1.5,10\n")
    XCTAssertEqual(Set(b.fields.keys), [.open, .high, .low, .close, .volume])
    XCTAssertEqual(b.defaultField, .close)
    XCTAssertEqual(b.fields[.close], [1.5])
  }

  func testAdjCloseSpellingsAndIgnoredColumns() throws {
    for header in ["adj_close", "AdjClose", "Adj Close", " adj close "] {
      let b = try one("Date,Dividends,\(header)\n2024-07-10,0.1,5\n")
      XCTAssertEqual(b.fields.keys.map { $0 }, [.adjClose], header)
    }
  }

  func testAllEmptyColumnIsAbsentAndMissingValuesAreNaN() throws {
    let b = try one(
      "date,open,high,low,close,adj_close,volume\n2024-01-02,,,,10,,\n2024-01-03,null,,,NaN,,\n2024-01-04,,,,12,,5\n"
    )
    XCTAssertEqual(Set(b.fields.keys), [.close, .volume])
    XCTAssertEqual(b.defaultField, .close)
    XCTAssertEqual(bits(b.fields[.close]), bits([10, .nan, 12]))
    XCTAssertEqual(bits(b.fields[.volume]), bits([.nan, .nan, 5]))
  }

  func testAllEmptyCloseIsKeptWhenItIsTheOnlyPriceColumn() throws {
    let b = try one("date,close,volume\n2024-01-02,,1\n")
    XCTAssertEqual(Set(b.fields.keys), [.close, .volume])
    XCTAssertTrue(b.series.values[0].isNaN)
  }

  func testUnsortedRowsAreSorted() throws {
    let b = try one("date,close,volume\n2024-01-04,4,40\n2024-01-02,2,20\n2024-01-03,3,30\n")
    XCTAssertEqual(b.index.days, [day("2024-01-02"), day("2024-01-03"), day("2024-01-04")])
    XCTAssertEqual(b.fields[.close], [2, 3, 4])
    XCTAssertEqual(b.fields[.volume], [20, 30, 40])
  }

  func testLongFileWithSymbolTickerOrName() throws {
    for column in ["symbol", "Ticker", "Name"] {
      let bars = try load(
        "date,\(column),close\n2024-01-02,AAA,1\n2024-01-02,BBB,2\n2024-01-03,AAA,3\n2024-01-01,BBB,0\n")
      XCTAssertEqual(bars.map(\.symbol), ["AAA", "BBB"], column)
      XCTAssertEqual(bars[0].fields[.close], [1, 3])
      XCTAssertEqual(bars[1].index.days, [day("2024-01-01"), day("2024-01-02")])
      XCTAssertEqual(bars[1].fields[.close], [0, 2])
    }
  }

  func testLongFileAbsenceIsPerSymbol() throws {
    let bars = try load("date,symbol,open,close\n2024-01-02,A,,1\n2024-01-02,B,2,2\n")
    XCTAssertEqual(Set(bars[0].fields.keys), [.close])
    XCTAssertEqual(Set(bars[1].fields.keys), [.open, .close])
  }

  func testSymbolFromFileName() {
    XCTAssertEqual(PriceFileLoader.symbolName(forFile: "/a/b/^RUT.csv"), "^RUT")
    XCTAssertEqual(PriceFileLoader.symbolName(forFile: "BRK.B.csv"), "BRK.B")
    XCTAssertEqual(PriceFileLoader.symbolName(forFile: "SPY"), "SPY")
  }

  // MARK: Errors, each with its exact place.

  func testMalformedNumber() {
    assertDataError(
      thrown { try load("date,open,close\n2024-01-02,1,1.5\n2024-01-03,1,1.5x\n") }, file: "p.csv", line: 3,
      column: 3, "malformed number '1.5x'")
  }

  func testMalformedAndImpossibleDate() {
    assertDataError(
      thrown { try load("close,date\n1,2024-01-02\n2,2024-1-03\n") }, file: "p.csv", line: 3, column: 2,
      "malformed date '2024-1-03'")
    assertDataError(
      thrown { try load("close,date\n1,2024-02-30\n") }, file: "p.csv", line: 2, column: 2,
      "impossible date '2024-02-30'")
  }

  func testDuplicateDate() {
    assertDataError(
      thrown { try load("date,close\n2024-01-02,1\n2024-01-02,2\n") }, file: "p.csv", line: 3, column: 1,
      "duplicate date 2024-01-02 (also on line 2)")
    // Unsorted: the first row (in file order) that repeats an earlier date.
    assertDataError(
      thrown {
        try load("date,close\n2024-01-05,1\n2024-01-02,2\n2024-01-03,3\n2024-01-02,4\n2024-01-05,5\n")
      },
      file: "p.csv", line: 5, column: 1, "duplicate date 2024-01-02 (also on line 3)")
    // Per symbol in a long file: the same date for two symbols is fine.
    assertDataError(
      thrown { try load("symbol,date,close\nA,2024-01-02,1\nB,2024-01-02,1\nA,2024-01-02,2\n") },
      file: "p.csv",
      line: 4, column: 2, "duplicate date 2024-01-02 (also on line 2)")
  }

  func testMissingColumns() {
    assertDataError(
      thrown { try load("day,close\n2024-01-02,1\n") }, file: "p.csv", line: 1, column: nil,
      "missing date column")
    assertDataError(
      thrown { try load("date,open,volume\n2024-01-02,1,1\n") }, file: "p.csv", line: 1, column: nil,
      "missing close column")
    assertDataError(
      thrown { try load("date,close,Close\n") }, file: "p.csv", line: 1, column: 3, "duplicate column 'Close'"
    )
  }

  func testWrongNumberOfFields() {
    assertDataError(
      thrown { try load("date,open,close\n2024-01-02,1,2\n2024-01-03,1,2,3\n") }, file: "p.csv", line: 3,
      column: 4,
      "expected 3 fields, found 4")
    assertDataError(
      thrown { try load("date,open,close\r\n2024-01-02,1\r\n") }, file: "p.csv", line: 2, column: 3,
      "expected 3 fields, found 2")
  }

  func testEmptyFileAndNoRows() {
    assertDataError(thrown { try load("") }, file: "p.csv", line: 1, column: nil, "empty file")
    assertDataError(thrown { try load("\u{FEFF}\n\n") }, file: "p.csv", line: 1, column: nil, "empty file")
    assertDataError(thrown { try load("date,close\n") }, file: "p.csv", line: 2, column: nil, "no data rows")
  }

  func testMissingSymbolInLongFile() {
    assertDataError(
      thrown { try load("date,ticker,close\n2024-01-02,,1\n") }, file: "p.csv", line: 2, column: 2,
      "missing symbol")
  }

  func testRendering() {
    let d = thrown { try load("date,close\n2024-01-02,x\n", file: "data/p.csv") }
    XCTAssertEqual(d?.description, "data/p.csv:2:2: error: malformed number 'x'")
  }
}
