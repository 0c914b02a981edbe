import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData

/// `rotor export`'s writer: what it writes loads back to the same data, bit for bit.
final class DatasetExportTests: XCTestCase {
  func testBundledDatasetRoundTrips() throws {
    let tmp = TempFolder()
    let bundled = try Dataset.embedded()
    let folder = tmp.at("export")
    XCTAssertEqual(try DatasetExport.write(bundled, to: folder), bundled.symbols.count + 1)
    let back = try DatasetLoader.load(paths: [folder], cache: nil)
    assertSameDataset(bundled, back)
    XCTAssertEqual(back.notes, [])
    XCTAssertEqual(back.fingerprint, bundled.fingerprint, "the fingerprint does not depend on the format")
  }

  func testAwkwardValuesAndConstituentsRoundTrip() throws {
    let days = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"].map(day)
    let index = DateIndex(days)
    let bars = [
      Bars(
        symbol: "BRK.B", index: index,
        fields: [
          .close: [-0.0, 5e-324, 1.7976931348623157e308, .nan],
          .adjClose: [0.1 + 0.2, 1e15, 123_456_789_012_345_680, -1e-7],
          .volume: [0, 1, 9_007_199_254_740_993, .nan],
        ]),
      Bars(symbol: "^RUT", index: DateIndex(Array(days.prefix(2))), fields: [.close: [.nan, 2]]),
    ]
    let members = [
      Constituent(symbol: "^RUT", name: "Russell \"2000\", index", sector: " padded "),
      Constituent(symbol: "BRK.B", name: "Berkshire", sector: ""),
    ]
    let dataset = Dataset(bars: bars, constituents: members)
    let tmp = TempFolder()
    try DatasetExport.write(dataset, to: tmp.at("out"))
    let back = try DatasetLoader.load(paths: [tmp.at("out")], cache: nil)
    assertSameDataset(dataset, back)
    XCTAssertEqual(back.fingerprint, dataset.fingerprint)
    // A subset: its files and its members only.
    try DatasetExport.write(dataset, symbols: ["^RUT"], to: tmp.at("one"))
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: tmp.at("one")).sorted(),
      ["^RUT.csv", "constituents.csv"])
    let one = try DatasetLoader.load(paths: [tmp.at("one")], cache: nil)
    XCTAssertEqual(one.symbols, ["^RUT"])
    XCTAssertEqual(one.constituents, [members[0]])
  }

  func testRefusesAFullFolderAndUnknownSymbols() throws {
    let dataset = Dataset(bars: [Bars(symbol: "A", index: DateIndex([1]), fields: [.close: [1]])])
    let tmp = TempFolder()
    tmp.write("full/x.csv", "date,close\n")
    XCTAssertTrue(
      thrown { try DatasetExport.write(dataset, to: tmp.at("full")) }?.message.hasPrefix(
        "export folder exists")
        ?? false)
    XCTAssertEqual(
      thrown { try DatasetExport.write(dataset, symbols: ["B"], to: tmp.at("new")) }?.message,
      "no symbol B in the dataset")
    XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.at("new")), "nothing written")
  }
}
