import Foundation
import XCTest

/// Large values are printed as they are produced, in bounded memory (issue "never crash,
/// never lie about speed": bounded waits).
final class StreamingOutputTests: XCTestCase {
  /// A child's exit status, its peak resident memory, and what it wrote.
  struct Measured {
    let status: Int32
    let peakKilobytes: Int
    let stdout: Data
    let stderr: String
    let seconds: Double
  }

  /// Runs rotor with `arguments`, stdout and stderr to files in `folder`; the peak resident
  /// memory is the child's own (`wait4`), not that of the other children of the test process.
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
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(started)
    let exited = status & 0x7f == 0
    return Measured(
      status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), peakKilobytes: usage.ru_maxrss,
      stdout: try Data(contentsOf: URL(fileURLWithPath: outPath)),
      stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self),
      seconds: seconds)
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
    XCTAssertLessThan(run.peakKilobytes, 100 << 10, "peak memory \(run.peakKilobytes >> 10) MB")
  }
}
