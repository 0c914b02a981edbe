import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

/// What text output shows of a selection (head, tail, first, last), cutting tables of
/// labels and labelled lists, and the helpers nan, round and name.
final class DisplayAndHelpersTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func session() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load"))
  }

  private func evaluate(_ text: String) throws -> Value {
    try session().evaluate(text)
  }

  private func number(_ text: String) throws -> Double {
    guard case .number(let v) = try evaluate(text) else {
      XCTFail("\(text) is not a number")
      return .nan
    }
    return v
  }

  /// Lines of the text rendering that start with a date (the rows shown).
  private func datedRows(_ text: String, options: RenderOptions = .plain) throws -> [String] {
    let shown = TextRenderer.render(try evaluate(text), options: options)
    return shown.split(separator: "\n").map(String.init).filter {
      $0.trimmingCharacters(in: .whitespaces).first?.isNumber == true
    }
  }

  // MARK: display

  func testHeadAndTailShowTheRowsAskedFor() throws {
    XCTAssertEqual(try datedRows("SPY.head(20)").count, 20)
    XCTAssertEqual(try datedRows("SPY.tail(12)").count, 12)
    XCTAssertEqual(try datedRows("SPY.first(7)").count, 7)
    XCTAssertEqual(try datedRows("SPY.last(12)").count, 12)
    XCTAssertEqual(try datedRows("macd(SPY).tail(15)").count, 15)
    // Without a selection, a long series still shows its last five rows.
    XCTAssertEqual(try datedRows("SPY.close").count, 5)
    XCTAssertEqual(try datedRows("SPY.last(3mo)").count, 5)
    // A derived series is a new series: the usual view.
    XCTAssertEqual(try datedRows("SPY.head(20).sma(2)").count, 5)
  }

  func testTheRowLimitCutsALongSelectionAndSaysSo() throws {
    let tail = TextRenderer.render(try evaluate("SPY.tail(300)"), options: .plain)
    XCTAssertTrue(tail.contains("… 200 earlier rows"), tail)
    XCTAssertEqual(try datedRows("SPY.tail(300)").count, RenderOptions.defaultMaxRows)
    let head = TextRenderer.render(try evaluate("SPY.head(30)"), options: RenderOptions(maxRows: 10))
    XCTAssertTrue(head.contains("… 20 more rows"), head)
    XCTAssertEqual(try datedRows("SPY.head(30)", options: RenderOptions(maxRows: 10)).count, 10)
  }

  func testACrossSectionTableCanBeCutAndSorted() throws {
    guard case .table(let head) = try evaluate("perf(universe()).head(10)") else {
      return XCTFail("head of a cross-section is not a table")
    }
    XCTAssertEqual(head.rowCount, 10)
    guard case .table(let all) = try evaluate("perf(universe())"),
      case .labels(_, let labels) = all.rows, case .labels(_, let cut) = head.rows
    else { return XCTFail("perf is not a cross-section") }
    XCTAssertEqual(cut, Array(labels.prefix(10)))
    guard case .table(let tail) = try evaluate("sort(perf(sectors), \"3mo\").tail(3)"),
      case .labels(_, let last3) = tail.rows
    else { return XCTFail("tail of a sorted cross-section is not a table") }
    XCTAssertEqual(last3.count, 3)
    XCTAssertThrowsError(try evaluate("perf(sectors).last(1mo)"))
  }

  func testALongLabelledListIsCutWithACount() throws {
    let value = try evaluate("map(universe(), s => s.last())")
    guard case .list(let items, _) = value else { return XCTFail("not a list") }
    let lines = TextRenderer.render(value).split(separator: "\n")
    XCTAssertEqual(lines.count, TextRenderer.crossSectionRows + 1)
    XCTAssertEqual(lines.last.map(String.init), "… \(items.count - TextRenderer.crossSectionRows) more")
  }

  // MARK: nan, round, name

  func testNanIsTheMissingNumberAndCanBeShadowed() throws {
    XCTAssertTrue(try number("nan").isNaN)
    guard case .series(let s) = try evaluate("where(SPY > 1e9, SPY, nan)") else { return XCTFail() }
    XCTAssertTrue(s.values.allSatisfy(\.isNaN))
    let session = try session()
    _ = try session.evaluate("nan = 3")
    guard case .number(let v) = try session.evaluate("nan") else { return XCTFail() }
    XCTAssertEqual(v, 3)
  }

  func testRoundIsHalfToEvenAsNumpy() throws {
    // numpy.round: 2.0 0.0 -0.0 2.68 1.0 1200.0
    XCTAssertEqual(try number("round(2.5)"), 2)
    XCTAssertEqual(try number("round(0.5)"), 0)
    XCTAssertEqual(try number("round(3.5)"), 4)
    XCTAssertEqual(try number("round(2.675, 2)"), 2.68)
    XCTAssertEqual(try number("round(1.005, 2)"), 1.0)
    XCTAssertEqual(try number("round(1234.5, -2)"), 1200)
    XCTAssertEqual(try number("round(-1.25, 1)"), -1.2)
    XCTAssertTrue(try number("round(nan, 2)").isNaN)
    guard case .series(let rounded) = try evaluate("round(SPY, 1)"),
      case .series(let raw) = try evaluate("SPY.close")
    else { return XCTFail() }
    XCTAssertEqual(rounded.count, raw.count)
    for (r, v) in zip(rounded.values, raw.values) where v.isFinite {
      XCTAssertEqual(r, (v * 10).rounded(.toNearestOrEven) / 10)
    }
  }

  func testNameGivesTheSymbolOrTheSeriesName() throws {
    XCTAssertEqual(try evaluate("name(`^RUT`)").displayString, "^RUT")
    XCTAssertEqual(try evaluate("`BRK.B`.name").displayString, "BRK.B")
    XCTAssertEqual(try evaluate("SPY.sma(50).name()").displayString, "sma(SPY,50)")
    XCTAssertEqual(try evaluate("rename(SPY, \"spy\").name").displayString, "spy")
    XCTAssertEqual(try evaluate("\"out/\" + name(SPY) + \".csv\"").displayString, "out/SPY.csv")
    XCTAssertThrowsError(try evaluate("name([SPY])"))
  }

  func testSavingOneFilePerMemberByName() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    _ = try evaluate(
      "map([SPY, RSP, `^RUT`, `BRK.B`], s => save(s.last(5), \"\(folder.path)/\" + name(s) + \".csv\"))")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertEqual(files, ["BRK.B.csv", "RSP.csv", "SPY.csv", "^RUT.csv"])
    let text = try String(contentsOf: folder.appendingPathComponent("^RUT.csv"), encoding: .utf8)
    XCTAssertEqual(text.split(separator: "\n").count, 6)
  }
}

extension Value {
  fileprivate var displayString: String? {
    if case .string(let s) = self { return s }
    return nil
  }
}
