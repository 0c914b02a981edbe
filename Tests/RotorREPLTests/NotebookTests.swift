import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorREPL
import XCTest

/// `:save` writes a stamped Markdown notebook whose `rotor` blocks, run as a script by the
/// real binary, print its `text` blocks again.
final class NotebookTests: XCTestCase {
  func testSavedNotebookIsStampedAndReplays() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let library = folder.appendingPathComponent("lib.rotor")
    try "fn rel(a, b) = ratio(a, b) / ratio(a, b).sma(20)\nrel(RSP, SPY).last()\n".write(
      to: library, atomically: true, encoding: .utf8)
    let notebook = folder.appendingPathComponent("session.md")
    let h = try Harness()
    h.run([
      "rs = ratio(RSP, SPY)", "rs.last()", "_ * 100", "map([SPY, QQQ],",
      "  s => s.since(2024-06-20).change())",
      "SPY.sincee(2024-01-02)", ":help ema", ":time ratio(IWM, QQQ).last()", ":load \(library.path)",
      "macd(SPY.last(3mo))", "rs.tail(2); print(\"done\")", "fn double(x) {", "  y = x * 2", "  y", "}",
      "double(21)", "plot(rs.last(3mo), title=\"RSP/SPY\")",
      ":save \(notebook.path)",
    ])
    XCTAssertTrue(
      h.out.contains("saved 11 inputs and their outputs to \(notebook.path) (charts: session-1.svg)"),
      h.out + h.err)
    let text = try String(contentsOf: notebook, encoding: .utf8)
    XCTAssertTrue(text.contains("Rotor \(RotorVersion.current)"), text)
    XCTAssertTrue(text.contains("fingerprint `\(try Dataset.embedded().fingerprint)`"), text)
    XCTAssertTrue(text.contains("```console\nrotor> SPY.sincee(2024-01-02)\n"), "failed input kept: \(text)")
    XCTAssertTrue(text.contains("```console\nrotor> :help ema\nema("), "command transcript kept: \(text)")
    XCTAssertTrue(text.contains("*time: "), text)

    let script = Notebook.blocks(in: text, info: "rotor").joined()
    let outputs = Notebook.blocks(in: text, info: "text").joined()
    XCTAssertFalse(script.contains("sincee"), "a failed input is not replayed")
    XCTAssertTrue(script.contains("map([SPY, QQQ],\n  s => s.since(2024-06-20).change())"), script)
    XCTAssertTrue(
      text.contains("\n| date | macd | signal | hist |\n|:--|--:|--:|--:|\n"), "tables are Markdown: \(text)")
    XCTAssertTrue(text.contains("\n![RSP/SPY](session-1.svg)\n"), "charts are linked: \(text)")
    let chart = try String(contentsOf: folder.appendingPathComponent("session-1.svg"), encoding: .utf8)
    XCTAssertTrue(chart.contains("<title>RSP/SPY</title>"), chart)

    // The rotor blocks, run as a script with --notebook, show the same outputs again.
    let scriptFile = folder.appendingPathComponent("replay.rotor")
    try script.write(to: scriptFile, atomically: true, encoding: .utf8)
    let replayed = folder.appendingPathComponent("replay.md")
    let (status, _, stderr) = try runProcess(
      Paths.rotor.path, [scriptFile.path, "--notebook", replayed.path])
    XCTAssertEqual(status, 0, stderr)
    let again = try String(contentsOf: replayed, encoding: .utf8)
    XCTAssertEqual(
      Notebook.outputs(in: again), Notebook.outputs(in: text), "replaying shows the same outputs")
    XCTAssertEqual(Notebook.outputs(in: text).count, 9, "\(Notebook.outputs(in: text))")
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("replay-1.svg").path))
    func lines(_ s: String) -> [Substring] { s.split(separator: "\n") }
    XCTAssertEqual(lines(outputs).first, lines(try Harness.value("ratio(RSP, SPY).last()")).first)
  }

  func testFencesGrowPastBackticksInTheContent() {
    let md = "```rotor\n`^RUT`.last()\n```\n\n````text\na ``` b\n````\n"
    XCTAssertEqual(Notebook.blocks(in: md, info: "rotor"), ["`^RUT`.last()\n"])
    XCTAssertEqual(Notebook.blocks(in: md, info: "text"), ["a ``` b\n"])
  }
}

extension Harness {
  /// The text a fresh REPL prints for one input.
  static func value(_ input: String) throws -> String {
    let h = try Harness()
    h.repl.handle(input)
    return h.out
  }
}
