import Foundation
import XCTest

/// Runs the grammar-aware fuzzer (`rotor-fuzz`, random programs through the whole
/// interpreter) as a subprocess for a fixed budget: 60 s when `CI` is set, 10 s otherwise
/// (`ROTOR_FUZZ_SECONDS` overrides, `ROTOR_FUZZ_SEED` fixes the seed). A crash fails the test
/// with the program that crashed; every crash ever found is a file in `Fuzz/FailCases/`,
/// replayed through the interpreter by ``testFailCasesReplayThroughTheInterpreter``.
final class GrammarFuzzTests: XCTestCase {
  static var fuzzer: URL { CLITests.binary.deletingLastPathComponent().appendingPathComponent("rotor-fuzz") }

  struct Run {
    let status: Int32
    let crashed: Bool
    let output: String
  }

  /// Runs rotor-fuzz with `arguments`; kills it after `timeout` seconds.
  static func fuzz(_ arguments: [String], timeout: Double) throws -> Run {
    let process = Process()
    process.executableURL = Self.fuzzer
    process.arguments = arguments
    process.currentDirectoryURL = CLITests.root
    var env = ProcessInfo.processInfo.environment
    env["ROTOR_DATA_HOME"] = "/nonexistent/rotor-test-store"
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    killer.cancel()
    return Run(
      status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
      output: String(decoding: data, as: UTF8.self))
  }

  func testRandomProgramsNeverCrashTheInterpreter() throws {
    let env = ProcessInfo.processInfo.environment
    let seconds = env["ROTOR_FUZZ_SECONDS"].flatMap(Double.init) ?? (env["CI"] != nil ? 60 : 10)
    let seed = env["ROTOR_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(1) << 40)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-fuzz-\(seed)")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try Self.fuzz(
      ["--seed", "\(seed)", "--seconds", "\(seconds)", "--out", out.path], timeout: seconds + 180)
    if run.crashed || run.status != 0 {
      let program =
        (try? String(contentsOf: out.appendingPathComponent("current.rotor"), encoding: .utf8)) ?? "?"
      XCTFail(
        """
        rotor-fuzz seed \(seed) \(run.crashed ? "crashed (signal \(run.status))" : "exit \(run.status)"):
        \(run.output.suffix(2_000))
        --- the program it was running (add it to Fuzz/FailCases/ once fixed) ---
        \(program.prefix(20_000))
        """)
    }
    XCTAssertTrue(run.output.contains(" programs, "), run.output)
  }

  /// Every program the fuzzer ever crashed on, run again through the interpreter.
  func testFailCasesReplayThroughTheInterpreter() throws {
    let folder = CLITests.root.appendingPathComponent("Fuzz/FailCases")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".rotor") }.sorted().map { folder.appendingPathComponent($0).path }
    XCTAssertFalse(files.isEmpty, "Fuzz/FailCases holds no .rotor regression programs")
    let run = try Self.fuzz(["--replay"] + files, timeout: 600)
    XCTAssertFalse(run.crashed, run.output)
    XCTAssertEqual(run.status, 0, run.output)
    XCTAssertTrue(run.output.contains("replayed \(files.count) programs"), run.output)
  }
}
