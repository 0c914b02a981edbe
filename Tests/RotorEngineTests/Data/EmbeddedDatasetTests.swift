import Foundation
import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// Checks on the bundled dataset against values read from the source CSV text.
final class EmbeddedDatasetTests: XCTestCase {
  private func embedded() throws -> Dataset { try Dataset.embedded() }

  /// The value of `field` of `symbol` on `date`.
  private func value(_ symbol: String, _ field: Bars.Field, _ date: String) throws -> Double {
    let bars = try XCTUnwrap(try embedded().bars(symbol), symbol)
    let i = try XCTUnwrap(bars.index.days.firstIndex(of: day(date)), "\(symbol) \(date)")
    return try XCTUnwrap(bars.fields[field], "\(symbol).\(field)")[i]
  }

  func testOpensAndDecodesEverything() throws {
    let ds = try embedded()
    XCTAssertEqual(ds.origin, "bundled")
    XCTAssertEqual(ds.summary, "619 symbols, 1927-12-30 .. 2026-10-06")
    XCTAssertTrue(ds.notes.isEmpty)
    XCTAssertTrue(try Dataset.embedded() === ds, "opened once")
    let packed = try PackedDataset(unowned: Dataset.embeddedBytes, name: "bundled", verifyChecksum: true)
    try packed.validateAll()
    XCTAssertEqual(packed.contentHash, UInt64(ds.fingerprint, radix: 16))
  }

  func testSpotValuesMatchTheSourceText() throws {
    // etf/SPY.csv: 2024-07-11,548.4561,549.3255,542.9758,543.6108,,53054200
    XCTAssertEqual(try value("SPY", .close, "2024-07-11").bitPattern, Double("543.6108")?.bitPattern)
    XCTAssertEqual(try value("SPY", .close, "2024-07-11"), 543.61, accuracy: 0.005)
    XCTAssertEqual(try value("SPY", .volume, "2024-07-11"), 53_054_200)
    // etf/^RUT.csv: 2024-07-17,2246.43994140625,2278.1298828125,2236.25,2239.669921875,,4246450000
    XCTAssertEqual(try value("^RUT", .high, "2024-07-17").bitPattern, Double("2278.1298828125")?.bitPattern)
    XCTAssertEqual(try value("^RUT", .high, "2024-07-17"), 2278.13, accuracy: 0.005)
    // universe/prices.csv: 2018-01-02,A,,,,63.400814056396484,
    XCTAssertEqual(try value("A", .close, "2018-01-02").bitPattern, Double("63.400814056396484")?.bitPattern)
    // etf/^VIX.csv 2026-07-01: open/high/low filled by the 2026-12-02 refresh (blank before),
    // 2026-07-01,17.1100,17.3000,15.9700,16.5900,,0
    XCTAssertEqual(try value("^VIX", .open, "2026-07-01"), 17.11)
    XCTAssertEqual(try value("^VIX", .low, "2026-07-01"), 15.97)
    XCTAssertEqual(try value("^VIX", .close, "2026-07-01"), 16.59)
    // etf/SPY.csv 2026-07-01 volume corrected by the refresh: 46886600 -> 47100900.
    XCTAssertEqual(try value("SPY", .volume, "2026-07-01"), 47_100_900)
  }

  func testDefaultSeriesAndAbsentColumns() throws {
    let ds = try embedded()
    let spy = try XCTUnwrap(ds.bars("SPY"))
    XCTAssertNil(spy.fields[.adjClose], "adj_close is empty in etf/, so absent")
    XCTAssertEqual(spy.defaultField, .close)
    XCTAssertEqual(Set(try XCTUnwrap(ds.bars("IWD")).fields.keys), [.close])
    XCTAssertEqual(try XCTUnwrap(ds.bars("^GSPC")).defaultField, .adjClose)
  }

  func testMegaCapsComeFromETFNotUniverse() throws {
    let nvda = try XCTUnwrap(try embedded().bars("NVDA"))
    XCTAssertEqual(Set(nvda.fields.keys), [.open, .high, .low, .close, .volume])
    XCTAssertEqual(nvda.index.days.first, day("1999-01-22"))
    XCTAssertEqual(nvda.index.days.last, day("2026-08-21"))
  }

  func testUniverse() throws {
    let ds = try embedded()
    XCTAssertEqual(ds.universe.count, 580)
    XCTAssertEqual(ds.constituents.count, 580)
    XCTAssertEqual(ds.universe, ds.constituents.map(\.symbol))
    XCTAssertEqual(ds.universe.first, "A")
    XCTAssertTrue(ds.universe.contains("BRK.B"))
    XCTAssertEqual(ds.constituents.first { $0.symbol == "AAPL" }?.sector, "Information Technology")
    let fisv = try XCTUnwrap(ds.bars("FISV"))
    XCTAssertFalse(fisv.index.days.contains(day("2025-11-12")))
    XCTAssertTrue(fisv.index.days.contains(day("2025-11-11")))
    XCTAssertTrue(fisv.index.days.contains(day("2025-11-13")))
  }

  func testUniverseMembersShareOneDateIndex() throws {
    let ds = try embedded()
    let full = ds.universe.compactMap { ds.bars($0) }.filter {
      $0.index.days.first == day("2018-01-02") && $0.index.days.last == day("2026-07-13")
        && $0.index.count == 2142
    }
    // 549 symbols cover the whole window, FISV with one day missing; the 7 mega-caps come
    // from etf/ with their own dates.
    XCTAssertEqual(full.count, 549 - 1 - 7)
    XCTAssertEqual(Set(full.map { ObjectIdentifier($0.index) }).count, 1)
  }

  /// With ROTOR_DATA_DIR set to the source data folder: every number of every CSV file
  /// loads as exactly Swift's `Double(String)`, and the bundled data equals the CSVs.
  func testAgainstSourceCSVWhenAvailable() throws {
    guard let folder = ProcessInfo.processInfo.environment["ROTOR_DATA_DIR"] else {
      throw XCTSkip("set ROTOR_DATA_DIR to the source data folder to run")
    }
    let etf = (folder as NSString).appendingPathComponent("etf")
    let universe = (folder as NSString).appendingPathComponent("universe")
    let loaded = try DatasetLoader.load(paths: [etf, universe], cache: nil)
    let bundled = try embedded()
    XCTAssertEqual(loaded.fingerprint, bundled.fingerprint)
    // Through the load cache: written by the first load, read by the second.
    let tmp = TempFolder()
    let cache = DatasetCache(directory: tmp.at("cache"))
    _ = try DatasetLoader.load(paths: [etf, universe], cache: cache)
    let cached = try DatasetLoader.load(paths: [etf, universe], cache: cache)
    XCTAssertEqual(cached.fingerprint, bundled.fingerprint)
    XCTAssertEqual(cached.notes, loaded.notes)
    // Every cell of every file, read the slow and obvious way.
    var files = try FileManager.default.contentsOfDirectory(atPath: etf).map {
      (etf as NSString).appendingPathComponent($0)
    }
    files.append((universe as NSString).appendingPathComponent("prices.csv"))
    for file in files where file.hasSuffix(".csv") {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      var lines = text.split(separator: "\n")
      let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(
        String.init)
      let long = header.contains("symbol")
      var reference: [String: Bars] = [:]
      for b in try PriceFileLoader.load(path: file) { reference[b.symbol] = b }
      let fixedSymbol = PriceFileLoader.symbolName(forFile: file)
      var position: [String: Int] = [:]
      for line in lines {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let symbol = long ? cells[1] : fixedSymbol
        let bars = try XCTUnwrap(reference[symbol])
        let row = position[symbol, default: 0]
        position[symbol] = row + 1
        XCTAssertEqual(CivilDate.iso(bars.index.days[row]), cells[0])
        for (k, name) in header.enumerated() {
          guard let field = Bars.Field(rawValue: name), let column = bars.fields[field] else { continue }
          let expected = cells[k].isEmpty ? Double.nan : try XCTUnwrap(Double(cells[k]))
          XCTAssertEqual(column[row].bitPattern, expected.bitPattern, "\(file) \(line)")
        }
      }
    }
  }
}
