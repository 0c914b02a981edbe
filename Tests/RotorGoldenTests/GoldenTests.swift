import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

/// Runs every `Scripts/**/*.rotor` and `Tests/RotorGoldenTests/Cases/**/*.rotor` on the
/// bundled dataset and compares what it prints with the expected output beside it
/// (`NAME.out`). Inline comments check single values: `# expect: 1.5` checks the value
/// shown by the statement on its line, `# error: 3:7: message` the diagnostic the script
/// ends with.
///
/// Re-record the `.out` files with `RECORD_SNAPSHOTS=1 swift test --filter GoldenTests`.
final class GoldenTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let dataset = Result { try Dataset.embedded() }

  static func scripts() -> [URL] {
    let folders = ["Scripts", "Tests/RotorGoldenTests/Cases"].map { root.appendingPathComponent($0) }
    var found: [URL] = []
    for folder in folders {
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if url.pathExtension == "rotor" && !url.path.contains("/Scripts/dev/") { found.append(url) }
      }
    }
    return found.sorted { $0.path < $1.path }
  }

  func testEveryScriptMatchesItsExpectedOutput() throws {
    let scripts = Self.scripts()
    XCTAssertGreaterThan(scripts.count, 3)
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    for script in scripts {
      let relative = String(script.path.dropFirst(Self.root.path.count + 1))
      let output = try Self.run(relative)
      try checkInlineExpectations(script, relative: relative, output: output)
      let expectedURL = script.deletingPathExtension().appendingPathExtension("out")
      if record {
        try output.text.write(to: expectedURL, atomically: true, encoding: .utf8)
        continue
      }
      guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
        XCTFail(
          "\(relative): no expected output \(expectedURL.lastPathComponent) (record with RECORD_SNAPSHOTS=1)")
        continue
      }
      if output.text != expected {
        XCTFail(
          "\(relative): output differs from \(expectedURL.lastPathComponent):\n\(Self.diff(expected, output.text))"
        )
      }
    }
  }

  struct Output {
    var text = ""
    var shown: [(line: Int, text: String)] = []
    var diagnostic: Diagnostic?
  }

  /// Runs a script (path relative to the repository root) as `rotor FILE` would.
  static func run(_ relative: String) throws -> Output {
    let session = Session(dataset: try dataset.get())
    session.interpreter.workingDirectory = root.path
    var output = Output()
    let printer = ShownPrinter(format: .text) { output.text += $0 }
    session.onShow = { shown in
      printer.show(shown.value)
      output.shown.append((shown.line, TextRenderer.render(shown.value)))
    }
    let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    let diagnostics = session.run(SourceFile(name: relative, text: text))
    if let first = diagnostics.first {
      output.diagnostic = first
      output.text += DiagnosticRenderer.render(first) + "\n"
    }
    return output
  }

  private func checkInlineExpectations(_ script: URL, relative: String, output: Output) throws {
    let lines = try String(contentsOf: script, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    var expects: [Int: String] = [:]
    var expectedError: String?
    for (k, line) in lines.enumerated() {
      if let r = line.range(of: "# expect: ") { expects[k + 1] = String(line[r.upperBound...]) }
      if let r = line.range(of: "# error: ") { expectedError = String(line[r.upperBound...]) }
    }
    for (line, expected) in expects.sorted(by: { $0.key < $1.key }) {
      let shown = output.shown.filter { $0.line == line }.map(\.text)
      XCTAssertEqual(shown, [expected], "\(relative):\(line): shown value")
    }
    if let expectedError {
      guard let d = output.diagnostic, let source = d.source, let range = d.range else {
        return XCTFail("\(relative): expected error '\(expectedError)', got none")
      }
      XCTAssertEqual("\(source.location(of: range.start)): \(d.message)", expectedError, relative)
    } else if let d = output.diagnostic {
      XCTFail("\(relative): unexpected error \(DiagnosticRenderer.render(d))")
    }
  }

  static func diff(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) where i >= e.count || i >= a.count || e[i] != a[i] {
      return
        "first difference at line \(i + 1):\n- \(i < e.count ? e[i] : "<none>")\n+ \(i < a.count ? a[i] : "<none>")"
    }
    return "(no difference)"
  }
}
