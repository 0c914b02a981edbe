import Foundation
@testable import RotorCore
@testable import RotorData
@testable import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// corr_matrix and its heatmap: the figures its help quotes, plot's choice of a heatmap for
/// a matrix, and the terminal (coloured or plain), SVG, JSON and CSV renderings.
final class HeatmapTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func evaluate(_ text: String) throws -> Value {
    try Session(dataset: try XCTUnwrap(Self.dataset)).evaluate(text)
  }

  private func heatmap(_ text: String) throws -> (Chart, Chart.Heatmap) {
    guard case .chart(let chart) = try evaluate(text), case .heatmap(let map) = chart.content else {
      XCTFail("\(text) is not a heatmap")
      throw CocoaError(.featureUnsupported)
    }
    return (chart, map)
  }

  func testTheHelpFiguresHold() throws {
    let text = try XCTUnwrap(Builtin.named("corr_matrix")).explanation.replacingOccurrences(
      of: "\n", with: " ")
    guard case .table(let t) = try evaluate("corr_matrix(sectors, 250)") else {
      return XCTFail("not a table")
    }
    XCTAssertTrue(text.contains(t.notes.first.map { String($0.suffix(22)) } ?? "?"), "the window quoted")
    func cell(_ a: String, _ b: String) throws -> Double {
      guard case .labels(_, let labels) = t.rows, let row = labels.firstIndex(of: a) else { return .nan }
      return try XCTUnwrap(t.column(named: b)?.numbers?[row])
    }
    let regex = try NSRegularExpression(pattern: "(−?[0-9]\\.[0-9]+) for ([A-Z]+) and ([A-Z]+)")
    let found = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
    XCTAssertEqual(found.count, 2)
    for m in found {
      let g = (1...3).map { String(text[Range(m.range(at: $0), in: text)!]) }
      let quoted = try XCTUnwrap(Double(g[0].replacingOccurrences(of: "−", with: "-")))
      XCTAssertEqual((try cell(g[1], g[2]) * 100).rounded() / 100, quoted, "\(g[1]) and \(g[2])")
    }
    // "XLE is the least tied to the rest": the lowest mean correlation with the others.
    guard case .labels(_, let labels) = t.rows else { return XCTFail("no labels") }
    let means = try labels.map { a in try labels.filter { $0 != a }.map { try cell(a, $0) }.reduce(0, +) }
    XCTAssertEqual(labels[means.indices.min { means[$0] < means[$1] } ?? 0], "XLE")
  }

  func testCommonDatesAndErrors() throws {
    guard case .table(let t) = try evaluate("corr_matrix([SPY, GEV])") else { return XCTFail("not a table") }
    XCTAssertTrue(t.notes.first?.contains("2024-03-28") ?? false, "GEV's first return: \(t.notes)")
    XCTAssertEqual(t.column(named: "SPY")?.numbers?[0], 1)
    XCTAssertThrowsError(try evaluate("corr_matrix([SPY], 1)"))
  }

  func testPlotDrawsAMatrixAsAHeatmap() throws {
    let (chart, map) = try heatmap("plot(corr_matrix([SPY, QQQ, XLE], 250), title=\"c\")")
    XCTAssertEqual(map.rows, ["SPY", "QQQ", "XLE"])
    XCTAssertEqual(map.columns, map.rows)
    XCTAssertEqual(map.lo, -1)
    XCTAssertEqual(map.hi, 1)
    XCTAssertEqual(chart.title, "c")
    XCTAssertEqual(map.position(-1), -1)
    XCTAssertEqual(map.position(0.5), 0.5)
    XCTAssertThrowsError(try evaluate("plot(corr_matrix([SPY, QQQ]), SPY)"))
    // An rrg table is still a rotation graph.
    guard case .chart(let rrg) = try evaluate("plot(rrg(sectors, SPY))"), case .rotation = rrg.content else {
      return XCTFail("rrg is not a rotation graph")
    }
  }

  func testTerminalColoursOnlyWhenAsked() throws {
    let (chart, map) = try heatmap("plot(corr_matrix([SPY, QQQ, XLE], 250))")
    let plain = TerminalChart.render(chart, options: RenderOptions(width: 100, color: false))
    XCTAssertFalse(plain.contains("\u{1B}["))
    XCTAssertTrue(plain.contains(" 1.00"))
    XCTAssertTrue(plain.contains(TerminalHeatmap.cell(map.values[0][1])))
    let coloured = TerminalChart.render(chart, options: RenderOptions(width: 100, color: true))
    XCTAssertTrue(coloured.contains("\u{1B}[48;5;124;38;5;231m 1.00 \u{1B}[0m"), "the diagonal is dark red")
    XCTAssertTrue(coloured.contains("scale"))
    XCTAssertEqual(TerminalHeatmap.ansi256(-1), 25)
    XCTAssertEqual(TerminalHeatmap.ansi256(0), 231)
    XCTAssertEqual(TerminalHeatmap.ansi256(0.21), 224)
    XCTAssertEqual(TerminalHeatmap.cell(-0.001), "0.00")
    XCTAssertEqual(TerminalHeatmap.cell(.nan), "—")
  }

  func testSVGJSONAndCSV() throws {
    let (chart, map) = try heatmap("plot(corr_matrix([SPY, QQQ, XLE], 250))")
    let svg = SVGChart.render(chart)
    let document = try XMLDocument(xmlString: svg, options: [])
    let cells = try document.nodes(forXPath: "//*[local-name()='rect'][@class='cell']")
    XCTAssertEqual(cells.count, 9)
    XCTAssertTrue(svg.contains(##"fill="#b2182b""##), "the diagonal at +1 is the red end")
    let json = JSONRenderer.chart(chart)
    XCTAssertTrue(json.hasPrefix(#"{"type":"chart","kind":"heatmap""#))
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    XCTAssertEqual(object["rows"] as? [String], map.rows)
    XCTAssertEqual((object["values"] as? [[Double]])?.count, 3)
    let csv = CSVRenderer.chart(chart).split(separator: "\n")
    XCTAssertEqual(csv.first, "label,SPY,QQQ,XLE")
    XCTAssertEqual(csv.count, 4)
    XCTAssertTrue(csv[1].hasPrefix("SPY,1,"))
  }
}
