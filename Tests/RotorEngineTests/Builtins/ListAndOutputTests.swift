import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

/// map, sort, rank, table, describe, print and save: results on the bundled dataset,
/// pandas reference values, the decisions their help texts state, and error messages.
final class ListAndOutputTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func session() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load"))
  }

  private func evaluate(_ text: String) throws -> Value {
    try session().evaluate(text)
  }

  /// The items and labels of a list result.
  private func list(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws
    -> (items: [Value], labels: [String]?)
  {
    let value = try evaluate(text)
    guard case .list(let items, let labels) = value else {
      XCTFail("\(text) gave \(value.kind), expected a list", file: file, line: line)
      return ([], nil)
    }
    return (items, labels)
  }

  /// The numbers of a list result (NaN for other items).
  private func numbers(_ items: [Value]) -> [Double] {
    items.map { if case .number(let v) = $0 { v } else { .nan } }
  }

  private func table(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Table {
    let value = try evaluate(text)
    guard case .table(let t) = value else {
      XCTFail("\(text) gave \(value.kind), expected a table", file: file, line: line)
      return Table(rows: .labels(header: "", []), columns: [])
    }
    return t
  }

  /// The message of the error `text` raises.
  private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let s = try session()
    do throws(Diagnostic) {
      let value = try s.evaluate(text)
      XCTFail("\(text) gave \(value.kind), expected an error", file: file, line: line)
      return ""
    } catch {
      return error.message
    }
  }

  /// NaN-aware equality to 1e-12 relative.
  private func assertClose(
    _ actual: [Double], _ expected: [Double], _ what: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(actual.count, expected.count, "\(what): length", file: file, line: line)
    for (a, e) in zip(actual, expected) {
      let ok = (a.isNaN && e.isNaN) || a == e || abs(a - e) <= 1e-12 * max(abs(a), abs(e))
      XCTAssertTrue(ok, "\(what): got \(actual), expected \(expected)", file: file, line: line)
      if !ok { return }
    }
  }

  private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  // MARK: map

  func testMapOverSymbolsIsLabelledByTheirNames() throws {
    let (items, labels) = try list("map([SPY, RSP, `^RUT`], s => s.between(2024-01-02, 2024-12-31).change())")
    XCTAssertEqual(labels, ["SPY", "RSP", "`^RUT`"])
    let direct = try ["SPY", "RSP", "`^RUT`"].map { symbol -> Double in
      guard case .number(let v) = try evaluate("\(symbol).between(2024-01-02, 2024-12-31).change()") else {
        return .nan
      }
      return v
    }
    XCTAssertEqual(numbers(items), direct)
  }

  func testMapOverNumbersHasNoLabelsAndKeepsInputLabels() throws {
    let plain = try list("map([1, 2, 3], x => x * 10)")
    XCTAssertEqual(numbers(plain.items), [10, 20, 30])
    XCTAssertNil(plain.labels)
    let relabelled = try list("map(map([SPY, RSP], s => 2), x => x + 1)")
    XCTAssertEqual(numbers(relabelled.items), [3, 3])
    XCTAssertEqual(relabelled.labels, ["SPY", "RSP"])
  }

  func testMapReturningSeriesGivesAListOfSeries() throws {
    let (items, _) = try list("map(sectors, s => s.ret())")
    XCTAssertFalse(items.isEmpty)
    XCTAssertTrue(items.allSatisfy { $0.kind == .series })
    XCTAssertEqual(items.first?.asSeries?.name, "ret(XLK)")
  }

  func testMapErrorsNameTheItem() throws {
    let s = try session()
    do throws(Diagnostic) {
      _ = try s.evaluate("map([SPY, 5], x => x.sma(10))")
      XCTFail("expected an error")
    } catch {
      XCTAssertEqual(error.message, "sma: argument 'x' must be a series, got number")
      XCTAssertTrue(error.notes.contains("in map, at item 2 of 2 (5)"), "\(error.notes)")
    }
    XCTAssertEqual(try self.error("map(SPY, x => x)"), "map: argument 'list' must be a list, got bars")
  }

  // MARK: sort

  func testSortNumbersDescendingByDefaultAndMissingLast() throws {
    assertClose(numbers(try list("sort([3, 1, 0/0, 2])").items), [3, 2, 1, .nan], "desc")
    assertClose(numbers(try list("sort([3, 0/0, 1, 2], desc=false)").items), [1, 2, 3, .nan], "asc")
  }

  func testSortByKeyIsStableAndPutsMissingKeysLast() throws {
    // keys (x - 2) / (x - 2): 1, missing, 1, 1 — ties keep their order, missing goes last.
    XCTAssertEqual(numbers(try list("sort([1, 2, 3, 4], x => (x - 2) / (x - 2))").items), [1, 3, 4, 2])
    XCTAssertEqual(
      numbers(try list("sort([1, 2, 3, 4], x => (x - 2) / (x - 2), desc=false)").items), [1, 3, 4, 2])
    // keys x · (x - 2) / (x - 2): 1, missing, 3, 4.
    XCTAssertEqual(numbers(try list("sort([1, 2, 3, 4], x => x * (x - 2) / (x - 2))").items), [4, 3, 1, 2])
    XCTAssertEqual(
      numbers(try list("sort([1, 2, 3, 4], x => x * (x - 2) / (x - 2), desc=false)").items), [1, 3, 4, 2])
    // Equal keys keep the input order in both directions.
    let same = try list("sort([SPY, RSP, NVDA], s => 1, desc=false)")
    XCTAssertEqual(same.items.map(\.displayName), ["SPY", "RSP", "NVDA"])
    XCTAssertEqual(
      try list("sort([SPY, RSP, NVDA], s => 1)").items.map(\.displayName), ["SPY", "RSP", "NVDA"])
  }

  func testSortSymbolsByReturnAndKeepLabels() throws {
    let sorted = try list("sort([SPY, RSP, NVDA, QQQ], s => s.between(2024-01-02, 2024-12-31).change())")
    let ordered = try list(
      "map([SPY, RSP, NVDA, QQQ], s => s.between(2024-01-02, 2024-12-31).change()).sort()")
    XCTAssertEqual(sorted.items.map(\.displayName), ordered.labels)
    XCTAssertEqual(ordered.labels?.first, "NVDA")
    let values = numbers(ordered.items)
    XCTAssertEqual(values, values.sorted(by: >))
  }

  func testSortTableByColumn() throws {
    let t = try table("sort(table(a=1, b=3, c=2, d=0/0), \"value\")")
    guard case .labels(_, let labels) = t.rows else { return XCTFail("expected labels") }
    XCTAssertEqual(labels, ["b", "c", "a", "d"])
    let asc = try table("sort(table(a=1, b=3, c=2, d=0/0), \"value\", desc=false)")
    guard case .labels(_, let ascLabels) = asc.rows else { return XCTFail("expected labels") }
    XCTAssertEqual(ascLabels, ["a", "c", "b", "d"])
    assertClose(asc.columns[0].numbers ?? [], [1, 2, 3, .nan], "sorted column")
  }

  func testSortTimeTableBecomesCrossSectionOfDates() throws {
    let t = try table("sort(table(spy=SPY.between(2024-07-09, 2024-07-12)), \"spy\", desc=false)")
    guard case .labels(let header, let labels) = t.rows else { return XCTFail("expected labels") }
    XCTAssertEqual(header, "date")
    XCTAssertEqual(labels.count, 4)
    let values = t.columns[0].numbers ?? []
    XCTAssertEqual(values, values.sorted())
  }

  func testSortErrors() throws {
    XCTAssertEqual(try error("sort(SPY, s => 1)"), "sort: argument 'x' must be a list or a table, got bars")
    XCTAssertEqual(
      try error("sort([SPY, RSP])"), "sort: item 1 (SPY) is a bars, not a number")
    XCTAssertEqual(
      try error("sort([SPY, RSP], s => s.ret())"),
      "sort: the key gives a series for item 1 (SPY), not a number")
    XCTAssertEqual(try error("sort(table(a=1), \"valeu\")"), "sort: the table has no column 'valeu'")
    XCTAssertEqual(
      try error("sort(table(a=1))"),
      "sort: argument 'key' must be the name of a column for a table, e.g. sort(t, \"value\")")
  }

  // MARK: rank

  func testRankLargestFirstWithAverageTies() throws {
    // pandas: pd.Series([3, 1, 3, 2]).rank(ascending=False) → [1.5, 4.0, 1.5, 3.0]
    XCTAssertEqual(numbers(try list("rank([3, 1, 3, 2])").items), [1.5, 4, 1.5, 3])
    // pandas: pd.Series([3, nan, 1, 3]).rank(ascending=False) → [1.5, nan, 3.0, 1.5]
    assertClose(
      numbers(try list("rank([3, 0/0, 1, 3])").items), [1.5, .nan, 3, 1.5], "rank with a missing value")
    XCTAssertEqual(numbers(try list("rank([5, 5, 5])").items), [2, 2, 2])
    XCTAssertEqual(try list("rank([])").items.count, 0)
  }

  func testRankKeepsLabels() throws {
    let (items, labels) = try list(
      "rank(map([SPY, RSP, NVDA], s => s.between(2024-01-02, 2024-12-31).change()))")
    XCTAssertEqual(labels, ["SPY", "RSP", "NVDA"])
    XCTAssertEqual(numbers(items)[2], 1, "NVDA led in 2024")
    XCTAssertEqual(Set(numbers(items)), [1, 2, 3])
  }

  func testRankErrors() throws {
    XCTAssertTrue(
      try error("rank([SPY, RSP])").hasPrefix("rank: argument 'list' must hold numbers; item 1 is a bars"))
  }

  // MARK: table

  func testTableOuterJoinsOnTheUnionOfDates() throws {
    let t = try table(
      "table(nvda=NVDA.between(2024-06-03, 2024-06-28), rsp=RSP.between(2024-06-17, 2024-07-12))")
    guard case .dates(let index) = t.rows else { return XCTFail("expected a time table") }
    // pandas: pd.concat([nvda, rsp], axis=1) has 28 rows, 19 NVDA values and 18 RSP values.
    XCTAssertEqual(index.count, 28)
    XCTAssertEqual(CivilDate.iso(index.days.first ?? 0), "2024-06-03")
    XCTAssertEqual(CivilDate.iso(index.days.last ?? 0), "2024-07-12")
    XCTAssertEqual(t.columns.map(\.name), ["nvda", "rsp"])
    let nvda = t.columns[0].numbers ?? []
    let rsp = t.columns[1].numbers ?? []
    XCTAssertEqual(nvda.filter { !$0.isNaN }.count, 19)
    XCTAssertEqual(rsp.filter { !$0.isNaN }.count, 18)
    XCTAssertTrue(rsp[0].isNaN, "RSP starts later")
    XCTAssertTrue(nvda[27].isNaN, "NVDA ends earlier")
  }

  func testTablePositionalSeriesAndListsOfSeries() throws {
    let t = try table("table(SPY.ret(), RSP)")
    XCTAssertEqual(t.columns.map(\.name), ["ret(SPY)", "RSP"])
    let sectors = try table("table(map([XLK, XLE], s => s.ret()))")
    XCTAssertEqual(sectors.columns.map(\.name), ["XLK", "XLE"])
  }

  func testTableOfNumbersAndOfLabelledLists() throws {
    let t = try table("table(spy=1.5, rsp=-2)")
    guard case .labels(_, let labels) = t.rows else { return XCTFail("expected a cross-section") }
    XCTAssertEqual(labels, ["spy", "rsp"])
    XCTAssertEqual(t.columns.map(\.name), ["value"])
    XCTAssertEqual(t.columns[0].numbers, [1.5, -2])

    let joined = try table("table(a=map([SPY, RSP], s => 1), b=map([RSP, QQQ], s => 2))")
    guard case .labels(_, let rows) = joined.rows else { return XCTFail("expected a cross-section") }
    XCTAssertEqual(rows, ["SPY", "RSP", "QQQ"])
    assertClose(joined.columns[0].numbers ?? [], [1, 1, .nan], "a")
    assertClose(joined.columns[1].numbers ?? [], [.nan, 2, 2], "b")
  }

  func testTableErrors() throws {
    XCTAssertEqual(try error("table()"), "table: give at least one column, e.g. table(spy=SPY, rsp=RSP)")
    XCTAssertEqual(try error("table(a=SPY, b=1)"), "table: cannot mix series with numbers or labelled lists")
    XCTAssertEqual(try error("table(1)"), "table: argument 1 is a number without a name; write name=value")
    XCTAssertEqual(
      try error("table(SPY, SPY)"), "table: two columns are named 'SPY'; name them, e.g. table(a=..., b=...)")
    XCTAssertEqual(
      try error("table(a=\"x\")"), "table: argument 'a' is a string; a column is a series, a number or a list"
    )
  }

  // MARK: describe

  func testDescribeMatchesPandas() throws {
    // python3: s = SPY.ret().between(2024-01-02, 2024-12-31) exported with `rotor --format csv`,
    // read with pd.read_csv(index_col=0); s.describe().tolist()
    let t = try table("describe(SPY.ret().between(2024-01-02, 2024-12-31))")
    guard case .labels(let header, let stats) = t.rows else { return XCTFail("expected a cross-section") }
    XCTAssertEqual(header, "stat")
    XCTAssertEqual(stats, ["count", "mean", "std", "min", "25%", "50%", "75%", "max"])
    let name = try XCTUnwrap(try evaluate("SPY.ret().between(2024-01-02, 2024-12-31)").asSeries).name
    XCTAssertEqual(t.columns.map(\.name), [name], "the column is named by the series")
    assertClose(
      t.columns[0].numbers ?? [],
      [
        252.0, 0.0009135554326946581, 0.007917701087930131, -0.029803295178152944,
        -0.0029008266856723475, 0.0010327088040956722, 0.005769533317559028, 0.024865539426991656,
      ], "describe(SPY.ret())")
  }

  func testDescribeTableWithMissingCellsMatchesPandas() throws {
    // python3: j = pd.concat([nvda.rename('nvda'), rsp.rename('rsp')], axis=1) with
    // nvda = NVDA.between(2024-06-03, 2024-06-28), rsp = RSP.between(2024-06-17, 2024-07-12)
    // (exported with `rotor --format csv`); j.describe()[c].tolist()
    let t = try table(
      "describe(table(nvda=NVDA.between(2024-06-03, 2024-06-28), rsp=RSP.between(2024-06-17, 2024-07-12)))")
    XCTAssertEqual(t.columns.map(\.name), ["nvda", "rsp"])
    assertClose(
      t.columns[0].numbers ?? [],
      [
        19.0, 124.52596323113693, 5.490668570720984, 114.93513488769531, 120.89074325561523,
        123.93025207519531, 128.02825927734375, 135.5146484375,
      ], "nvda")
    assertClose(
      t.columns[1].numbers ?? [],
      [18.0, 159.33977222222222, 1.2896058197602387, 157.6992, 158.5243, 158.95245, 159.5619, 163.0994],
      "rsp")
  }

  func testDescribeListsAndEdgeCases() throws {
    let t = try table("describe(map([SPY, RSP], s => s.ret().last(20)))")
    XCTAssertEqual(t.columns.map(\.name), ["SPY", "RSP"])
    // pandas: pd.Series([1, 2, 3, 4]).describe() → 4, 2.5, 1.2909944487358056, 1, 1.75, 2.5, 3.25, 4
    let small = try table("describe([1, 2, 3, 4])")
    assertClose(
      small.columns[0].numbers ?? [], [4, 2.5, 1.2909944487358056, 1, 1.75, 2.5, 3.25, 4], "[1,2,3,4]")
    // pandas: a single value has std NaN; no value gives count 0 and NaN elsewhere.
    assertClose(try table("describe([7])").columns[0].numbers ?? [], [1, 7, .nan, 7, 7, 7, 7, 7], "[7]")
    assertClose(
      try table("describe(SPY.since(2030-01-01))").columns[0].numbers ?? [],
      [0, .nan, .nan, .nan, .nan, .nan, .nan, .nan], "empty")
    XCTAssertEqual(
      try error("describe(\"a\")"), "describe: argument 'x' must be a series, a list or a table, got string")
  }

  // MARK: print

  func testPrintShowsScalarsOnOneLineAndReturnsNothing() throws {
    let s = try session()
    var shown: [Value] = []
    s.onShow = { shown.append($0.value) }
    let result = try s.evaluate("print(\"NVDA\", 1.5, true, 2024-07-11, n=3)")
    guard case .nothing = result else { return XCTFail("print returned \(result.kind)") }
    XCTAssertEqual(shown.count, 1)
    guard case .string(let line)? = shown.first else { return XCTFail("expected one string") }
    XCTAssertEqual(line, "NVDA 1.5 true 2024-07-11 n=3")
  }

  func testPrintShowsOtherValuesOneByOne() throws {
    let s = try session()
    var shown: [Value] = []
    s.onShow = { shown.append($0.value) }
    _ = try s.evaluate("print(SPY.last(3), 2, recent=RSP.last(2))")
    XCTAssertEqual(shown.map(\.kind), [.series, .number, .series])
    XCTAssertEqual(shown.first?.asSeries?.count, 3)
    XCTAssertEqual(shown.last?.asSeries?.name, "recent")
  }

  // MARK: save

  func testSaveCSVRoundTrip() throws {
    let folder = try temporaryFolder()
    let s = try session()
    s.interpreter.workingDirectory = folder.path
    let result = try s.evaluate("save(SPY.between(2024-07-09, 2024-07-12), \"spy.csv\")")
    guard case .string(let message) = result else { return XCTFail("save returned \(result.kind)") }
    XCTAssertEqual(message, "saved 4 rows to spy.csv")
    let text = try String(contentsOf: folder.appendingPathComponent("spy.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.first?.hasPrefix("date,"), true)
    XCTAssertEqual(lines.count, 6, "header, 4 rows and the final newline")
    XCTAssertEqual(lines.last, "")
    let series = try XCTUnwrap(try s.evaluate("SPY.between(2024-07-09, 2024-07-12)").asSeries)
    for (i, line) in lines.dropFirst().prefix(4).enumerated() {
      let cells = line.split(separator: ",")
      XCTAssertEqual(String(cells[0]), CivilDate.iso(series.index.days[i]))
      XCTAssertEqual(Double(String(cells[1])), series.values[i], "numbers keep full precision")
    }
  }

  func testSaveJSONRoundTrip() throws {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("rank.json").path
    let s = try session()
    let result = try s.evaluate("save(rank([3, 1, 3]), \"\(path)\")")
    guard case .string(let message) = result else { return XCTFail("save returned \(result.kind)") }
    XCTAssertEqual(message, "saved 3 items to \(path)")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(object["type"] as? String, "list")
    let items = try XCTUnwrap(object["items"] as? [[String: Any]])
    XCTAssertEqual(items.compactMap { $0["value"] as? Double }, [1.5, 3, 1.5])

    let tablePath = folder.appendingPathComponent("t.JSON").path
    _ = try s.evaluate("save(table(spy=SPY.last(3), rsp=RSP.last(3)), \"\(tablePath)\")")
    let table = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: tablePath)))
        as? [String: Any])
    XCTAssertEqual(table["columns"] as? [String], ["date", "spy", "rsp"])
    XCTAssertEqual((table["rows"] as? [Any])?.count, 3)
  }

  func testSaveMarkdownAndSVG() throws {
    let folder = try temporaryFolder()
    let s = try session()
    s.interpreter.workingDirectory = folder.path
    guard case .string(let message) = try s.evaluate("save(perf(sectors), \"perf.md\")") else {
      return XCTFail("save returned no message")
    }
    XCTAssertEqual(message, "saved 11 rows to perf.md")
    let md = try String(contentsOf: folder.appendingPathComponent("perf.md"), encoding: .utf8)
    XCTAssertTrue(md.hasPrefix("| symbol | 1w | 1mo | 3mo | ytd | 1y |\n|:--|--:|--:|--:|--:|--:|\n| "), md)
    XCTAssertEqual(md.split(separator: "\n").count, 13)
    XCTAssertTrue(md.hasSuffix("% |\n"))
    let listed = try s.evaluate("save(map(sectors, x => x.last(3mo).change()), \"m.md\")")
    guard case .string(let listMessage) = listed else { return XCTFail() }
    XCTAssertEqual(listMessage, "saved 11 items to m.md")
    XCTAssertTrue(
      try String(contentsOf: folder.appendingPathComponent("m.md"), encoding: .utf8).hasPrefix(
        "| label | value |"))
    guard case .string(let svgMessage) = try s.evaluate("save(plot(SPY.last(1y), title=\"SPY\"), \"c.svg\")")
    else {
      return XCTFail()
    }
    XCTAssertEqual(svgMessage, "saved chart to c.svg")
    let svg = try String(contentsOf: folder.appendingPathComponent("c.svg"), encoding: .utf8)
    XCTAssertTrue(
      svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    XCTAssertTrue(svg.hasSuffix("</svg>\n"))
    guard case .string(let csvMessage) = try s.evaluate("save(plot(SPY.last(5), RSP.last(5)), \"c.csv\")")
    else {
      return XCTFail()
    }
    XCTAssertEqual(csvMessage, "saved chart to c.csv")
    XCTAssertEqual(
      try String(contentsOf: folder.appendingPathComponent("c.csv"), encoding: .utf8).split(separator: "\n")
        .count, 6)
  }

  func testSaveErrors() throws {
    XCTAssertEqual(
      try error("save(SPY, \"x.svg\")"),
      "save: a .svg file holds a chart; draw one first: save(plot(x), \"x.svg\")")
    XCTAssertEqual(
      try error("save(plot(SPY), \"x.md\")"),
      "save: a chart has no Markdown of its own; save it as .svg and link it")
    XCTAssertEqual(
      try error("save(SPY, \"notes\")"), "save: cannot save to 'notes': use .csv, .json, .md or .svg")
    XCTAssertTrue(
      try error("save(SPY, \"/nonexistent-rotor-folder/x.csv\")")
        .hasPrefix(
          "save: cannot write '/nonexistent-rotor-folder/x.csv': folder '/nonexistent-rotor-folder' does not exist"
        ))
    XCTAssertEqual(
      try error("save(x => x, \"/tmp/f.csv\")"),
      "save: argument 'value' must be data (a series, table, list or scalar), got function")
  }

  // MARK: reduction errors the fixtures cannot express

  func testReductionErrors() throws {
    let empty = try error("argmax(SPY.ret().since(2030-01-01))")
    XCTAssertTrue(empty.hasPrefix("argmax: ") && empty.hasSuffix(" is empty"), empty)
    let missing = try error("argmin(SPY.ret() * 0 / 0)")
    XCTAssertTrue(missing.hasPrefix("argmin: ") && missing.hasSuffix(" has only missing values"), missing)
    XCTAssertTrue(
      try error("at(SPY, 1900-01-01)").hasPrefix("at: SPY has no data on or before 1900-01-01 (it starts "))
  }
}
