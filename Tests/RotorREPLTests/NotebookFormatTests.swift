import Foundation
import RotorREPL
import XCTest

/// `:save FILE.ipynb` and `:save FILE.html` write the session in the format the extension
/// names, charts inside; any other name is still saved as Markdown.
final class NotebookFormatTests: XCTestCase {
  func testSaveChoosesTheFormatByExtension() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let ipynb = folder.appendingPathComponent("s.ipynb")
    let html = folder.appendingPathComponent("s.HTML")
    let other = folder.appendingPathComponent("s.txt")
    let h = try Harness()
    h.run([
      "SPY.last() > 0", "plot(ratio(RSP, SPY).last(3mo), title=\"RSP/SPY\")", ":who",
      ":save \(ipynb.path)", ":save \(html.path)", ":save \(other.path)",
    ])
    XCTAssertTrue(h.out.contains("saved 2 inputs and their outputs to \(ipynb.path)\n"), h.out + h.err)
    XCTAssertTrue(h.out.contains("saved 2 inputs and their outputs to \(html.path)\n"), h.out + h.err)
    XCTAssertTrue(h.out.contains("to \(other.path).md (charts: s.txt-1.svg)"), h.out + h.err)

    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: ipynb)) as? [String: Any]
    let cells = try XCTUnwrap(json?["cells"] as? [[String: Any]])
    XCTAssertEqual(
      cells.map { $0["cell_type"] as? String }, ["markdown", "code", "code", "markdown"],
      "title, two inputs, the :who transcript")
    let chart = (cells[2]["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any]
    let svg = (chart?["image/svg+xml"] as? [String])?.joined() ?? ""
    XCTAssertTrue(svg.hasPrefix("<svg ") && svg.contains("<title>RSP/SPY</title>"), svg)

    let page = try String(contentsOf: html, encoding: .utf8)
    XCTAssertTrue(page.contains("<figure class=\"chart\">\n<svg "), page)
    XCTAssertTrue(page.contains("<pre class=\"console\">rotor&gt; :who\n"), page)
  }
}
