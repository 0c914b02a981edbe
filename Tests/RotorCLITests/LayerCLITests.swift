import Foundation
import XCTest

/// Your files beside ours: `--add-data`, `use default + "PATH"`, `use default`, and the
/// layers the REPL names, run through the built binary.
final class LayerCLITests: XCTestCase {
  /// A folder with one symbol of its own (ZZA) and its own SPY, which hides the bundled one.
  private func mine() throws -> String {
    let folder = (FileManager.default.temporaryDirectory.path as NSString)
      .appendingPathComponent("rotor-layers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
    try "date,close\n2024-07-01,10\n2024-07-02,12\n".write(
      toFile: folder + "/ZZA.csv", atomically: true, encoding: .utf8)
    try "date,close\n2024-07-01,100\n2024-07-02,96\n".write(
      toFile: folder + "/QQQ.csv", atomically: true, encoding: .utf8)
    return folder
  }

  func testUseInAScriptReadsBesideTheScriptFirst() throws {
    // The script and its data in one folder, run from elsewhere (the tests run in the
    // repository): `use "ZZA.csv"` finds the file beside the script, as `import` would.
    let folder = try mine()
    try "use \"ZZA.csv\"\nZZA.last()\n".write(toFile: folder + "/s.rotor", atomically: true, encoding: .utf8)
    let beside = try CLITests.rotor([folder + "/s.rotor"])
    XCTAssertEqual(beside.status, 0, beside.stderr)
    XCTAssertEqual(beside.stdout, "12\n")
    // Not beside the script: the working directory, as before.
    try "use \"Scripts/rotation-2024.rotor.missing\"\n".write(
      toFile: folder + "/t.rotor", atomically: true, encoding: .utf8)
    let missing = try CLITests.rotor([folder + "/t.rotor"])
    XCTAssertEqual(missing.status, 2, missing.stderr)
    XCTAssertTrue(
      missing.stderr.contains("\(CLITests.root.path)/Scripts/rotation-2024.rotor.missing"), missing.stderr)
  }

  func testAddDataLaysYourFilesOverTheBundledData() throws {
    let folder = try mine()
    let run = try CLITests.rotor(
      [
        "--add-data", folder, "-e", "ratio(ZZA, SPY).count()", "-e", "QQQ.count()", "-e",
        "universe().count()",
      ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let lines = run.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 3, run.stdout)
    XCTAssertEqual(lines.first, "2", "ZZA's two days, aligned with the bundled SPY")
    XCTAssertEqual(lines.dropFirst().first, "2", "your QQQ replaces the bundled one whole")
    XCTAssertEqual(lines.last, "580", "the bundled universe stays: your folder has no constituents")
  }

  func testDataAloneStillMeansOnlyYourData() throws {
    let run = try CLITests.rotor(["--data", try mine(), "-e", "SPY"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("unknown name 'SPY'"), run.stderr)
  }

  func testDataAndAddDataDoNotCombine() throws {
    let folder = try mine()
    let run = try CLITests.rotor(["--data", folder, "--add-data", folder, "-e", "1"])
    XCTAssertEqual(run.status, 2)
    XCTAssertTrue(run.stderr.contains("do not combine"), run.stderr)
  }

  func testUseDefaultPlusAPathAndBackToTheDefault() throws {
    let folder = try mine()
    let script = """
      use default + "\(folder)"
      [ZZA.last(), QQQ.count()]
      use "\(folder)"
      count(universe())
      use default
      [count(universe()), QQQ.count() > 1000]
      """
    let run = try CLITests.rotor(["-"], stdin: script)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stdout, "[12, 2]\n2\n[580, true]\n")
  }

  func testUseDefaultPlusNeedsAPath() throws {
    let run = try CLITests.rotor(["-e", "use default + 3"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("expected a path in quotes after 'use default +'"), run.stderr)
  }
}
