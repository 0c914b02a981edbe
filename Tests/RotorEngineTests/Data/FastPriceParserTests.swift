import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// The fast path of the price file reader must return exactly what the general reader
/// returns, or decline (and then the general reader answers, errors included).
final class FastPriceParserTests: XCTestCase {
  /// Both readers on `text`: the same bars (bit for bit), or the same error.
  private func assertSame(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    let bytes = Array(text.utf8)
    let general = Result { () throws(Diagnostic) in
      try PriceFileLoader.loadGeneral(bytes: bytes, file: "t.csv", symbol: "SYM")
    }
    let either = Result { () throws(Diagnostic) in
      try PriceFileLoader.load(bytes: bytes, file: "t.csv", symbol: "SYM")
    }
    switch (general, either) {
    case (.success(let a), .success(let b)):
      XCTAssertEqual(a.map(\.symbol), b.map(\.symbol), text, file: file, line: line)
      for (x, y) in zip(a, b) {
        XCTAssertEqual(x.index.days, y.index.days, text, file: file, line: line)
        XCTAssertEqual(Set(x.fields.keys), Set(y.fields.keys), text, file: file, line: line)
        for (f, values) in x.fields {
          XCTAssertEqual(bits(values), bits(y.fields[f]), "\(f) in \(text)", file: file, line: line)
        }
      }
    case (.failure(let a), .failure(let b)):
      XCTAssertEqual(a.description, b.description, text, file: file, line: line)
    default:
      XCTFail("readers disagree on \(text): \(general) vs \(either)", file: file, line: line)
    }
  }

  /// Whether the fast path accepts `text` (rather than leaving it to the general reader).
  private func fastAccepts(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var reader = CSVReader(bytes: bytes, file: "t.csv")
    guard let layout = try? PriceFileLoader.layout(&reader) else { return false }
    let start = reader.position
    return bytes.withUnsafeBufferPointer {
      FastPriceParser.parse($0, from: start, layout: layout, defaultSymbol: "SYM")
    } != nil
  }

  func testPlainFilesTakeTheFastPath() {
    let ohlcv = "date,open,high,low,close,adj_close,volume\n"
    let text = ohlcv + "2024-01-02,1.5,2,0.25,1.75,,100\n2024-01-03,1.6,2.1,0.3,1.8,,200\n"
    XCTAssertTrue(fastAccepts(text))
    XCTAssertTrue(fastAccepts("date,symbol,close\n2024-01-02,A,1\n2024-01-02,B,2\n2024-01-03,A,3\n"))
    XCTAssertTrue(fastAccepts("Date,Close\r\n2024-01-02,1\r\n\r\n2024-01-03,2"))
    XCTAssertTrue(fastAccepts("\u{FEFF}date,close\n2024-07-11 00:00:00-04:00,1\n2024-07-12T00:00,2\n"))
    assertSame(text)
  }

  func testOddShapesAreLeftToTheGeneralReader() {
    for text in [
      "date,close\n2024-01-03,1\n2024-01-02,2\n",  // unsorted: sorted by the general reader
      "date,close\n2024-01-02,1\n2024-01-02,2\n",  // duplicate date: its error
      "date,close\n\"2024-01-02\",1\n",  // quoted
      "date,close\n2024-01-02, 1\n",  // spaces
      "date,close\n2024-01-02,1 \n",
      "date,close\n2024-01-02,1,\n",  // too many fields
      "date,open,close\n2024-01-02,1\n",  // too few
      "date,close\n2024-01-02,1e3\n",  // exponent: through the general number parser, accepted
      "date,close\n2024-02-30,1\n", "date,close\n2024-1-02,1\n", "date,close\n2024-01-02,x\n",
      "date,close\n2024-01-02,1e999\n", "date,close\n2024-01-02,-\n", "date,close\n2024-01-02,.\n",
      "date,close\n2024-01-02,+.5\n", "date,close\n2024-01-02,-.5\n", "date,close\n2024-01-02,5.\n",
      "date,close\n2024-01-02,-0\n", "date,close\n2024-01-02,-0.0\n", "date,close\n2024-01-02,-nan\n",
      "date,close\n2024-01-02,NULL\n", "date,close\n2024-01-02,nAn\n", "date,close\n2024-01-02,n\n",
      "date,close\n2024-01-02,nulls\n", "date,close\n", "date,close\n\n\n",
      "date,symbol,close\n2024-01-02,,1\n", "date,symbol,close\n2024-01-02, A,1\n",
      "date,symbol,close\n2024-01-02,Å,1\n", "date,symbol,close\n2024-01-02,A,1\n2024-01-01,A,1\n",
      "date,close\n2024-01-02\t,1\n", "date,close\n2024-01-02x,1\n", "date,close\n0000-01-02,1\n",
      "date,dividends,close\n2024-01-02,\"0,5\",1\n", "date,close\r2024-01-02,1\r2024-01-03,2\r",
    ] {
      assertSame(text)
    }
  }

  func testNumbersMatchDoubleFromString() {
    var rng = SystemRandomNumberGenerator()
    var texts: [String] = []
    for _ in 0..<20_000 {
      let whole = String(
        UInt64.random(in: 0...999_999_999_999, using: &rng) >> UInt64.random(in: 0...40, using: &rng))
      let fraction = String(UInt64.random(in: 0...UInt64.max, using: &rng)).prefix(
        Int.random(in: 0...19, using: &rng))
      let sign = ["", "-", "+"].randomElement(using: &rng)!
      texts.append(fraction.isEmpty ? sign + whole : sign + whole + "." + fraction)
    }
    // Shortest round-trip forms (17 significant digits), as pandas writes them.
    for _ in 0..<20_000 {
      texts.append("\(Double.random(in: 0.001...100_000, using: &rng))")
      texts.append("\(Double(Float.random(in: 0.01...1000, using: &rng)))")
    }
    texts += [
      "0", "0.0", "00012.5000", ".5", "5.", "9007199254740993", "9007199254740992.5",
      "123456789012345678", "1234567890123456789", "12345678901234567890", "0.000000000000000000001",
      "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "2.2250738585072014e-308", "4.9e-324", "1e-400", "0.1", "0.2", "0.3", "1.0000000000000002",
      "63.400814056396484", "0.09820697456598282",
    ]
    var csv = "date,close\n"
    var expected: [Double] = []
    for (i, t) in texts.enumerated() {
      csv += "\(CivilDate.iso(Int32(10_000 + i))),\(t)\n"
      expected.append(Double(t) ?? .nan)
    }
    let bars = try? PriceFileLoader.load(bytes: Array(csv.utf8), file: "n.csv", symbol: "N")
    guard let values = bars?.first?.fields[.close] else { return XCTFail("did not load") }
    for (k, t) in texts.enumerated() where !expected[k].isInfinite {
      XCTAssertEqual(values[k].bitPattern, expected[k].bitPattern, t)
    }
    // NumberParser (the general reader) agrees too, including Eisel–Lemire's cases.
    for t in texts {
      let parsed = Array(t.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
      XCTAssertEqual(parsed?.bitPattern, Double(t)?.bitPattern, t)
    }
  }

  func testRandomFilesAgreeWithTheGeneralReader() {
    var rng = SystemRandomNumberGenerator()
    let cells = [
      "", "1", "-2.5", "0.0001", "12345.678901", "null", "NaN", "1e2", "7.", ".25", "63.400814056396484",
    ]
    for _ in 0..<300 {
      let long = Bool.random(using: &rng)
      var text = long ? "date,symbol,open,close,volume\n" : "Date,Open,Close,Volume,Other\n"
      var day: Int32 = 19_000
      for _ in 0..<Int.random(in: 1...40, using: &rng) {
        day += Int32.random(in: (Bool.random(using: &rng) ? 1 : -1)...3, using: &rng)
        let values = (0..<3).map { _ in cells.randomElement(using: &rng)! }
        let symbol = ["A", "BB", "C.D"].randomElement(using: &rng)!
        let ending = ["\n", "\r\n", "\n\n"].randomElement(using: &rng)!
        text +=
          long
          ? "\(CivilDate.iso(day)),\(symbol),\(values.joined(separator: ","))\(ending)"
          : "\(CivilDate.iso(day)),\(values.joined(separator: ",")),x\(ending)"
      }
      if Bool.random(using: &rng) { text.removeLast() }
      assertSame(text)
    }
  }

  func testScalesReportedForExactDecimals() throws {
    let text = "date,open,close,volume\n2024-01-02,1.25,1.5,100\n2024-01-03,1.125,63.400814056396484,200\n"
    let bytes = Array(text.utf8)
    var reader = CSVReader(bytes: bytes, file: "t.csv")
    let layout = try PriceFileLoader.layout(&reader)
    let start = reader.position
    let parsed = try XCTUnwrap(
      bytes.withUnsafeBufferPointer {
        FastPriceParser.parse($0, from: start, layout: layout, defaultSymbol: "S")
      })
    XCTAssertEqual(parsed.scales, [[.open: 3, .volume: 0]])
    XCTAssertEqual(parsed.bars[0].fields[.open], [1.25, 1.125])
    XCTAssertEqual(parsed.bars[0].fields[.close], [1.5, 63.400814056396484])
  }
}
