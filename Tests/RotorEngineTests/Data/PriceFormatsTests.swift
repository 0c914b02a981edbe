import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData

/// The formats people already have (docs/data.md, "File formats"), each from its documented
/// shape, written here: FRED, yfinance, wide, Stooq; and streams (named pipes).
final class PriceFormatsTests: XCTestCase {
  private func load(_ name: String, _ text: String) throws -> Dataset {
    let tmp = TempFolder()
    return try DatasetLoader.load(paths: [tmp.write(name, text)], cache: nil)
  }

  private func failure(_ text: String, name: String = "f.csv") -> (Diagnostic?, String) {
    let tmp = TempFolder()
    let path = tmp.write(name, text)
    return (thrown { try DatasetLoader.load(paths: [path], cache: nil) }, path)
  }

  // MARK: FRED

  func testFREDCurrentAndOlderHeaders() throws {
    for header in ["observation_date,DGS10", "DATE,DGS10"] {
      let ds = try load(
        "DGS10.csv", header + "\n2024-01-02,3.95\n2024-01-03,.\n2024-01-04,\n2024-01-05,4.05\n")
      XCTAssertEqual(ds.symbols, ["DGS10"])
      let bars = try XCTUnwrap(ds.bars("DGS10"))
      XCTAssertEqual(Array(bars.fields.keys), [.close])
      XCTAssertEqual(bars.index.days, ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"].map(day))
      let close = try XCTUnwrap(bars.fields[.close])
      XCTAssertEqual(close[0], 3.95)
      XCTAssertTrue(close[1].isNaN && close[2].isNaN)
      XCTAssertEqual(close[3], 4.05)
    }
  }

  func testFREDErrorsAreLocated() {
    var (d, path) = failure("observation_date,DGS10\n2024-01-02,3.95\n2024-01-03,n/a\n")
    assertDataError(d, file: path, line: 3, column: 2, "malformed number 'n/a'")
    (d, path) = failure("observation_date,DGS10\n2024-01-02,3.95\n01/03/2024,4\n")
    assertDataError(d, file: path, line: 3, column: 1, "malformed date '01/03/2024'")
    (d, path) = failure("observation_date,DGS10\n2024-01-02,3.95\n2024-01-02,4\n")
    assertDataError(d, file: path, line: 3, column: 1, "duplicate date 2024-01-02 (also on line 2)")
    (d, path) = failure("observation_date,DGS10\n")
    assertDataError(d, file: path, line: 2, column: nil, "no data rows")
  }

  // MARK: Wide

  func testWideFileOfCloses() throws {
    let ds = try load(
      "closes.csv", "date,SPY,QQQ,^VIX\n2024-01-03,470.5,,13.2\n2024-01-02,472.6,400.1,\n")
    XCTAssertEqual(ds.symbols, ["QQQ", "SPY", "^VIX"])
    let spy = try XCTUnwrap(ds.bars("SPY"))
    let qqq = try XCTUnwrap(ds.bars("QQQ"))
    XCTAssertEqual(spy.index.days, [day("2024-01-02"), day("2024-01-03")], "sorted by date")
    XCTAssertEqual(spy.fields[.close], [472.6, 470.5])
    XCTAssertEqual(qqq.fields[.close]?[0], 400.1)
    XCTAssertTrue(qqq.fields[.close]?[1].isNaN ?? false)
    XCTAssertTrue(spy.index === qqq.index, "one shared date index")
  }

  func testWideErrorsAreLocated() {
    var (d, path) = failure("date,SPY,SPY\n2024-01-02,1,2\n")
    assertDataError(d, file: path, line: 1, column: 3, "duplicate column 'SPY'")
    (d, path) = failure("date,SPY,QQQ\n2024-01-02,1,2\n2024-01-03,1\n")
    assertDataError(d, file: path, line: 3, column: 3, "expected 3 fields, found 2")
    (d, path) = failure("date,SPY,QQQ\n2024-01-03,1,2\n2024-01-02,1,2\n2024-01-03,5,x\n")
    assertDataError(d, file: path, line: 4, column: 3, "malformed number 'x'")
    (d, path) = failure("date,SPY,QQQ\n2024-01-03,1,2\n2024-01-02,1,2\n2024-01-03,5,6\n")
    assertDataError(d, file: path, line: 4, column: 1, "duplicate date 2024-01-03 (also on line 2)")
  }

  func testPriceHeadersAreNotWide() {
    // A header with a price column stays a price file (its errors unchanged).
    let (d, path) = failure("date,open,volume\n2024-01-02,1,1\n")
    assertDataError(d, file: path, line: 1, column: nil, "missing close column")
  }

  // MARK: yfinance

  private let yfinance = """
    Price,Adj Close,Close,High,Low,Open,Volume
    Ticker,SPY,SPY,SPY,SPY,SPY,SPY
    Date,,,,,,
    2024-01-02,460.5,472.65,473.67,470.49,472.16,123623700
    2024-01-03,456.4,468.79,471.19,468.17,470.43,103585900

    """

  func testYFinanceMultiLineHeader() throws {
    let ds = try load("download.csv", yfinance)
    XCTAssertEqual(ds.symbols, ["SPY"])
    let spy = try XCTUnwrap(ds.bars("SPY"))
    XCTAssertEqual(spy.fields[.adjClose], [460.5, 456.4])
    XCTAssertEqual(spy.fields[.close], [472.65, 468.79])
    XCTAssertEqual(spy.fields[.open], [472.16, 470.43])
    XCTAssertEqual(spy.fields[.volume], [123_623_700, 103_585_900])
    XCTAssertEqual(spy.index.days, [day("2024-01-02"), day("2024-01-03")])
  }

  func testYFinanceColumnOrderAndFallbackName() throws {
    let text = "Price,Close,Open\nTicker,,\nDate,,\n2024-01-02,1.5,1.25\n"
    let ds = try load("QQQ.csv", text)
    XCTAssertEqual(ds.symbols, ["QQQ"])
    XCTAssertEqual(ds.bars("QQQ")?.fields[.close], [1.5])
    XCTAssertEqual(ds.bars("QQQ")?.fields[.open], [1.25])
  }

  func testYFinanceErrorsAreLocated() {
    var (d, path) = failure(yfinance.replacingOccurrences(of: "468.17", with: "x"))
    assertDataError(d, file: path, line: 5, column: 5, "malformed number 'x'")
    (d, path) = failure("Price,Close,Close\nTicker,SPY,QQQ\nDate,,\n2024-01-02,1,2\n")
    assertDataError(d, file: path, line: 1, column: 3, "duplicate column 'Close'")
    (d, path) = failure("Price,Close,Open\nTicker,SPY,QQQ\nDate,,\n2024-01-02,1,2\n")
    assertDataError(d, file: path, line: 2, column: 3, "more than one ticker in one file")
    (d, path) = failure("Price,Close,Open\nTicker,SPY,SPY\nDate,,\n")
    assertDataError(d, file: path, line: 4, column: nil, "no data rows")
  }

  // MARK: Stooq

  private let stooqHeader = "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"

  func testStooqBulkFile() throws {
    let text =
      stooqHeader + "AAPL.US,D,20240102,000000,187.15,188.44,183.885,185.64,82488674,0\n"
      + "AAPL.US,5,20240102,153000,185,186,184,185.5,1000,0\n"
      + "AAPL.US,D,20240103,000000,184.22,185.88,183.43,184.25,58414460,0\n"
      + "^SPX,D,20240102,000000,4745.2,4754.33,4722.67,4742.83,0,0\n"
    let ds = try load("aapl.us.txt", text)
    XCTAssertEqual(ds.symbols, ["AAPL", "^SPX"])
    let aapl = try XCTUnwrap(ds.bars("AAPL"))
    XCTAssertEqual(aapl.index.days, [day("2024-01-02"), day("2024-01-03")], "only PER=D rows")
    XCTAssertEqual(aapl.fields[.close], [185.64, 184.25])
    XCTAssertEqual(aapl.fields[.open], [187.15, 184.22])
    XCTAssertEqual(aapl.fields[.volume], [82_488_674, 58_414_460])
  }

  func testStooqTickerRule() {
    XCTAssertEqual(PriceFormats.stooqSymbol("AAPL.US"), "AAPL")
    XCTAssertEqual(PriceFormats.stooqSymbol("BRK-B.US"), "BRK-B")
    XCTAssertEqual(PriceFormats.stooqSymbol("VOD.UK"), "VOD")
    XCTAssertEqual(PriceFormats.stooqSymbol("^SPX"), "^SPX")
    XCTAssertEqual(PriceFormats.stooqSymbol("EURUSD"), "EURUSD")
    XCTAssertEqual(PriceFormats.stooqSymbol("BRK.B"), "BRK.B")
  }

  func testStooqErrorsAreLocated() {
    var (d, path) = failure(stooqHeader + "AAPL.US,D,2024-01-02,000000,1,2,0.5,1.5,10,0\n", name: "a.txt")
    assertDataError(d, file: path, line: 2, column: 3, "malformed date '2024-01-02'")
    (d, path) = failure(stooqHeader + "AAPL.US,D,20230229,000000,1,2,0.5,1.5,10,0\n", name: "a.txt")
    assertDataError(d, file: path, line: 2, column: 3, "impossible date '20230229'")
    (d, path) = failure("<TICKER>,<PER>,<DATE>\nAAPL.US,D,20240102\n", name: "a.txt")
    assertDataError(d, file: path, line: 1, column: nil, "missing <CLOSE> column")
  }

  func testFolderReadsStooqTextFilesOnly() throws {
    let tmp = TempFolder()
    tmp.write("d/aapl.us.txt", stooqHeader + "AAPL.US,D,20240102,000000,1,2,0.5,1.5,10,0\n")
    tmp.write("d/README.txt", "not data")
    tmp.write("d/SPY.csv", "date,close\n2024-01-02,4\n")
    let ds = try DatasetLoader.load(paths: [tmp.at("d")], cache: nil)
    XCTAssertEqual(ds.symbols, ["AAPL", "SPY"])
  }

  // MARK: Streams

  func testNamedPipeIsReadAsAStreamAndNotCached() throws {
    let tmp = TempFolder()
    let fifo = tmp.at("prices.csv")
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    XCTAssertTrue(StreamSource.isStream(fifo))
    let plan = try DatasetLoader.sources(of: fifo)
    XCTAssertTrue(plan.sources.first is StreamSource)
    let cache = DatasetCache(directory: tmp.at("cache"))
    XCTAssertNil(cache.stamp(paths: [fifo], plans: [plan]), "a FIFO has no stamp")
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: fifo) {
        handle.write(Data("date,symbol,close\n2024-01-02,A,1\n2024-01-02,B,2\n".utf8))
        try? handle.close()
      }
    }
    writer.start()
    let ds = try DatasetLoader.load(paths: [fifo], cache: cache)
    XCTAssertEqual(ds.symbols, ["A", "B"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.at("cache")), "nothing cached")
  }

  func testDashIsAStream() throws {
    XCTAssertTrue(StreamSource.isStream("-"))
    let plan = try DatasetLoader.sources(of: "-")
    XCTAssertEqual(plan.sources.first?.name, "<stdin>")
    XCTAssertNil(plan.sources.first?.stampFiles)
  }
}
