import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `--notebook OUT.ipynb` and `--notebook OUT.html`: the Jupyter notebook of a lesson
/// validated by Python's `nbformat` (and converted by `nbconvert` when it is installed), the
/// HTML page self-contained and well-formed, and any other extension refused.
final class NotebookFormatCLITests: XCTestCase {
  static let script = "Scripts/sectors.rotor"
  /// The charts `Scripts/sectors.rotor` draws, by title.
  static let chartTitles = ["Relative rotation vs SPY", "XLF/SPY and XLE/XLK, last year"]

  private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-nbf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// python3 on PATH, or nil.
  static var python: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/python3" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Python that validates a notebook with nbformat and prints what the tests compare:
  /// `minor N`, then each chart output's `<title>`.
  static let validator = """
    import re, sys, nbformat
    nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.metadata.language_info.name == "rotor", nb.metadata
    print("minor", nb.nbformat_minor)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            svg = out.get("data", {}).get("image/svg+xml")
            if svg is not None:
                print("chart", re.search(r"<title>(.*?)</title>", svg).group(1))
    """

  func testJupyterNotebookOfALessonIsValidAndHoldsEveryChart() throws {
    let out = try folder().appendingPathComponent("sectors.ipynb")
    let r = try CLITests.rotor([Self.script, "--notebook", out.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "notebook: wrote \(out.path)\n", "charts are inside, no files beside")
    let plain = try CLITests.rotor([Self.script])
    XCTAssertEqual(r.stdout, plain.stdout)

    let ci = ProcessInfo.processInfo.environment["CI"] != nil
    guard let python = Self.python else {
      if ci { return XCTFail("python3 is missing (Scripts/dev/install-deps.sh installs it)") }
      throw XCTSkip("python3 is not installed: the .ipynb check needs python3 with nbformat")
    }
    if try Self.run(python, ["-c", "import nbformat"]).0 != 0 {
      if ci { return XCTFail("python3 has no nbformat (Scripts/dev/install-deps.sh installs it)") }
      throw XCTSkip("python3 has no nbformat (pip install nbformat): the .ipynb check is skipped")
    }
    let (status, text) = try Self.run(python, ["-c", Self.validator, out.path])
    XCTAssertEqual(status, 0, text)
    let lines = text.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first, "minor 5", text)
    XCTAssertEqual(Array(lines.dropFirst()), Self.chartTitles.map { "chart " + $0 }, text)

    // Also, when nbconvert is installed (a developer check; CI does not install it): Jupyter
    // turns it into HTML with both charts.
    if try Self.run(python, ["-c", "import nbconvert"]).0 == 0 {
      let html = out.deletingLastPathComponent().appendingPathComponent("converted")
      let (converted, log) = try Self.run(
        python, ["-m", "nbconvert", "--to", "html", "--output-dir", html.path, out.path])
      XCTAssertEqual(converted, 0, log)
      let page = try String(contentsOf: html.appendingPathComponent("sectors.html"), encoding: .utf8)
      // Each chart is an <img> whose source is the SVG, base64-encoded: decode and read titles.
      let marker = "src=\"data:image/svg+xml;base64,"
      let titles = page.components(separatedBy: "<img ").dropFirst().compactMap { tag -> String? in
        guard let start = tag.range(of: marker), let end = tag[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        guard let data = Data(base64Encoded: String(tag[start.upperBound..<end])) else { return nil }
        let svg = String(decoding: data, as: UTF8.self)
        guard let open = svg.range(of: "<title>"), let close = svg.range(of: "</title>") else { return nil }
        return String(svg[open.upperBound..<close.lowerBound])
      }
      XCTAssertEqual(titles, Self.chartTitles, "nbconvert's HTML shows both charts")
    }
  }

  func testHTMLNotebookIsSelfContained() throws {
    let out = try folder().appendingPathComponent("sectors.html")
    let r = try CLITests.rotor([Self.script, "--notebook", out.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "notebook: wrote \(out.path)\n")
    let text = try String(contentsOf: out, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("<!DOCTYPE html>\n"))
    XCTAssertFalse(text.contains("<script"), "no scripts")
    XCTAssertFalse(text.contains("<?xml"), "charts are inline, without their XML declaration")
    // Well-formed: it parses as XML.
    let document = try XMLDocument(data: Data(text.utf8), options: [])
    let references = try document.nodes(forXPath: "//@src | //@href")
    for node in references {
      let value = node.stringValue ?? ""
      XCTAssertFalse(value.hasPrefix("http:") || value.hasPrefix("https:") || value.hasPrefix("//"), value)
    }
    XCTAssertEqual(try document.nodes(forXPath: "//*[local-name()='link' or local-name()='img']").count, 0)
    let charts = try document.nodes(forXPath: "//*[local-name()='figure']/*[local-name()='svg']")
    XCTAssertEqual(charts.count, Self.chartTitles.count)
    let titles = try document.nodes(forXPath: "//*[local-name()='svg']/*[local-name()='title']")
    XCTAssertEqual(titles.compactMap(\.stringValue), Self.chartTitles)
    XCTAssertEqual(try document.nodes(forXPath: "//*[local-name()='table']").count, 4, "perf ×2, rrg ×2")
    XCTAssertEqual(
      try document.nodes(forXPath: "//*[local-name()='section'][@class='cell']").count, 10)
  }

  func testHTMLEscapesTextAndShowsAFailure() throws {
    let out = try folder().appendingPathComponent("fail.html")
    let r = try CLITests.rotor(["-e", "print(\"<b>&</b>\")\nSPY.smaa(3)", "--notebook", out.path])
    XCTAssertEqual(r.status, 1)
    let text = try String(contentsOf: out, encoding: .utf8)
    XCTAssertTrue(text.contains("<pre class=\"output\">&lt;b&gt;&amp;&lt;/b&gt;\n</pre>"), text)
    XCTAssertTrue(text.contains("<p class=\"failed\">Failed (not replayed):</p>"), text)
    XCTAssertNoThrow(try XMLDocument(data: Data(text.utf8), options: []))
  }

  func testAFailingCellIsAnErrorOutputInTheJupyterNotebook() throws {
    let out = try folder().appendingPathComponent("fail.ipynb")
    let r = try CLITests.rotor(["-e", "SPY.last()\nSPY.smaa(3)", "--notebook", out.path])
    XCTAssertEqual(r.status, 1)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
    let cells = try XCTUnwrap(json?["cells"] as? [[String: Any]])
    XCTAssertEqual(cells.map { $0["cell_type"] as? String }, ["markdown", "code", "code"])
    let outputs = try XCTUnwrap(cells[2]["outputs"] as? [[String: Any]])
    XCTAssertEqual(outputs.first?["output_type"] as? String, "error")
    XCTAssertTrue((outputs.first?["evalue"] as? String ?? "").contains("smaa"), "\(outputs)")
    let first = try XCTUnwrap(cells[1]["outputs"] as? [[String: Any]])
    XCTAssertEqual(first.first?["output_type"] as? String, "execute_result")
  }

  func testOtherExtensionsAreAUsageError() throws {
    for name in ["report.txt", "report", "report.svg"] {
      let r = try CLITests.rotor(["-e", "1", "--notebook", "/tmp/rotor-nb-never/\(name)"])
      XCTAssertEqual(r.status, 2, name)
      XCTAssertTrue(
        r.stderr.contains("--notebook must name a .md, .ipynb or .html file"), r.stderr)
      XCTAssertEqual(r.stdout, "", "nothing ran")
    }
  }
}
