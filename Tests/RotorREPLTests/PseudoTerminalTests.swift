import Foundation
import XCTest

/// The one real-terminal test: `Tests/pty/repl_pty_test.py` drives the built `rotor` through a
/// pseudo-terminal with pexpect (prompt, completion, history, Ctrl-C, `:help`, `:quit`, ...).
/// Skipped, with a message, only when python3 or pexpect is missing (`.ci/run` installs them).
final class PseudoTerminalTests: XCTestCase {
  func testAPersonAtTheTerminal() throws {
    try runScript("Tests/pty/repl_pty_test.py", passed: "OK: every REPL check passed")
  }

  /// Narrowing the terminal to 2–5 columns and back while typing, and a foreign history file.
  func testResizingAndAForeignHistoryFile() throws {
    try runScript("Tests/pty/resize_pty_test.py", passed: "OK: every resize and history check passed")
  }

  private func runScript(_ relative: String, passed: String) throws {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    guard
      let python = path.split(separator: ":").map({ "\($0)/python3" })
        .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else {
      throw XCTSkip("python3 is not installed: the pseudo-terminal REPL test needs python3 and pexpect")
    }
    let (hasPexpect, _, _) = try runProcess(python, ["-c", "import pexpect"])
    if hasPexpect != 0 {
      throw XCTSkip("python3 has no pexpect (pip install pexpect): the pseudo-terminal REPL test is skipped")
    }
    let script = Paths.root.appendingPathComponent(relative).path
    let (status, stdout, stderr) = try runProcess(python, [script, Paths.rotor.path])
    print(stdout)
    XCTAssertEqual(status, 0, "pty test failed:\n\(stdout)\n\(stderr)")
    XCTAssertTrue(stdout.contains(passed), stdout)
  }
}
