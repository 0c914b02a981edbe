import Foundation
import XCTest

/// `rotor export` and `--data -`, run through the built binary.
final class ExportCLITests: XCTestCase {
  private func temporaryFolder() -> String {
    let path = (FileManager.default.temporaryDirectory.path as NSString)
      .appendingPathComponent("rotor-export-cli-\(UUID().uuidString)")
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func testHelpAndUsageErrors() throws {
    let help = try CLITests.rotor(["export", "--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.stdout.hasPrefix("usage: rotor export"), help.stdout)
    let none = try CLITests.rotor(["export"])
    XCTAssertEqual(none.status, 2)
    XCTAssertTrue(none.stderr.contains("export needs a folder"), none.stderr)
    let unknown = try CLITests.rotor(["export", "--bogus", "x"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("unknown option '--bogus'"), unknown.stderr)
  }

  func testExportedSymbolsLoadBackWithTheSameValues() throws {
    let out = (temporaryFolder() as NSString).appendingPathComponent("data")
    let export = try CLITests.rotor(["export", out, "SPY", "^RUT", "AAPL"])
    XCTAssertEqual(export.status, 0, export.stderr)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
      ["AAPL.csv", "SPY.csv", "^RUT.csv", "constituents.csv"])
    let expr = "[SPY.close.sum(), `^RUT`.high.sum(), AAPL.volume.sum()]"
    let bundled = try CLITests.rotor(["-e", expr])
    let loaded = try CLITests.rotor(["--data", out, "-e", expr], environment: ["ROTOR_CACHE": "0"])
    XCTAssertEqual(bundled.status, 0, bundled.stderr)
    XCTAssertEqual(loaded.status, 0, loaded.stderr)
    XCTAssertEqual(loaded.stdout, bundled.stdout)
    let members = try CLITests.rotor(["--data", out, "-e", "universe()"], environment: ["ROTOR_CACHE": "0"])
    XCTAssertEqual(members.stdout, "[AAPL]\n", "only the exported members")
    let again = try CLITests.rotor(["export", out])
    XCTAssertEqual(again.status, 2)
    XCTAssertTrue(again.stderr.contains("not empty"), again.stderr)
    let missing = try CLITests.rotor(["export", out + "2", "NOPE"])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("no symbol NOPE"), missing.stderr)
  }

  func testDataFromStandardInput() throws {
    let csv = "date,symbol,close\n2024-01-02,A,1.5\n2024-01-03,A,2.5\n2024-01-02,B,7\n"
    let r = try CLITests.rotor(["--data", "-", "-e", "A.sum() + B.sum()"], stdin: csv)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "11\n")
    let fred = "observation_date,DGS10\n2024-01-02,3.95\n2024-01-03,.\n2024-01-04,4.05\n"
    let f = try CLITests.rotor(["--data", "-", "-e", "DGS10.dropna().count()"], stdin: fred)
    XCTAssertEqual(f.status, 0, f.stderr)
    XCTAssertEqual(f.stdout, "2\n")
    let bad = try CLITests.rotor(["--data", "-", "-e", "1"], stdin: "date,symbol,close\n2024-01-02,A,x\n")
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("<stdin>:2:3"), bad.stderr)
  }
}
