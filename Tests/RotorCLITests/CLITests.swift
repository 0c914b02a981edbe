import Foundation
import XCTest

/// Runs the built `rotor` binary: exit codes, stdout, stderr shape, `--format json`.
final class CLITests: XCTestCase {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `rotor` executable built beside the test bundle.
  static var binary: URL {
    var folder = Bundle.main.bundleURL
    if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
    for candidate in [folder, Bundle(for: CLITests.self).bundleURL.deletingLastPathComponent()] {
      let url = candidate.appendingPathComponent("rotor")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return folder.appendingPathComponent("rotor")
  }

  /// Runs rotor with arguments and optional standard input, in the repository root.
  @discardableResult
  static func rotor(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws
    -> Result
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // The bundled data only, whatever the user's local store holds (tests that use a store
    // set their own).
    env["ROTOR_DATA_HOME"] = "/nonexistent/rotor-test-store"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.standardInput = Pipe()
    return try outcome(of: process, stdin: stdin)
  }

  /// Runs a configured `process` to its end and collects its status, stdout and stderr;
  /// when its standard input is a pipe, `stdin` (if any) is written to it and it is closed.
  static func outcome(of process: Process, stdin: String? = nil) throws -> Result {
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    if let input = process.standardInput as? Pipe {
      if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
      try input.fileHandleForWriting.close()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  func testJSONNumberLine() throws {
    let r = try Self.rotor(["--format", "json", "-e", "ratio(RSP, SPY).sma(50).last()"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 1)
    let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    XCTAssertEqual(object?["type"] as? String, "number")
    XCTAssertNotNil(object?["value"] as? Double)
  }

  func testBundledDataAnswers() throws {
    let high = try Self.rotor(["-e", "`^RUT`.high[2024-07-17]"])
    XCTAssertEqual(high.status, 0, high.stderr)
    XCTAssertEqual(high.stdout, "2278.13\n")
    let change = try Self.rotor(["--format", "json", "-e", "NVDA.since(2024-06-20).change()"])
    XCTAssertEqual(change.status, 0, change.stderr)
    XCTAssertTrue(change.stdout.hasPrefix(#"{"type":"number","value":"#), change.stdout)
  }

  func testJSONSeriesHasEveryDateAndNullForMissing() throws {
    let r = try Self.rotor(["--format", "json", "-e", "sma(SPY.since(2024-07-01), 3).head(4)"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(object?["type"] as? String, "series")
    XCTAssertEqual(object?["name"] as? String, "sma(SPY,3)")
    XCTAssertEqual((object?["dates"] as? [String])?.first, "2024-07-01")
    let values = object?["values"] as? [Any]
    XCTAssertEqual(values?.count, 4)
    XCTAssertTrue(values?[0] is NSNull)
    XCTAssertTrue(values?[2] is NSNumber)
  }

  func testCSVSeries() throws {
    let r = try Self.rotor(["--format", "csv", "-e", "SPY.between(2024-07-10, 2024-07-11)"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "date,SPY\n2024-07-10,548.339\n2024-07-11,543.6108\n")
  }

  func testScriptErrorExitsOneWithLocationAndCaret() throws {
    let r = try Self.rotor(["-e", "ratio(RSP, SPX)"])
    XCTAssertEqual(r.status, 1)
    XCTAssertEqual(r.stdout, "")
    let lines = r.stderr.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first, "<expr>:1:12: error: unknown name 'SPX'")
    XCTAssertEqual(lines.dropFirst().first, "  ratio(RSP, SPX)")
    XCTAssertEqual(lines.dropFirst(2).first, "             ^~~")
    XCTAssertTrue(r.stderr.contains("note: did you mean ") && r.stderr.contains("'SPY'"), r.stderr)
  }

  func testSyntaxErrorInAFileNamesTheFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("bad.rotor")
    try "x = 1\ny = (x +\n".write(to: script, atomically: true, encoding: .utf8)
    let r = try Self.rotor([script.path])
    XCTAssertEqual(r.status, 1)
    XCTAssertTrue(r.stderr.hasPrefix("\(script.path):2:5: error: '(' is never closed"), r.stderr)
  }

  func testUsageErrorsExitTwo() throws {
    for arguments in [["--format", "xml", "-e", "1"], ["--bogus"], ["-e"], ["missing-file.rotor"]] {
      let r = try Self.rotor(arguments)
      XCTAssertEqual(r.status, 2, "\(arguments): \(r.stderr)")
      XCTAssertTrue(r.stderr.hasPrefix("rotor: error: "), r.stderr)
    }
  }

  func testDataErrorExitsTwoAndLoadsNothing() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "date,close\n2024-01-02,1\n2024-01-03,1x\n".write(
      to: folder.appendingPathComponent("BAD.csv"), atomically: true, encoding: .utf8)
    let r = try Self.rotor(["--data", folder.path, "-e", "1"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("BAD.csv:3:2: error:"), r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  func testScriptFromStdinWhenNotATerminal() throws {
    let r = try Self.rotor([], stdin: "x = 2\nx * 21\n")
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "42\n")
  }

  func testTimeLinesGoToStderr() throws {
    let r = try Self.rotor(["--time", "-e", "a = SPY.sma(200); a.last()"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 6, r.stderr)
    XCTAssertTrue(lines[0].hasPrefix("time: ") && lines[0].hasSuffix(" ms  load"), String(lines[0]))
    // SPY's dates and closes decode on first use: in the first statement that reads them.
    XCTAssertTrue(lines[1].hasSuffix(" ms  decode  a = SPY.sma(200)"), String(lines[1]))
    XCTAssertTrue(lines[2].hasSuffix(" ms  a = SPY.sma(200)"), String(lines[2]))
    XCTAssertTrue(lines[3].hasSuffix(" ms  a.last()"), String(lines[3]))
    XCTAssertTrue(lines[4].hasSuffix(" ms  other"), String(lines[4]))
    XCTAssertTrue(lines[5].hasSuffix(" ms  total"), String(lines[5]))
  }

  /// `--time`'s lines add up to its total, and a decoding is reported once, where it
  /// happens: the same data read again decodes nothing.
  func testTimeLinesAddUpToTheTotal() throws {
    let r = try Self.rotor([
      "--time", "-e", "x = pct_above(universe(), 200)", "-e", "y = pct_above(universe(), 50)", "-e",
      "x.last()",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    var parts: [(ms: Double, what: String)] = []
    for line in r.stderr.split(separator: "\n") {
      guard line.hasPrefix("time: "), let end = line.range(of: " ms  ") else { continue }
      let number = line[line.index(line.startIndex, offsetBy: 6)..<end.lowerBound]
      parts.append((try XCTUnwrap(Double(number), String(line)), String(line[end.upperBound...])))
    }
    XCTAssertEqual(
      parts.map(\.what),
      [
        "load", "decode  x = pct_above(universe(), 200)", "x = pct_above(universe(), 200)",
        "y = pct_above(universe(), 50)", "x.last()", "other", "total",
      ], r.stderr)
    guard let total = parts.last, total.what == "total" else { return }
    let sum = parts.dropLast().reduce(0) { $0 + $1.ms }
    // Each figure is rounded to 0.001 ms; `other` absorbs the rest.
    XCTAssertEqual(sum, total.ms, accuracy: 0.002 * Double(parts.count), r.stderr)
    XCTAssertTrue(parts.allSatisfy { $0.ms >= 0 }, r.stderr)
  }

  func testRowsOptionLimitsTheRowsOfASelection() throws {
    let asked = try Self.rotor(["-e", "SPY.tail(30)"])
    XCTAssertEqual(asked.status, 0, asked.stderr)
    XCTAssertEqual(asked.stdout.split(separator: "\n").count, 31, asked.stdout)
    let cut = try Self.rotor(["--rows", "8", "-e", "SPY.tail(30)"])
    XCTAssertEqual(cut.status, 0, cut.stderr)
    let lines = cut.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 10, cut.stdout)
    XCTAssertEqual(lines[1], "  … 22 earlier rows")
    for bad in ["0", "x", "-3"] {
      let r = try Self.rotor(["--rows", bad, "-e", "1"])
      XCTAssertEqual(r.status, 2, "--rows \(bad)")
      XCTAssertTrue(r.stderr.contains("--rows must be a whole number ≥ 1"), r.stderr)
    }
  }

  func testRuntimeErrorsNeverCrash() throws {
    for expression in [
      "fn f(n) = f(n + 1)\nf(1)", "SPY[1990-01-01]", "1 / 0", "sma(SPY, 0)", "[1,2][5]", "\"a\" * 2",
      "SPY.open.open", "nosuch(1)", "SPY.nosuch()", "(x => x)(1, 2)",
    ] {
      let r = try Self.rotor(["-e", expression])
      XCTAssertTrue(r.status == 0 || r.status == 1, "\(expression): status \(r.status) \(r.stderr)")
      if r.status == 1 { XCTAssertTrue(r.stderr.hasPrefix("<expr>:"), "\(expression): \(r.stderr)") }
    }
  }
}
