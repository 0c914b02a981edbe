import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData

/// The local store: location, commits, damaged files and manifests, repair.
final class LocalStoreTests: XCTestCase {
  func bars(_ symbol: String, _ days: [Int32]) -> Bars {
    Bars(symbol: symbol, index: DateIndex(days), fields: [.close: days.map { Double($0) / 2 }])
  }

  func testTheLocationFollowsTheEnvironment() {
    XCTAssertEqual(
      LocalStore.defaultPath(environment: ["ROTOR_DATA_HOME": "/a", "XDG_DATA_HOME": "/b"]), "/a")
    XCTAssertEqual(LocalStore.defaultPath(environment: ["XDG_DATA_HOME": "/b", "HOME": "/h"]), "/b/rotor")
    XCTAssertEqual(LocalStore.defaultPath(environment: ["HOME": "/h"]), "/h/.local/share/rotor")
  }

  func testCommitsAreReadBackAndOldFilesRemoved() throws {
    let temp = TempFolder()
    let store = try LocalStore.open(temp.path)
    XCTAssertTrue(store.isEmpty)
    XCTAssertFalse(LocalStore.exists(at: temp.path))
    try store.commit(bars("^VIX", [1, 2, 3]), source: "yahoo")
    try store.commit(bars("^VIX", [1, 2, 3, 4]), source: "yahoo")
    try store.commit(bars("DGS10", [5]), source: "fred")
    let again = try LocalStore.open(temp.path)
    XCTAssertEqual(again.symbols, ["DGS10", "^VIX"])
    XCTAssertEqual(try again.bars("^VIX")?.index.days, [1, 2, 3, 4])
    XCTAssertEqual(again.manifest.entries["DGS10"]?.source, "fred")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temp.at("symbols")).count, 2)
    XCTAssertEqual(try again.dataset().bars("DGS10")?.fields[.close], [2.5])
  }

  func testAnUnlistedFileFromAnInterruptedCommitIsIgnoredThenRemoved() throws {
    let temp = TempFolder()
    let store = try LocalStore.open(temp.path)
    try store.commit(bars("A", [1]), source: "yahoo")
    temp.write("symbols/A-0000000000000000.rotordata", "half a file")
    XCTAssertEqual(try LocalStore.open(temp.path).bars("A")?.index.days, [1])
    XCTAssertEqual(try LocalStore.open(temp.path).removeUnlisted(), 1)
  }

  func testADamagedManifestIsADataErrorWithTheRepairCommand() throws {
    let temp = TempFolder()
    let store = try LocalStore.open(temp.path)
    try store.commit(bars("A", [1, 2]), source: "yahoo")
    var text = try String(contentsOfFile: temp.at("manifest.tsv"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\t2\t", with: "\t3\t")
    temp.write("manifest.tsv", text)
    let error = try XCTUnwrap(thrown { try LocalStore.open(temp.path) })
    XCTAssertEqual(error.kind, .data)
    XCTAssertTrue(error.message.contains("checksum mismatch"), error.message)
    XCTAssertTrue(error.notes.joined().contains("rotor update --repair"))
    XCTAssertEqual(try LocalStore.repair(temp.path).last, "manifest rebuilt: 1 symbol")
    XCTAssertEqual(try LocalStore.open(temp.path).bars("A")?.index.count, 2)
  }

  func testATruncatedSymbolFileIsADataErrorNamingIt() throws {
    let temp = TempFolder()
    let store = try LocalStore.open(temp.path)
    try store.commit(bars("A", [1, 2]), source: "yahoo")
    let file = try XCTUnwrap(store.manifest.entries["A"]?.file)
    let data = try XCTUnwrap(FileManager.default.contents(atPath: temp.at("symbols/" + file)))
    try data.prefix(data.count - 3).write(to: URL(fileURLWithPath: temp.at("symbols/" + file)))
    let dataset = try LocalStore.open(temp.path).dataset()
    XCTAssertTrue(dataset.contains("A"))
    XCTAssertNil(dataset.bars("A"))
    let error = try XCTUnwrap(dataset.problem("A"))
    XCTAssertEqual(error.dataLocation?.file, temp.at("symbols/" + file))
    XCTAssertTrue(error.message.contains("local store file damaged"), error.message)
  }

  func testSymbolNamesBecomeSafeFileNames() {
    XCTAssertEqual(LocalStore.safeName("^GSPC"), "%5EGSPC")
    XCTAssertEqual(LocalStore.safeName("BRK.B"), "BRK.B")
    XCTAssertEqual(LocalStore.safeName("../x"), "%2E.%2Fx")
  }
}
