import Foundation
import XCTest

/// Hostile scripts (issue #13): long chains, dates past the calendar, resource bombs, floods
/// of errors and bytes that are not UTF-8 each end in exit status 1 or 2 with a located
/// message, never a crash. docs/language.md "Limits" lists the limits they meet.
final class HostileInputTests: XCTestCase {
  /// Runs `text` as a script file named `name` (a file, since a 100,000-link chain is too
  /// long for one command-line argument).
  private func script(_ text: String, name: String = "hostile.rotor", _ extra: [String] = []) throws
    -> CLITests.Result
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-hostile-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return try CLITests.rotor(extra + [file.path])
  }

  private func assertClean(
    _ run: CLITests.Result, _ label: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertFalse(run.stderr.contains("rash"), "\(label): \(run.stderr.prefix(500))", file: file, line: line)
    XCTAssertFalse(
      run.stderr.contains("atal error"), "\(label): \(run.stderr.prefix(500))", file: file, line: line)
    XCTAssertTrue([0, 1, 2].contains(run.status), "\(label): status \(run.status)", file: file, line: line)
  }

  /// Each kind of left-associative chain: 1,500 links run; 100,000 links are a located error.
  func testLongChainsRunOrAreLocatedErrors() throws {
    let chains: [(name: String, make: (Int) -> String, expected: (Int) -> String)] = [
      ("sma", { "SPY" + String(repeating: ".sma(2)", count: $0) + ".count() > 0" }, { _ in "true" }),
      ("*", { "1" + String(repeating: " * 1", count: $0) }, { _ in "1" }),
      ("+", { "1" + String(repeating: "+1", count: $0) }, { "\($0 + 1)" }),
      ("and", { "true" + String(repeating: " and true", count: $0) }, { _ in "true" }),
      ("or", { "false" + String(repeating: " or false", count: $0) }, { _ in "false" }),
      ("string +", { "(\"a\"" + String(repeating: " + \"a\"", count: $0) + ").count()" }, { _ in "" }),
      (
        "index", { "SPY" + String(repeating: "[2024-01-02 ..]", count: $0) + ".count() > 0" }, { _ in "true" }
      ),
    ]
    for chain in chains {
      let short = try script(chain.make(1_500) + "\n")
      assertClean(short, chain.name)
      if chain.name == "string +" {
        XCTAssertTrue(short.status == 0 || short.stderr.contains("hostile.rotor:1:"), short.stderr)
      } else {
        XCTAssertEqual(short.status, 0, "\(chain.name): \(short.stderr.prefix(300))")
        XCTAssertEqual(short.stdout, chain.expected(1_500) + "\n", chain.name)
      }
      let long = try script(chain.make(100_000) + "\n")
      assertClean(long, chain.name)
      XCTAssertEqual(long.status, 1, chain.name)
      XCTAssertTrue(long.stderr.contains("hostile.rotor:1:"), "\(chain.name): \(long.stderr.prefix(300))")
      XCTAssertTrue(long.stderr.contains("expression nests deeper than 5000 levels"), chain.name)
      XCTAssertLessThan(long.stderr.utf8.count, 2_000, "\(chain.name): the source line is cut to a window")
    }
    // 3,000 `+` in a row once overflowed the stack.
    let plus = try script("1" + String(repeating: " + 1", count: 3_000) + "\n")
    XCTAssertEqual(plus.stdout, "3001\n")
  }

  /// Functions nest the depth of their bodies: the evaluation depth limit stops it, located.
  func testDeepEvaluationAcrossCallsIsALocatedError() throws {
    var lines = ["fn g0() = SPY" + String(repeating: ".sma(2)", count: 4_990)]
    for k in 1...4 { lines.append("fn g\(k)() = g\(k - 1)()" + String(repeating: ".lag(0)", count: 4_990)) }
    lines.append("g4().last()")
    let run = try script(lines.joined(separator: "\n") + "\n")
    assertClean(run, "deep calls")
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("expression nests deeper than 10000 levels as it runs"), run.stderr)
    XCTAssertTrue(run.stderr.contains("hostile.rotor:3:"), String(run.stderr.prefix(300)))
  }

  /// Date arithmetic past the calendar, and counts, windows and digits far out of range.
  func testDatesAndCountsOutOfRangeAreLocatedErrors() throws {
    let far = "2024-01-01" + String(repeating: " + 999999", count: 3_000)
    for (expression, message) in [
      (far, "date out of range"), ("9999-12-31 + 1", "is after 9999-12-31"),
      ("0001-01-01 - 1", "is before 0001-01-01"), ("2024-01-01 - 999999 - 999999", "date out of range"),
      ("SPY.sma(1e300)", "sma: argument 'n'"), ("SPY.sma(-1)", "sma: argument 'n'"),
      ("SPY.lag(9223372036854775807)", "lag: argument 'n'"), ("SPY.lag(2^62)", "of at most 10^9 in size"),
      ("head(SPY, 2^62)", "head: argument 'n' must be a whole number of at most 10^9 in size"),
      ("round(SPY, 1e9)", "round: argument 'digits'"),
      ("SPY.lag(1e12 + 1)", "lag: argument 'n' must be a whole number of at most 10^9 in size"),
      ("first(SPY, 4611686018427387904)", "first: argument 'n'"),
    ] {
      let run = try script(expression + "\n")
      assertClean(run, expression)
      XCTAssertEqual(run.status, 1, expression)
      XCTAssertTrue(run.stderr.contains("hostile.rotor:1:"), "\(expression): \(run.stderr.prefix(300))")
      XCTAssertTrue(run.stderr.contains(message), "\(expression): \(run.stderr.prefix(300))")
    }
    XCTAssertEqual(try CLITests.rotor(["-e", "9999-12-30 + 1"]).stdout, "9999-12-31\n")
  }

  /// A string doubled 30 times stops at the string limit, where it happens.
  func testAStringBombStopsAtTheStringLimit() throws {
    let run = try script("s = \"ab\"\n" + String(repeating: "s = s + s\n", count: 30) + "s.count()\n")
    assertClean(run, "string bomb")
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("hostile.rotor:27:5: error: string too long: 128 MB"), run.stderr)
  }

  /// Doubling a series (its name), a list of lists, and lists nested 2,000 deep: each stays
  /// small or stops at a limit.
  func testDoublingNamesAndListsStopsOrStaysSmall() throws {
    let names = try script(
      "x = SPY.close\n" + String(repeating: "x = x + x\n", count: 40) + "x.count() > 0\n")
    XCTAssertEqual(names.status, 0, String(names.stderr.prefix(300)))
    XCTAssertEqual(names.stdout, "true\n")
    for (start, line, expected) in [
      ("l = [1]", "l = [l, l]", "list too long: more than 10000000 items"),
      // A shared series each time it appears: showing the list would print every value.
      ("l = [SPY.close]", "l = [l, l]", "list too large: its series hold more than 100000000 values"),
      ("l = SPY.close", "l = [l, l]", "list too large: its series hold more than 100000000 values"),
      ("l = []", "l = [l, l]", "list too long: more than 10000000 items"),
      ("l = [1]", "l = [l]", "lists nest deeper than 1000 levels"),
    ] {
      let count = line == "l = [l]" ? 2_000 : 40
      let run = try script(start + "\n" + String(repeating: line + "\n", count: count) + "l + 1\n")
      assertClean(run, start + line)
      XCTAssertEqual(run.status, 1, start + line)
      XCTAssertTrue(run.stderr.contains(expected), "\(start) \(line): \(run.stderr.prefix(300))")
      XCTAssertTrue(run.stderr.contains("hostile.rotor:"), run.stderr)
    }
  }

  /// The nested map over the universe stops at the memory limit in bounded time.
  func testANestedMapBombStopsAtTheMemoryLimit() throws {
    let started = Date()
    let run = try CLITests.rotor([
      "--max-memory", "200M", "-e", "x = map(universe(), s => map(universe(), t => ratio(s, t)))",
    ])
    assertClean(run, "map bomb")
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("<expr>:1:"), run.stderr)
    XCTAssertTrue(run.stderr.contains("out of memory: Rotor holds"), run.stderr)
    XCTAssertTrue(run.stderr.contains("--max-memory"), run.stderr)
    XCTAssertLessThan(Date().timeIntervalSince(started), 120)
    let usage = try CLITests.rotor(["--max-memory", "lots", "-e", "1"])
    XCTAssertEqual(usage.status, 2)
    XCTAssertTrue(usage.stderr.contains("--max-memory must be a size"), usage.stderr)
    XCTAssertEqual(try CLITests.rotor(["--max-memory", "1G", "-e", "1 + 1"]).stdout, "2\n")
  }

  /// 100,001 semicolons: 20 errors and a count of the rest, fast and small; 8,000 likewise.
  func testAFloodOfErrorsIsCappedAndLinear() throws {
    for n in [8_000, 100_001] {
      let started = Date()
      let run = try script(String(repeating: ";", count: n) + "\n")
      assertClean(run, "\(n) semicolons")
      XCTAssertEqual(run.status, 1)
      XCTAssertEqual(run.stderr.components(separatedBy: ": error: ").count - 1, 20)
      XCTAssertTrue(run.stderr.contains("… and \(n - 20) more errors"), String(run.stderr.suffix(200)))
      XCTAssertLessThan(run.stderr.utf8.count, 10_000)
      XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }
  }

  /// A script of 100,000 statements runs, in time linear in its length.
  func testAHundredThousandStatementsRun() throws {
    let started = Date()
    let run = try script(String(repeating: "x = 1\n", count: 100_000) + "x + 1\n")
    XCTAssertEqual(run.status, 0, String(run.stderr.prefix(300)))
    XCTAssertEqual(run.stdout, "2\n")
    XCTAssertLessThan(Date().timeIntervalSince(started), 60)
  }

  /// A byte that is not UTF-8 is located (line:col), in a script, on stdin and in an import.
  func testInvalidUTF8IsLocated() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-utf8-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.rotor")
    try Data("x = 1\ny = \"caf".utf8 + [0xE9] + "\"\n".utf8).write(to: bad)
    let run = try CLITests.rotor([bad.path])
    XCTAssertEqual(run.status, 2)
    XCTAssertTrue(run.stderr.contains("bad.rotor:2:9: error: invalid UTF-8 (byte 0xE9)"), run.stderr)
    XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain"), run.stderr)

    let main = folder.appendingPathComponent("main.rotor")
    try Data("import \"bad.rotor\"\n".utf8).write(to: main)
    let imported = try CLITests.rotor([main.path])
    XCTAssertEqual(imported.status, 2)
    XCTAssertTrue(imported.stderr.contains("bad.rotor:2:9: error: invalid UTF-8"), imported.stderr)
    XCTAssertTrue(imported.stderr.contains("imported from"), imported.stderr)

    let process = Process()
    process.executableURL = CLITests.binary
    process.arguments = ["-"]
    process.environment = ["ROTOR_DATA_HOME": "/nonexistent/rotor-test-store", "NO_COLOR": "1"]
    let input = Pipe()
    let err = Pipe()
    process.standardInput = input
    process.standardError = err
    process.standardOutput = Pipe()
    try process.run()
    input.fileHandleForWriting.write(Data("SPY.last()".utf8 + [0xFF, 0x0A]))
    try input.fileHandleForWriting.close()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 2)
    XCTAssertTrue(stderr.contains("<stdin>:1:11: error: invalid UTF-8 (byte 0xFF)"), stderr)
  }
}
