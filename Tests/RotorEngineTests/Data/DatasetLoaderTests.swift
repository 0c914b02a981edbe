import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

final class DatasetLoaderTests: XCTestCase {
  private let ohlcv = "date,open,high,low,close,adj_close,volume\n"

  func testFolderOfPerSymbolFilesWithConstituents() throws {
    let tmp = TempFolder()
    tmp.write("etf/SPY.csv", ohlcv + "2024-01-02,1,2,0.5,1.5,,100\n2024-01-03,1,2,0.5,1.6,,100\n")
    tmp.write("etf/^RUT.csv", "Date,Close\n2024-01-02,10\n2024-01-03,11\n")
    tmp.write("etf/notes.txt", "not data")
    tmp.write(
      "etf/constituents.csv",
      "symbol,name,sector\n^RUT,Index,None\nZZZ,Gone Corp,Energy\nSPY,\"SPDR, S&P\",ETF\n")
    let ds = try DatasetLoader.load(paths: [tmp.at("etf")])
    XCTAssertEqual(ds.symbols, ["SPY", "^RUT"])
    XCTAssertEqual(ds.constituents.map(\.symbol), ["^RUT", "SPY"])
    XCTAssertEqual(ds.constituents[1].name, "SPDR, S&P")
    XCTAssertEqual(ds.universe, ["^RUT", "SPY"])
    XCTAssertTrue(ds.notes.contains { $0.contains("ZZZ") && $0.contains("left out") }, "\(ds.notes)")
    XCTAssertEqual(Set(ds.bars("SPY")?.fields.keys.map { $0 } ?? []), [.open, .high, .low, .close, .volume])
    XCTAssertTrue(ds.contains("^RUT"))
    XCTAssertFalse(ds.contains("QQQ"))
    XCTAssertNil(ds.bars("QQQ"))
    // Identical date arrays share one DateIndex object.
    XCTAssertTrue(ds.bars("SPY")?.index === ds.bars("^RUT")?.index)
    XCTAssertEqual(ds.summary, "2 symbols, 2024-01-02 .. 2024-01-03")
    XCTAssertEqual(ds.origin, tmp.at("etf"))
  }

  func testUniverseIsAllSymbolsWithoutConstituents() throws {
    let tmp = TempFolder()
    tmp.write("d/B.csv", "date,close\n2024-01-02,1\n")
    tmp.write("d/A.csv", "date,close\n2024-01-02,1\n")
    let ds = try DatasetLoader.load(paths: [tmp.at("d")])
    XCTAssertEqual(ds.universe, ["A", "B"])
    XCTAssertEqual(ds.constituents, [])
  }

  func testFirstSourceWinsAndNoteNamesSkippedSymbols() throws {
    let tmp = TempFolder()
    tmp.write("etf/AAA.csv", ohlcv + "2024-01-02,1,2,0.5,1.5,,100\n")
    tmp.write(
      "universe/prices.csv",
      "date,symbol,open,high,low,close,volume\n2024-01-02,AAA,,,,9,\n2024-01-02,BBB,,,,8,\n")
    tmp.write("universe/constituents.csv", "symbol,name,sector\nAAA,A Inc,Tech\nBBB,B Inc,Energy\n")
    let ds = try DatasetLoader.load(paths: [tmp.at("etf"), tmp.at("universe")])
    XCTAssertEqual(ds.symbols, ["AAA", "BBB"])
    XCTAssertEqual(ds.bars("AAA")?.fields[.close], [1.5])
    XCTAssertNotNil(ds.bars("AAA")?.fields[.open])
    XCTAssertEqual(ds.universe, ["AAA", "BBB"])
    XCTAssertEqual(ds.notes.count, 1)
    XCTAssertTrue(ds.notes[0].contains("AAA") && !ds.notes[0].contains("BBB"), ds.notes[0])
    XCTAssertTrue(ds.notes[0].hasPrefix(tmp.at("universe/prices.csv")), ds.notes[0])
    // The other order: the long file wins.
    let reversed = try DatasetLoader.load(paths: [tmp.at("universe"), tmp.at("etf")])
    XCTAssertEqual(reversed.bars("AAA")?.fields[.close], [9])
    XCTAssertTrue(reversed.notes[0].contains("AAA.csv"), reversed.notes[0])
  }

  func testLongFileGivenDirectlyPicksUpConstituentsBesideIt() throws {
    let tmp = TempFolder()
    let prices = tmp.write("u/prices.csv", "Date,Ticker,Close\n2024-01-02,X,1\n2024-01-02,Y,2\n")
    tmp.write("u/constituents.csv", "Symbol,Security,GICS Sector\nY,Y Co,Energy\n")
    let ds = try DatasetLoader.load(paths: [prices])
    XCTAssertEqual(ds.symbols, ["X", "Y"])
    XCTAssertEqual(ds.constituents, [Constituent(symbol: "Y", name: "Y Co", sector: "Energy")])
    XCTAssertEqual(ds.universe, ["Y"])
  }

  func testSinglePerSymbolFileAndMixedFolder() throws {
    let tmp = TempFolder()
    let spy = tmp.write("one/SPY.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n")
    XCTAssertEqual(try DatasetLoader.load(paths: [spy]).symbols, ["SPY"])
    tmp.write("mixed/QQQ.csv", "date,close\n2024-01-02,5\n")
    tmp.write("mixed/all.csv", "date,symbol,close\n2024-01-02,IWM,2\n2024-01-02,QQQ,3\n")
    let ds = try DatasetLoader.load(paths: [tmp.at("mixed")])
    XCTAssertEqual(ds.symbols, ["IWM", "QQQ"])
    XCTAssertEqual(ds.bars("QQQ")?.fields[.close], [5], "files in a folder are read in name order")
    XCTAssertTrue(ds.notes.first?.contains("all.csv") ?? false)
  }

  func testMissingPathAndEmptyFolder() {
    let d = thrown { try DatasetLoader.load(paths: ["/nonexistent/rotor-data"]) }
    XCTAssertEqual(d?.kind, .data)
    XCTAssertEqual(d?.message, "no such file or folder: /nonexistent/rotor-data")
    XCTAssertEqual(d?.description, "rotor: error: no such file or folder: /nonexistent/rotor-data")
    let tmp = TempFolder()
    tmp.write("empty/readme.txt", "")
    XCTAssertEqual(thrown { try DatasetLoader.load(paths: [tmp.at("empty")]) }?.kind, .data)
  }

  func testAnErrorAnywhereLoadsNothing() {
    let tmp = TempFolder()
    tmp.write("a/GOOD.csv", "date,close\n2024-01-02,1\n")
    let bad = tmp.write("b/BAD.csv", "date,close\n2024-01-02,1\n2024-01-02,2\n")
    assertDataError(
      thrown { try DatasetLoader.load(paths: [tmp.at("a"), tmp.at("b")]) }, file: bad, line: 3, column: 1,
      "duplicate date")
  }

  func testConstituentsErrors() {
    let tmp = TempFolder()
    let c = tmp.write("c/constituents.csv", "symbol,name\nA,x\nA,y\n")
    tmp.write("c/A.csv", "date,close\n2024-01-02,1\n")
    assertDataError(
      thrown { try DatasetLoader.load(paths: [tmp.at("c")]) }, file: c, line: 3, column: 1,
      "duplicate symbol A")
  }

  func testFingerprintIsStableAndContentBased() throws {
    let tmp = TempFolder()
    tmp.write("x/A.csv", "date,close\n2024-01-02,1\n")
    tmp.write("y/A.csv", "date,close\n2024-01-02,1\n")
    tmp.write("z/A.csv", "date,close\n2024-01-02,2\n")
    let x = try DatasetLoader.load(paths: [tmp.at("x")]).fingerprint
    XCTAssertEqual(x.count, 16)
    XCTAssertEqual(x, try DatasetLoader.load(paths: [tmp.at("y")]).fingerprint)
    XCTAssertNotEqual(x, try DatasetLoader.load(paths: [tmp.at("z")]).fingerprint)
  }
}
