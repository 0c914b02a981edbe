import Foundation
import XCTest

/// A backtest (`rotate`) through the built binary: JSON is one well-formed object with its
/// stats, curves and holdings; CSV its curves; a notebook holds its tables and its chart.
final class BacktestCLITests: XCTestCase {
  static let expr = "rotate(sectors, s => s.ret(63), top=3, cost=0.001)"

  func testJSONIsOneWellFormedObject() throws {
    let r = try CLITests.rotor(["--format", "json", "-e", Self.expr])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n")
    XCTAssertEqual(lines.count, 1)
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    XCTAssertEqual(object["type"] as? String, "backtest")
    XCTAssertEqual(object["benchmark_name"] as? String, "SPY")
    let stats = try XCTUnwrap(object["stats"] as? [String: [String: Any]])
    XCTAssertNotNil(stats["sharpe"]?["strategy"] as? Double)
    XCTAssertTrue(stats["costs"]?["benchmark"] is NSNull)
    let equity = try XCTUnwrap(object["equity"] as? [String: Any])
    XCTAssertEqual((equity["values"] as? [Any])?.count, (equity["dates"] as? [Any])?.count)
    let holdings = try XCTUnwrap(object["holdings"] as? [String: Any])
    XCTAssertEqual(holdings["columns"] as? [String], ["date", "trade", "holdings", "turnover", "cost"])
    let rows = try XCTUnwrap(holdings["rows"] as? [[Any]])
    XCTAssertEqual(rows.last?[1] as? String, "pending")
  }

  func testCSVIsTheCurvesAndFieldsReadByName() throws {
    let r = try CLITests.rotor(["--format", "csv", "-e", Self.expr])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.hasPrefix("date,equity,benchmark,drawdown,benchmark_drawdown\n"), r.stdout)
    let fields = try CLITests.rotor([
      "-e", "bt = \(Self.expr)", "-e", "bt.equity.first()", "-e", "bt.benchmark.first()",
      "-e", "bt.stats.strategy.count()", "-e", "bt.holdings.trade.count() > 300",
    ])
    XCTAssertEqual(fields.status, 0, fields.stderr)
    XCTAssertEqual(fields.stdout, "100\n100\n9\ntrue\n")
  }

  func testANotebookShowsTheTablesAndTheChart() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-bt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("bt.md")
    let r = try CLITests.rotor(["-e", "bt = \(Self.expr)\nbt\nplot(bt)", "--notebook", out.path])
    XCTAssertEqual(r.status, 0, r.stderr)
    let markdown = try String(contentsOf: out, encoding: .utf8)
    XCTAssertTrue(markdown.contains("| stat | strategy | benchmark |"), markdown)
    XCTAssertTrue(markdown.contains("| date | trade | holdings | turnover | cost |"), markdown)
    XCTAssertTrue(markdown.contains("](bt-1.svg)"), markdown)
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("bt-1.svg").path))
  }
}
