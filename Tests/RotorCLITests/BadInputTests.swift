import Foundation
import XCTest

/// Every bad input docs/language.md §3 and §5 names ends in an error with its location and the
/// documented exit status, through the real binary; none crashes or hangs.
final class BadInputTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-bad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Writes `text` to `name` in the temp folder and loads it with `--data`.
  func load(_ name: String, _ text: String, extra: [String] = []) throws -> CLITests.Result {
    let file = folder.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return try CLITests.rotor(["--data", file.path] + extra + ["-e", "1"])
  }

  func testBrokenCSVFilesAreDataErrorsWithFileLineAndColumn() throws {
    let cases: [(name: String, text: String, expected: String)] = [
      ("MALNUM.csv", "date,close\n2024-01-02,1.5\n2024-01-03,1.5.5\n", "MALNUM.csv:3:2: error:"),
      ("MALDATE.csv", "date,close\n2024-01-02,1\n2024-13-03,2\n", "MALDATE.csv:3:1: error:"),
      ("SLASHDATE.csv", "date,close\n2024/01/02,1\n", "SLASHDATE.csv:2:1: error:"),
      ("DUP.csv", "date,close\n2024-01-02,1\n2024-01-03,2\n2024-01-02,3\n", "DUP.csv:4:1: error:"),
      ("NODATE.csv", "day,close\n2024-01-02,1\n", "NODATE.csv:1"),
      ("NOCLOSE.csv", "date,open\n2024-01-02,1\n", "NOCLOSE.csv:1"),
      ("SHORTROW.csv", "date,open,close\n2024-01-02,1,2\n2024-01-03,1\n", "SHORTROW.csv:3"),
      ("EMPTY.csv", "", "EMPTY.csv"),
      ("QUOTE.csv", "date,close\n\"2024-01-02,1\n", "QUOTE.csv:2"),
      ("long.csv", "date,symbol,close\n2024-01-02,AAA,1\n2024-01-02,AAA,2\n", "long.csv:3:1: error:"),
    ]
    for c in cases {
      let r = try load(c.name, c.text)
      XCTAssertEqual(r.status, 2, "\(c.name): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains(c.expected), "\(c.name): expected '\(c.expected)' in:\n\(r.stderr)")
      XCTAssertEqual(r.stdout, "", c.name)
    }
  }

  func testAFolderWithOneBadFileLoadsNothing() throws {
    let data = folder.appendingPathComponent("prices")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try "date,close\n2024-01-02,1\n2024-01-03,2\n".write(
      to: data.appendingPathComponent("GOOD.csv"), atomically: true, encoding: .utf8)
    try "date,close\n2024-01-02,1\n2024-01-03,oops\n".write(
      to: data.appendingPathComponent("BAD.csv"), atomically: true, encoding: .utf8)
    let r = try CLITests.rotor(["--data", data.path, "-e", "GOOD.last()"])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertEqual(r.stdout, "")
    XCTAssertTrue(r.stderr.contains("BAD.csv:3:2: error:"), r.stderr)
  }

  func testMissingPathIsADataError() throws {
    let r = try CLITests.rotor(["--data", folder.appendingPathComponent("nope").path, "-e", "1"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("nope"), r.stderr)
  }

  func testUseOfABrokenFileIsADataErrorAtTheUseStatement() throws {
    let bad = folder.appendingPathComponent("BAD.csv")
    try "date,close\n2024-01-02,x\n".write(to: bad, atomically: true, encoding: .utf8)
    let r = try CLITests.rotor(["-e", "x = 1\nuse \"\(bad.path)\""])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("BAD.csv:2:2: error:"), r.stderr)
  }

  func testGoodDataLoadsAsGiven() throws {
    let r = try load(
      "ABC.csv",
      "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-03,1,2,0.5,1.5,1.4,100\n2024-01-02,1,2,0.5,1.25,1.2,100\n",
      extra: [])
    XCTAssertEqual(r.status, 0, r.stderr)
    let last = try CLITests.rotor([
      "--data", folder.appendingPathComponent("ABC.csv").path, "-e", "ABC.last()\nABC.close.first()",
    ])
    XCTAssertEqual(last.stdout, "1.4\n1.25\n", last.stderr)
  }

  func testScriptErrorsOfSpecSection3() throws {
    let cases: [(String, String)] = [
      ("sma(SPY, 0)", "<expr>:1:1: error: sma: argument 'n' must be a whole number ≥ 1, got 0"),
      ("SPY.ema(2.5)", "<expr>:1:1: error: ema: argument 'n' must be a whole number ≥ 1, got 2.5"),
      ("SPY.highest(-3)", "<expr>:1:1: error: highest: argument 'n' must be a whole number ≥ 1, got -3"),
      ("SPY[1900-01-03]", "<expr>:1:1: error: SPY has no data on or before 1900-01-03"),
      ("SPY.sma(\"50\")", "<expr>:1:1: error: sma: argument 'n' must be a whole number ≥ 1, got string"),
    ]
    for (expression, expected) in cases {
      let r = try CLITests.rotor(["-e", expression])
      XCTAssertEqual(r.status, 1, expression)
      XCTAssertTrue(r.stderr.hasPrefix(expected), "\(expression):\n\(r.stderr)")
    }
    for expression in ["(SPY / 0)", "((SPY - SPY) / (SPY - SPY))"] {
      let r = try CLITests.rotor(["-e", expression + ".last()"])
      XCTAssertEqual(r.status, 0, "\(expression): \(r.stderr)")
    }
  }
}
