import Foundation
import XCTest

/// Hostile inputs and streams: a duration out of range is a located error, and a closed or
/// full output stream never crashes rotor (a failed stdout is exit status 2).
final class HostileOutputTests: XCTestCase {
  /// Runs `rotor ARGS` through the shell with `redirections`; returns the status and stderr.
  private func shell(_ arguments: String, _ redirections: String) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let command = "'\(CLITests.binary.path)' \(arguments) \(redirections)"
    process.arguments = ["-c", command]
    var env = ProcessInfo.processInfo.environment
    env["ROTOR_DATA_HOME"] = "/nonexistent/rotor-test-store"
    process.environment = env
    let err = Pipe()
    process.standardError = err
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  func testDurationsOutOfRangeAreLocatedErrors() throws {
    for (expression, literal) in [
      ("SPY.last(2147483648d)", "2147483648d"), ("SPY.last(300000000mo)", "300000000mo"),
      ("SPY.last(400000000w)", "400000000w"), ("first(SPY, 9223372036854775807d)", "9223372036854775807d"),
      ("perf(sectors, periods=[99999999y])", "99999999y"),
    ] {
      let run = try CLITests.rotor(["-e", expression])
      XCTAssertEqual(run.status, 1, expression)
      XCTAssertTrue(run.stderr.contains("<expr>:1:"), run.stderr)
      XCTAssertTrue(run.stderr.contains("duration \(literal) is out of range"), run.stderr)
      XCTAssertFalse(run.stderr.contains("rash"), run.stderr)
    }
    XCTAssertEqual(try CLITests.rotor(["-e", "SPY.last(10000y).count() > 8000"]).stdout, "true\n")
  }

  func testAClosedOrFullStandardErrorDoesNotCrash() throws {
    XCTAssertEqual(try shell("-e nosuch", "2>&-").status, 1)
    XCTAssertEqual(try shell("-e nosuch", "2>/dev/full").status, 1)
    XCTAssertEqual(try shell("-e 1", "2>&- >/dev/null").status, 0)
  }

  func testAFullOrClosedStandardOutputIsExitStatusTwo() throws {
    let full = try shell("--format csv -e SPY", ">/dev/full")
    XCTAssertEqual(full.status, 2)
    XCTAssertTrue(full.stderr.contains("cannot write the output: No space left on device"), full.stderr)
    let closed = try shell("-e 1", ">&-")
    XCTAssertEqual(closed.status, 2)
    XCTAssertTrue(closed.stderr.contains("cannot write the output"), closed.stderr)
  }
}
