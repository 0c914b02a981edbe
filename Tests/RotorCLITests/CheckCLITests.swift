import Foundation
import XCTest

/// `rotor check FILE` as cron runs it (docs/language.md §6): no terminal (stdin from
/// /dev/null, a new session without a controlling tty), a minimal environment whose `HOME`
/// is an empty temporary folder (so no local store), quiet output, one line per failure.
final class CheckCLITests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs `rotor check` on a script holding `text`, as cron would.
  func check(_ text: String, arguments: [String]? = nil) throws -> CLITests.Result {
    let script = folder.appendingPathComponent("alerts.rotor")
    try text.write(to: script, atomically: true, encoding: .utf8)
    let setsid = "/usr/bin/setsid"
    let hasSetsid = FileManager.default.isExecutableFile(atPath: setsid)
    let rotorArguments = arguments ?? ["check", script.path]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: hasSetsid ? setsid : CLITests.binary.path)
    process.arguments = (hasSetsid ? ["-w", CLITests.binary.path] : []) + rotorArguments
    process.currentDirectoryURL = folder
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    return try CLITests.outcome(of: process)
  }

  func testAllHoldIsExitZeroAndSilent() throws {
    let r = try check(
      """
      SPY.last()
      check(AMZN > 0, "AMZN has a price")
      alert(AMZN < 0, "AMZN below zero")
      check(true, "plain")
      """)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testOneFailureIsExitOneWithExactlyThatLine() throws {
    let r = try check(
      """
      check(AMZN > 0, "AMZN has a price")
      check(AMZN < 0, "AMZN below zero")
      """)
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertEqual(r.stdout, "FAILED: AMZN below zero (AMZN 256.29 < 0, as of 2026-10-06)\n")
  }

  func testTwoFailuresAreTwoLines() throws {
    let r = try check(
      """
      check(AMZN < 0, "first")
      check(true, "holds")
      alert(drawdown(IWM) < -0.10, "IWM in correction", asof=2025-04-08)
      """)
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertEqual(
      r.stdout,
      "FAILED: first (AMZN 256.29 < 0, as of 2026-10-06)\n"
        + "ALERT: IWM in correction (drawdown(IWM) -0.275031 < -0.1, as of 2025-04-08)\n")
  }

  func testScriptErrorIsExitTwoWithALocatedMessage() throws {
    let r = try check(
      """
      check(AMZN < 0, "first")
      check(AMZM > 0, "typo")
      """)
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("alerts.rotor:2:7: error: unknown name 'AMZM'"), r.stderr)
    let notACondition = try check("check(AMZN.last(), \"a number\")\n")
    XCTAssertEqual(notACondition.status, 2)
    XCTAssertTrue(
      notACondition.stderr.contains("alerts.rotor:1:1: error: a condition must be true/false"),
      notACondition.stderr)
    let asofOnANumber = try check("check(AMZN.last() > 0, \"no date\", asof=2025-04-08)\n")
    XCTAssertEqual(asofOnANumber.status, 2)
    XCTAssertTrue(asofOnANumber.stderr.contains("needs a series condition"), asofOnANumber.stderr)
  }

  func testMissingAndStaleConditionsFailSayingMissing() throws {
    let r = try check(
      """
      check(SPY > SPY.sma(200), "SPY above its 200-day")
      check(nan > 1, "a missing number")
      check(AMZN.sma(50) > 0, "early", asof=1997-05-23)
      alert(crossover(AMZN, AMZN.sma(50)), "a crossing", asof=1997-05-15)
      check(AMZN > 0, "before the data", asof=1990-01-02)
      """)
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertEqual(
      r.stdout,
      "FAILED: SPY above its 200-day (missing: the data ends 2026-09-02, stale as of 2026-10-06)\n"
        + "FAILED: a missing number (missing: nan has no value)\n"
        + "FAILED: early (missing: sma(AMZN,50) has no value on 1997-05-23)\n"
        + "FAILED: a crossing (missing: crossover(AMZN,sma(AMZN,50)) is missing on 1997-05-15)\n"
        + "FAILED: before the data (missing: AMZN>0 has no rows on or before 1990-01-02)\n")
  }

  func testNoFileIsAUsageError() throws {
    let r = try check("", arguments: ["check"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("rotor check needs a script"), r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testAScriptWithoutChecksIsAnError() throws {
    let r = try check("SPY.last()\n")
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("no check(...) or alert(...) ran"), r.stderr)
  }

  func testPlainRunShowsEveryLineAndGoesOn() throws {
    let script = folder.appendingPathComponent("plain.rotor")
    try "check(AMZN < 0, \"below zero\")\ncheck(true, \"plain\")\n1 + 1\n".write(
      to: script, atomically: true, encoding: .utf8)
    let r = try CLITests.rotor([script.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "FAILED: below zero (AMZN 256.29 < 0, as of 2026-10-06)\nok: plain\n2\n")
  }
}
