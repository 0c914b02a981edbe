import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `rotor FILE --notebook OUT.md`: the report of a small script compared with the one
/// beside it (`Tests/RotorGoldenTests/Cases/notebook/report.md`, re-recorded with
/// RECORD_SNAPSHOTS=1), its chart files well-formed SVG, and the run's own output unchanged.
final class NotebookCLITests: XCTestCase {
  static let script = "Tests/RotorGoldenTests/Cases/notebook/report.rotor"

  /// The report with its stamp line (version, data, fingerprint, time) made neutral.
  static func neutral(_ markdown: String) -> String {
    markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("Rotor ") && line.contains(" · data: ") ? "Rotor (stamp)" : String(line)
    }.joined(separator: "\n")
  }

  func testNotebookOfAScriptMatchesTheGoldenReport() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-nb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("report.md")
    let r = try CLITests.rotor(
      [Self.script, "--notebook", out.path], environment: ["SOURCE_DATE_EPOCH": "0"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "notebook: wrote \(out.path) and 1 chart\n")
    let plain = try CLITests.rotor([Self.script])
    XCTAssertEqual(r.stdout, plain.stdout, "--notebook does not change what the run prints")

    let markdown = try String(contentsOf: out, encoding: .utf8)
    XCTAssertTrue(markdown.contains("· saved 1970-01-01T00:00:00Z\n"), "SOURCE_DATE_EPOCH stamps the report")
    let expectedURL = CLITests.root.appendingPathComponent("Tests/RotorGoldenTests/Cases/notebook/report.md")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try markdown.write(to: expectedURL, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    XCTAssertEqual(Self.neutral(markdown), Self.neutral(expected), "the report differs from report.md")

    let chart = folder.appendingPathComponent("report-1.svg")
    XCTAssertTrue(markdown.contains("![RSP/SPY and IWM/QQQ, 3 months](report-1.svg)"))
    let document = try XMLDocument(contentsOf: chart, options: [])
    XCTAssertEqual(document.rootElement()?.name, "svg")
    XCTAssertEqual(try document.nodes(forXPath: "//*[local-name()='path'][@class='series']").count, 2)
  }

  func testAFailingScriptStillWritesItsNotebook() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-nb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("fail.md")
    let r = try CLITests.rotor(["-e", "SPY.last()\nSPY.smaa(3)", "--notebook", out.path])
    XCTAssertEqual(r.status, 1)
    let markdown = try String(contentsOf: out, encoding: .utf8)
    XCTAssertTrue(markdown.contains("```rotor\nSPY.last()\n```\n"), markdown)
    XCTAssertTrue(
      markdown.contains("*Failed (not replayed):*\n\n```console\nSPY.smaa(3)\n<expr>:2:"), markdown)
    let unwritable = try CLITests.rotor(["-e", "1", "--notebook", "/nonexistent-rotor-folder/x.md"])
    XCTAssertEqual(unwritable.status, 2)
    XCTAssertTrue(
      unwritable.stderr.contains(
        "notebook: cannot write '/nonexistent-rotor-folder/x.md': folder '/nonexistent-rotor-folder' does not exist"
      ), unwritable.stderr)
  }
}
