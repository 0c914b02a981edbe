import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine

/// `rotate` against the independent pandas implementation in
/// `Tests/Fixtures/fixtures_backtest.py` (fixture `Fixtures/Backtest/rotate.json`): equity
/// and benchmark curves, statistics and holdings of the lesson's strategies and more, at 1e-9
/// relative.
final class BacktestReferenceTests: XCTestCase {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/Backtest/rotate.json")

  struct Fixture: Decodable {
    struct Curve: Decodable {
      let dates: [String]
      let values: [Double?]
    }
    struct Case: Decodable {
      let name: String
      let expr: String
      let equity: Curve
      let benchmark: Curve?
      let stats: [String: [String: Double?]]
      let holdings: [[Cell]]
    }
    enum Cell: Decodable {
      case text(String)
      case number(Double?)
      init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
          self = .text(s)
        } else {
          self = .number(try c.decode(Double?.self))
        }
      }
    }
    let cases: [Case]
  }

  private func close(_ a: Double, _ e: Double?) -> Bool {
    guard let e else { return a.isNaN }
    return a == e || abs(a - e) <= 1e-9 * Swift.max(abs(a), abs(e)) + 1e-12
  }

  private func check(_ series: Series?, _ curve: Fixture.Curve?, _ what: String) {
    guard let curve else { return XCTAssertNil(series, what) }
    guard let series else { return XCTFail("\(what): missing") }
    XCTAssertEqual(series.index.days.map(CivilDate.iso), curve.dates, what)
    var bad = 0
    for (k, (a, e)) in zip(series.values, curve.values).enumerated() where !close(a, e) {
      bad += 1
      if bad <= 3 { XCTFail("\(what)[\(curve.dates[k])]: got \(a), expected \(String(describing: e))") }
    }
  }

  func testRotateMatchesThePandasReference() throws {
    let data = try Data(contentsOf: Self.file)
    let fixture = try JSONDecoder().decode(Fixture.self, from: data)
    XCTAssertGreaterThanOrEqual(fixture.cases.count, 4)
    let dataset = try Dataset.embedded()
    for c in fixture.cases {
      let session = Session(dataset: dataset)
      XCTAssertEqual(session.runPrelude().count, 0)
      guard case .backtest(let bt) = try session.evaluate(c.expr) else {
        return XCTFail("\(c.expr): not a backtest")
      }
      check(bt.equity, c.equity, "\(c.name): equity")
      check(bt.benchmark, c.benchmark, "\(c.name): benchmark")
      let (_, statNames) = bt.stats.labelColumn
      XCTAssertEqual(Set(statNames), Set(c.stats.keys), c.name)
      for (row, stat) in statNames.enumerated() {
        for column in bt.stats.columns {
          let actual = column.numbers?[row] ?? .nan
          let expected = c.stats[stat]?[column.name] ?? nil
          XCTAssertTrue(
            close(actual, expected),
            "\(c.name): \(stat) \(column.name) \(actual) vs \(String(describing: expected))")
        }
      }
      let (_, dates) = bt.holdings.labelColumn
      XCTAssertEqual(dates.count, c.holdings.count, "\(c.name): rebalances")
      var bad = 0
      for (row, expected) in zip(dates.indices, c.holdings) {
        var actual: [Fixture.Cell] = [.text(dates[row])]
        for column in bt.holdings.columns {
          switch column.data {
          case .strings(let v): actual.append(.text(v[row]))
          case .numbers(let v): actual.append(.number(v[row]))
          }
        }
        let same = zip(actual, expected).allSatisfy { a, e in
          switch (a, e) {
          case (.text(let x), .text(let y)): return x == y
          case (.number(let x), .number(let y)): return close(x ?? .nan, y)
          default: return false
          }
        }
        if !same {
          bad += 1
          if bad <= 3 { XCTFail("\(c.name): rebalance \(row): got \(actual), expected \(expected)") }
        }
      }
    }
  }
}
