import Foundation
import RotorSyntax
import XCTest

/// Replays every input the fuzzer ever crashed on (`Fuzz/FailCases/`): each must now
/// lex, parse and render its diagnostics without crashing.
final class FuzzRegressionTests: XCTestCase {
  func testFailCasesParse() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/FailCases")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
    for file in files {
      let data = try Data(contentsOf: folder.appendingPathComponent(file))
      let source = SourceFile(name: file, text: String(decoding: data, as: UTF8.self))
      let (_, diagnostics) = Parser.parse(source)
      for diagnostic in diagnostics { XCTAssertFalse(DiagnosticRenderer.render(diagnostic).isEmpty) }
    }
  }
}
