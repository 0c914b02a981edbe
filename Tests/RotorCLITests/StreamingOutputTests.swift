import Foundation
import XCTest

/// Large values are printed as they are produced, in bounded memory, and `--timeout` stops
/// evaluation and output with a located error, leaving no half-written file (issue "never
/// crash, never lie about speed": bounded waits).
final class StreamingOutputTests: XCTestCase {
  /// A child's exit status, its peak resident memory, and what it wrote.
  struct Measured {
    let status: Int32
    let peakKilobytes: Int
    let stdout: Data
    let stderr: String
    let seconds: Double
  }

  /// Runs rotor with `arguments`, stdout and stderr to files in `folder`. The peak resident
  /// memory is the child's own high-water mark (`VmHWM` in /proc/PID/status, sampled until it
  /// exits): `wait4`'s `ru_maxrss` would include the test process's own peak, which a
  /// spawned child inherits at exec on Linux.
  static func measured(_ arguments: [String], in folder: URL) throws -> Measured {
    let outPath = folder.appendingPathComponent("stdout").path
    let errPath = folder.appendingPathComponent("stderr").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["ROTOR_DATA_HOME"] = "/nonexistent/rotor-test-store"
    let binary = CLITests.binary.path
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    let started = Date()
    var pid = pid_t()
    let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    var peak = 0
    while true {
      peak = max(peak, highWaterKilobytes(of: pid))
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid || (done < 0 && errno != EINTR) { break }
      usleep(5_000)
    }
    let seconds = Date().timeIntervalSince(started)
    let exited = status & 0x7f == 0
    return Measured(
      status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), peakKilobytes: peak,
      stdout: try Data(contentsOf: URL(fileURLWithPath: outPath)),
      stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self),
      seconds: seconds)
  }

  /// A running process's peak resident memory so far in KB (`VmHWM`), or 0.
  static func highWaterKilobytes(of pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }

  /// A fresh empty folder, removed after the test.
  func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  /// `b` = 2^doublings references to AAPL's closes, in nested pairs.
  static func doubled(_ doublings: Int) -> [String] {
    ["-e", "b = [AAPL.close, AAPL.close]"]
      + Array(repeating: ["-e", "b = [b, b]"], count: doublings - 1)
      .flatMap { $0 }
  }

  /// Checks that `data` from `offset` is `level` nested JSON lists of pairs around `leaf`;
  /// returns where it ends.
  static func nestedPairs(_ data: Data, at offset: Int, level: Int, leaf: Data) -> Int? {
    if level == 0 {
      let end = offset + leaf.count
      return end <= data.count && data[offset..<end] == leaf ? end : nil
    }
    let open = Data(#"{"type":"list","items":["#.utf8)
    guard offset + open.count <= data.count, data[offset..<offset + open.count] == open,
      let first = nestedPairs(data, at: offset + open.count, level: level - 1, leaf: leaf),
      first < data.count, data[first] == UInt8(ascii: ","),
      let second = nestedPairs(data, at: first + 1, level: level - 1, leaf: leaf),
      second + 2 <= data.count, data[second..<second + 2] == Data("]}".utf8)
    else { return nil }
    return second + 2
  }

  /// Over 10^7 values (2^10 references to AAPL's 11,499 closes) as JSON: written as it is
  /// produced, so the process stays near its usual size (it held the whole 377 MB document,
  /// 1.1 GB resident, before), and the bytes are the small case's, nested.
  func testTenMillionValuesStreamAsJSONInBoundedMemory() throws {
    let folder = try temporaryFolder()
    let small = try CLITests.rotor(["--format", "json", "-e", "AAPL.close"])
    XCTAssertEqual(small.status, 0, small.stderr)
    let leaf = Data(small.stdout.dropLast().utf8)
    XCTAssertGreaterThan(leaf.count, 200_000)

    let run = try Self.measured(["--format", "json"] + Self.doubled(10) + ["-e", "b"], in: folder)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stdout.count, 1024 * leaf.count + 1023 * 27 + 1)
    XCTAssertEqual(Self.nestedPairs(run.stdout, at: 0, level: 10, leaf: leaf), run.stdout.count - 1)
    XCTAssertEqual(run.stdout.last, UInt8(ascii: "\n"))
    XCTAssertGreaterThan(run.peakKilobytes, 0, "no /proc/PID/status")
    XCTAssertLessThan(run.peakKilobytes, 200 << 10, "peak memory \(run.peakKilobytes >> 10) MB")
  }

  /// A list of long strings as text (40 MB) is written an item at a time too (the process
  /// held over 200 MB before).
  func testLargeListsAsTextStreamInBoundedMemory() throws {
    let folder = try temporaryFolder()
    var arguments = ["-e", "s = \"0123456789\""]
    for _ in 0..<15 { arguments += ["-e", "s = s + s"] }
    arguments += [
      "-e", "b = [s, s, s, s, s, s, s, s]", "-e", "b = [b, b, b, b, b, b, b, b]", "-e", "b = [b, b]",
    ]
    let run = try Self.measured(arguments + ["-e", "b"], in: folder)
    XCTAssertEqual(run.status, 0, run.stderr)
    // Two items, each 8 lists of 8 strings of 327,680 characters in quotes, an item a line.
    let leaf = 327_680 + 2
    let inner = 2 + 8 * leaf + 7 * 2
    let item = 2 + 8 * inner + 7 * 2
    XCTAssertEqual(run.stdout.count, 4 + item + 4 + item + 2 + 1)
    XCTAssertEqual(run.stdout.prefix(20), Data("[\n  [[\"0123456789012".utf8))
    XCTAssertEqual(run.stdout.suffix(10), Data("6789\"]]\n]\n".utf8))
    XCTAssertGreaterThan(run.peakKilobytes, 0, "no /proc/PID/status")
    XCTAssertLessThan(run.peakKilobytes, 100 << 10, "peak memory \(run.peakKilobytes >> 10) MB")
  }

  static let tripleMap = "map(universe(), a => map(universe(), b => map(universe(), c => 1)))"

  /// `--timeout 1` stops an evaluation of hours within a few seconds: exit status 1 and an
  /// error located at the statement that was running.
  func testTimeoutStopsATripleNestedMap() throws {
    let folder = try temporaryFolder()
    let script = folder.appendingPathComponent("slow.rotor")
    try "x = 1\ny = 2\n\(Self.tripleMap)\nz = 3\n".write(to: script, atomically: true, encoding: .utf8)
    let run = try Self.measured(["--timeout", "1", script.path], in: folder)
    XCTAssertEqual(run.status, 1, run.stderr)
    XCTAssertLessThan(run.seconds, 10)
    XCTAssertTrue(
      run.stderr.hasPrefix("\(script.path):3:1: error: time limit of 1 s reached while evaluating line 3\n"),
      run.stderr)
    XCTAssertTrue(run.stderr.contains("  " + Self.tripleMap), run.stderr)

    let expression = try Self.measured(["--timeout=0.5", "-e", Self.tripleMap], in: folder)
    XCTAssertEqual(expression.status, 1, expression.stderr)
    XCTAssertLessThan(expression.seconds, 10)
    XCTAssertTrue(
      expression.stderr.hasPrefix("<expr>:1:1: error: time limit of 0.5 s reached while evaluating line 1"),
      expression.stderr)

    // rotor check: an error like any other (status 2).
    let check = try Self.measured(["check", "--timeout", "1", script.path], in: folder)
    XCTAssertEqual(check.status, 2, check.stderr)
    XCTAssertTrue(check.stderr.contains("time limit of 1 s reached"), check.stderr)
  }

  /// The limit stops output in progress too (the JSON of 10^7 values takes longer than it).
  func testTimeoutStopsOutputInProgress() throws {
    let folder = try temporaryFolder()
    let run = try Self.measured(
      ["--format", "json", "--timeout", "1"] + Self.doubled(10) + ["-e", "b"], in: folder)
    XCTAssertEqual(run.status, 1, run.stderr)
    XCTAssertLessThan(run.seconds, 10)
    XCTAssertTrue(
      run.stderr.hasPrefix(
        "<expr 11>:1:1: error: time limit of 1 s reached while showing the value of line 1"),
      run.stderr)
    XCTAssertLessThan(run.stdout.count, 200_000_000)
  }

  /// `0` (or no `--timeout`) is no limit; anything but a number of seconds ≥ 0 is a usage error.
  func testTimeoutValues() throws {
    let none = try CLITests.rotor(["--timeout", "0", "-e", "1 + 1"])
    XCTAssertEqual(none.status, 0, none.stderr)
    XCTAssertEqual(none.stdout, "2\n")
    for bad in ["-1", "abc", "nan", "inf", ""] {
      let run = try CLITests.rotor(["--timeout", bad, "-e", "1"])
      XCTAssertEqual(run.status, 2, bad)
      XCTAssertTrue(run.stderr.contains("--timeout must be a number of seconds"), run.stderr)
    }
    XCTAssertTrue(try CLITests.rotor(["--help"]).stdout.contains("--timeout SECONDS"))
  }

  /// A `save` or a notebook that the limit stops leaves no file behind, not even a
  /// temporary one, and an existing file keeps its old content.
  func testTimeoutDuringSaveOrNotebookLeavesNoPartialFile() throws {
    let folder = try temporaryFolder()
    let old = folder.appendingPathComponent("old.json")
    try "old\n".write(to: old, atomically: true, encoding: .utf8)
    // JSON of 10^7 values, CSV of a table of every symbol's closes: several seconds each.
    let everyClose = ["-e", "x = map(universe(), s => s.close)"]
    for (target, value) in [
      ("big.json", Self.doubled(10)), ("big.csv", everyClose), ("old.json", everyClose),
    ] {
      let name = target == "big.json" ? "b" : "x"
      let path = folder.appendingPathComponent(target).path
      let save = try Self.measured(
        ["--timeout", "1"] + value + ["-e", "save(\(name), \"\(path)\")"], in: folder)
      XCTAssertEqual(save.status, 1, save.stderr)
      XCTAssertTrue(save.stderr.contains("time limit of 1 s reached while evaluating line 1"), save.stderr)
    }
    XCTAssertEqual(try String(contentsOf: old, encoding: .utf8), "old\n")

    let report = folder.appendingPathComponent("report.md").path
    var arguments = ["--timeout", "1", "--notebook", report, "-e", "plot(SPY.close)", "-e", "b = [1, 2]"]
    for _ in 0..<21 { arguments += ["-e", "b = [b, b]"] }
    let notebook = try Self.measured(arguments + ["-e", "b"], in: folder)
    XCTAssertEqual(notebook.status, 1, notebook.stderr)
    XCTAssertTrue(
      notebook.stderr.contains("notebook: not written: the time limit of 1 s was reached"), notebook.stderr)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertEqual(left, ["old.json", "stderr", "stdout"])
  }
}
