import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine
@testable import RotorOutput

/// One rule for how a value shows as a table (``TableLayout``), and one list of formats
/// (``OutputFormat``).
final class TableLayoutTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func evaluate(_ text: String) throws -> Value {
    try Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load")).evaluate(text)
  }

  func testTheRule() throws {
    let a = Series(index: DateIndex([1, 2]), values: [1, 2], name: "a")
    let b = Series(index: DateIndex([2, 3]), values: [3, 4], name: "b")
    guard case .timeTable(let series)? = TableLayout(.list([.series(a), .series(b)], labels: ["x", "y"]))
    else {
      return XCTFail("a labelled list of series is a time table")
    }
    XCTAssertEqual(series.map(\.name), ["a", "b"])
    guard
      case .crossSection(let labels, _)? = TableLayout(.list([.number(1), .number(2)], labels: ["x", "y"]))
    else { return XCTFail("a labelled list is a cross-section") }
    XCTAssertEqual(labels, ["x", "y"])
    XCTAssertNil(TableLayout(.list([.number(1)], labels: nil)))
    XCTAssertNil(TableLayout(.list([], labels: nil)), "an empty list is no time table")
    XCTAssertNil(TableLayout(.series(a)))
    XCTAssertNil(TableLayout.series([.series(a), .number(1)]))
  }

  func testBarsAreSeriesOnlyAsArguments() throws {
    guard case .list(let items, _) = try evaluate("[SPY, QQQ]") else { return XCTFail("not a list") }
    XCTAssertNil(TableLayout.series(items), "a shown list of symbols stays a list")
    XCTAssertEqual(TableLayout.series(items, bars: true)?.count, 2)
    XCTAssertEqual(TextRenderer.render(.list(items, labels: nil)), "[SPY, QQQ]")
  }

  func testEveryOutputShowsAListOfSeriesAsATimeTable() throws {
    let value = try evaluate("map([XLK, XLE], s => s.close.last(3))")
    let text = TextRenderer.render(value)
    XCTAssertTrue(text.hasPrefix("date        XLK.close  XLE.close\n"), text)
    XCTAssertTrue(CSVRenderer.render(value).hasPrefix("date,XLK.close,XLE.close\n"))
    XCTAssertTrue(MarkdownRenderer.render(value)?.contains("XLK.close") ?? false)
    XCTAssertTrue(Notebook.isTable(value))
    XCTAssertFalse(Notebook.isTable(try evaluate("map([XLK, XLE], s => s.close.last())")))
    let saved = try evaluate("save(map([XLK, XLE], s => s.close.last(3)), \"/tmp/rotor-layout-test.csv\")")
    guard case .string(let confirmation) = saved else { return XCTFail("save returns a string") }
    XCTAssertEqual(confirmation, "saved 3 rows to /tmp/rotor-layout-test.csv")
  }

  func testOneListOfFormats() {
    XCTAssertEqual(OutputFormat.printed.map(\.rawValue), ["text", "csv", "json"])
    XCTAssertEqual(OutputFormat(fileExtension: "MD"), .markdown)
    XCTAssertEqual(OutputFormat(fileExtension: "markdown"), .markdown)
    XCTAssertEqual(OutputFormat(fileExtension: "svg"), .svg)
    XCTAssertNil(OutputFormat(fileExtension: "xlsx"))
    XCTAssertNil(OutputFormat(printedName: "svg"), "--format prints text, csv or json")
    XCTAssertEqual(OutputFormat(printedName: "csv"), .csv)
    XCTAssertEqual(OutputFormat.list(["text", "csv", "json"]), "text, csv or json")
    XCTAssertEqual(OutputFormat.saved.map(\.fileExtension), ["csv", "json", "md", "svg"])
  }
}
