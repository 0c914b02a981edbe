import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorREPL
import XCTest

/// A line source that hands out scripted lines and records prompts and history.
final class ScriptedLines: LineSource {
  var inputs: [LineInput]
  var prompts: [String] = []
  var history: [String] = []

  init(_ lines: [String]) { inputs = lines.map { .line($0) } }
  init(inputs: [LineInput]) { self.inputs = inputs }

  func readLine(prompt: String) -> LineInput {
    prompts.append(prompt)
    return inputs.isEmpty ? .eof : inputs.removeFirst()
  }

  func addHistory(_ entry: String) { history.append(entry) }
}

/// A REPL on the bundled data whose stdout and stderr are collected.
final class Harness {
  var out = ""
  var err = ""
  private(set) var repl: REPL!

  /// A REPL over `dataset`, by default the shared embedded one.
  init(dataset given: Dataset? = nil) throws {
    let dataset = try given ?? Dataset.embedded()
    repl = REPL(
      dataset: dataset, output: { [unowned self] in self.out += $0 },
      errorOutput: { [unowned self] in self.err += $0 })
  }

  /// Runs the loop over `lines`; returns the exit status.
  @discardableResult
  func run(_ lines: [String]) -> Int32 {
    repl.loop(ScriptedLines(lines))
  }
}

enum Paths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `rotor` executable built beside the test bundle.
  static var rotor: URL {
    var folder = Bundle.main.bundleURL
    if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
    for candidate in [folder, Bundle(for: Harness.self).bundleURL.deletingLastPathComponent()] {
      let url = candidate.appendingPathComponent("rotor")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return folder.appendingPathComponent("rotor")
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-repl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Runs a program; returns status, stdout and stderr.
func runProcess(_ executable: String, _ arguments: [String], cwd: URL = Paths.root) throws -> (
  Int32, String, String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.currentDirectoryURL = cwd
  var env = ProcessInfo.processInfo.environment
  env["NO_COLOR"] = "1"
  process.environment = env
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: outData, as: UTF8.self),
    String(decoding: errData, as: UTF8.self)
  )
}
