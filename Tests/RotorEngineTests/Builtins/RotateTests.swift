import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine

/// `rotate`: no look-ahead (every rebalance recomputed on data cut at its signal date, and
/// the checker shown to fail on a peeking score and on the engine reading a day late), and
/// the edge cases: fewer scores than `top`, no score (cash), late starters, costs, `every`,
/// bad arguments.
final class RotateTests: XCTestCase {
  static let bundled: Dataset? = try? Dataset.embedded()
  static let sectors = ["XLK", "XLF", "XLE", "XLI", "XLV", "XLP", "XLY", "XLB", "XLU", "XLRE", "XLC"]

  private func backtest(_ session: Session, _ text: String) throws -> Backtest {
    guard case .backtest(let b) = try session.evaluate(text) else {
      throw XCTSkip("\(text) is not a backtest")
    }
    return b
  }

  private func column(_ t: Table, _ name: String) -> [String] {
    guard case .strings(let v)? = t.column(named: name)?.data else { return [] }
    return v
  }

  // MARK: - no look-ahead

  /// The rebalances of `expr` whose holdings differ when the data ends at their signal date:
  /// every symbol in `symbols` is cut after that date and the backtest run again; its last
  /// (pending) row must be the same date with the same holdings. `peek` sets the engine's
  /// testing knob in both runs.
  private func lookAheadMismatches(_ expr: String, symbols: [String], peek: Int = 0) throws -> [String] {
    let bundled = try XCTUnwrap(Self.bundled)
    let bars = try symbols.map { try XCTUnwrap(bundled.bars($0), $0) }
    let full = Session(dataset: Dataset(bars: bars))
    full.interpreter.signalPeek = peek
    let reference = try backtest(full, expr)
    let (_, dates) = reference.holdings.labelColumn
    let holdings = column(reference.holdings, "holdings")
    XCTAssertGreaterThan(dates.count, 20)
    var mismatches: [String] = []
    for (row, date) in dates.enumerated() {
      let day = try XCTUnwrap(CivilDate.parseISO(Array(date.utf8)))
      let cut = bars.map { b in
        let end = b.index.upperBound(day)
        return Bars(
          symbol: b.symbol, index: DateIndex(Array(b.index.days[0..<end])),
          fields: b.fields.mapValues { Array($0[0..<end]) })
      }
      let session = Session(dataset: Dataset(bars: cut))
      session.interpreter.signalPeek = peek
      let truncated: Backtest
      do {
        truncated = try backtest(session, expr)
      } catch {
        mismatches.append("\(date): \(holdings[row]) with all data, an error cut there: \(error)")
        continue
      }
      let (_, cutDates) = truncated.holdings.labelColumn
      let cutHoldings = column(truncated.holdings, "holdings")
      if cutDates.last != date || cutHoldings.last != holdings[row] {
        mismatches.append("\(date): \(holdings[row]) with all data, \(cutHoldings.last ?? "-") cut there")
      }
    }
    return mismatches
  }

  private var sectorList: String { "[" + Self.sectors.joined(separator: ", ") + "]" }

  func testEveryRebalanceIsTheSameOnDataCutAtItsSignalDate() throws {
    let mismatches = try lookAheadMismatches(
      "rotate(\(sectorList), s => s.ret(63), top=3)", symbols: Self.sectors + ["SPY"])
    XCTAssertEqual(mismatches, [])
  }

  func testWithARegimeAndNumberScoresEveryRebalanceIsTheSameOnCutData() throws {
    let mismatches = try lookAheadMismatches(
      "rotate([RSP, IWM], s => s.change(3mo), top=1, when=SPY > SPY.sma(200), otherwise=\"benchmark\", every=3mo, start=2012-01-01)",
      symbols: ["RSP", "IWM", "SPY"])
    XCTAssertEqual(mismatches, [])
  }

  /// The test of the test: a score that reads tomorrow's close is caught.
  func testTheCheckerCatchesAScoreThatPeeks() throws {
    let mismatches = try lookAheadMismatches(
      "rotate([XLK, XLE, XLU, XLV], s => s.lag(-1).ret(63), top=2)",
      symbols: ["XLK", "XLE", "XLU", "XLV", "SPY"])
    XCTAssertGreaterThan(mismatches.count, 100, "a peeking score must be caught: \(mismatches.prefix(3))")
  }

  /// The test of the test: the engine reading its signals one row late is caught, so the
  /// checker proves the engine's own timing.
  func testTheCheckerCatchesTheEngineReadingOneDayLate() throws {
    let mismatches = try lookAheadMismatches(
      "rotate([XLK, XLE, XLU, XLV], s => s.ret(63), top=2)", symbols: ["XLK", "XLE", "XLU", "XLV", "SPY"],
      peek: 1)
    XCTAssertGreaterThan(mismatches.count, 100, "a one-day peek in the engine must be caught")
    // Caught by different holdings, not only by the first cut having no signal at all.
    XCTAssertGreaterThan(mismatches.filter { !$0.contains("error") }.count, 100)
  }

  /// The return from the signal's close to the next close belongs to the old holdings.
  func testTheTradeHappensAtTheNextClose() throws {
    let session = Session(dataset: synthetic())
    let b = try backtest(session, "rotate([A, B], s => s, top=1, every=5d, benchmark=A)")
    // Signal at row 4 (2024-01-05): B is higher → bought at row 5's close; equity is flat
    // through row 5 (cash), then follows B.
    XCTAssertEqual(b.holdings.labelColumn.labels.first, "2024-01-05")
    XCTAssertEqual(column(b.holdings, "trade").first, "2024-01-08")
    XCTAssertEqual(b.equity.values[0], 100)
    XCTAssertEqual(b.equity.values[1], 100)
    let expected: Double = 100.0 * 26.0 / 25.0
    XCTAssertEqual(b.equity.values[2], expected, accuracy: 1e-12)
  }

  // MARK: - edge cases

  /// A, B, C over ten weekdays from 2024-01-01: A 10, 11, …; B 20, 21, …; C missing but the
  /// last three rows.
  private func synthetic(cValues: [Double]? = nil) -> Dataset {
    let days = (0..<10).map { k -> Int32 in
      let base = CivilDate.parseISO(Array("2024-01-01".utf8)) ?? 0
      return base + Int32(k / 5 * 7 + k % 5)
    }
    let index = DateIndex(days)
    let a = Bars(symbol: "A", index: index, fields: [.close: (0..<10).map { 10 + Double($0) }])
    let b = Bars(symbol: "B", index: index, fields: [.close: (0..<10).map { 20 + Double($0) }])
    let c = Bars(
      symbol: "C", index: DateIndex(Array(days[7...])), fields: [.close: cValues ?? [5, 6, 7]])
    return Dataset(bars: [a, b, c])
  }

  func testFewerScoredMembersThanTopHoldsThemEquallyWeighted() throws {
    let session = Session(dataset: synthetic())
    let b = try backtest(session, "rotate([A, B, C], s => s, top=3, every=5d, benchmark=A)")
    XCTAssertEqual(column(b.holdings, "holdings").first, "B A")
    // At the first trade (2024-01-08 close): A 15, B 25, bought half each.
    XCTAssertEqual(b.equity.values[1], 100)
    // Next day: A 16/15, B 26/25.
    let expected: Double = 50.0 * 16.0 / 15.0 + 50.0 * 26.0 / 25.0
    XCTAssertEqual(b.equity.values[2], expected, accuracy: 1e-12)
  }

  func testNoScoreOnADateHoldsCash() throws {
    let session = Session(dataset: synthetic())
    // B's score is missing throughout, A's on the second signal (row 9, A = 19): cash there.
    let b = try backtest(session, "rotate([A, B], s => where(s < 18, s, nan), top=1, every=5d, benchmark=A)")
    XCTAssertEqual(column(b.holdings, "holdings"), ["A", "cash"])
    XCTAssertEqual(column(b.holdings, "trade"), ["2024-01-08", "pending"])
  }

  func testAMemberListedLateIsEligibleOnlyOnceItHasAScore() throws {
    let session = Session(dataset: try XCTUnwrap(Self.bundled))
    let b = try backtest(session, "rotate([GEV, XLU], s => s.ret(20), top=2, start=2024-01-01)")
    let (_, dates) = b.holdings.labelColumn
    let holdings = column(b.holdings, "holdings")
    for (date, h) in zip(dates, holdings) {
      // GEV's first close is 2024-03-27 (docs): no 20-day return before late April.
      if date < "2024-04-25" { XCTAssertEqual(h, "XLU", date) }
    }
    XCTAssertTrue(holdings.contains { $0.contains("GEV") })
  }

  func testCostsAreChargedOnTurnover() throws {
    let session = Session(dataset: synthetic())
    let b = try backtest(session, "rotate([A, B], s => -s, top=1, every=5d, cost=0.01, benchmark=A)")
    // First trade from cash: turnover 1, cost 1% → 99. Then A drifts; next signal is pending.
    XCTAssertEqual(b.equity.values[1], 99, accuracy: 1e-12)
    guard let turnover = b.holdings.column(named: "turnover")?.numbers,
      let cost = b.holdings.column(named: "cost")?.numbers
    else { return XCTFail("no turnover column") }
    XCTAssertEqual(turnover[0], 1)
    XCTAssertEqual(cost[0], 0.01)
    XCTAssertTrue(turnover[1].isNaN)
  }

  func testASwitchIsTurnoverTwo() throws {
    let bundled = try XCTUnwrap(Self.bundled)
    let session = Session(dataset: bundled)
    let b = try backtest(session, "rotate([XLK, XLE], s => s.ret(20), top=1, cost=0.001, start=2022-01-01)")
    let holdings = column(b.holdings, "holdings")
    guard let turnover = b.holdings.column(named: "turnover")?.numbers,
      let cost = b.holdings.column(named: "cost")?.numbers
    else { return XCTFail("no turnover") }
    for k in 1..<(holdings.count - 1) where holdings[k] != holdings[k - 1] {
      XCTAssertEqual(turnover[k], 2, accuracy: 1e-12)
      XCTAssertEqual(cost[k], 0.002, accuracy: 1e-15)
    }
    for k in 1..<(holdings.count - 1) where holdings[k] == holdings[k - 1] {
      XCTAssertEqual(turnover[k], 0, accuracy: 1e-12)
    }
    // costs = 1 − Π(1 − cost_k).
    var kept = 1.0
    for c in cost where c.isFinite { kept *= 1 - c }
    let stats = try XCTUnwrap(b.stats.column(named: "strategy")?.numbers)
    let names = b.stats.labelColumn.labels
    XCTAssertEqual(stats[try XCTUnwrap(names.firstIndex(of: "costs"))], 1 - kept, accuracy: 1e-15)
  }

  func testEveryPicksTheLastDateOfEachPeriod() throws {
    let session = Session(dataset: try XCTUnwrap(Self.bundled))
    func signals(_ every: String) throws -> [String] {
      let b = try backtest(
        session, "rotate([SPY, QQQ], s => s.ret(5), top=1, every=\(every), start=2024-01-01)")
      return Array(b.holdings.labelColumn.labels.prefix(4))
    }
    XCTAssertEqual(try signals("1mo"), ["2024-01-31", "2024-02-29", "2024-03-28", "2024-04-30"])
    XCTAssertEqual(try signals("3mo"), ["2024-03-28", "2024-06-28", "2024-09-30", "2024-12-31"])
    XCTAssertEqual(try signals("1w"), ["2024-01-05", "2024-01-12", "2024-01-19", "2024-01-26"])
    XCTAssertEqual(Array(try signals("1y").prefix(2)), ["2024-12-31", "2025-12-31"])
    XCTAssertEqual(try signals("5d").count, 4)
  }

  func testBadArgumentsAreLocatedErrors() throws {
    let session = Session(dataset: try XCTUnwrap(Self.bundled))
    let cases: [(String, String)] = [
      ("rotate(sectors, s => s.ret(63), otherwise=\"bonds\")", "otherwise"),
      ("rotate(sectors, s => s.ret(63), cost=-0.1)", "cost"),
      ("rotate(sectors, s => s.ret(63), every=3)", "every"),
      ("rotate(sectors, s => s.ret(63), every=ytd)", "every"),
      ("rotate(sectors, s => s.ret(63), top=0)", "top"),
      ("rotate(sectors, s => \"x\")", "score"),
      ("rotate([], s => s)", "members"),
      ("rotate(sectors, 3)", "score"),
      ("rotate(sectors, s => s.ret(63), when=3)", "when"),
      ("rotate(sectors, s => s.ret(63), start=2030-01-01)", "start"),
      ("rotate(sectors, s => nan)", "no member has a score"),
    ]
    _ = session.runPrelude()
    for (text, word) in cases {
      do {
        _ = try session.evaluate(text, name: "t.rotor")
        XCTFail("\(text) should fail")
      } catch {
        XCTAssertTrue(error.message.contains(word), "\(text): \(error.message)")
        XCTAssertNotNil(error.range, "\(text): not located")
      }
    }
    let noSPY = Session(dataset: synthetic())
    XCTAssertThrowsError(try noSPY.evaluate("rotate([A, B], s => s, otherwise=\"benchmark\")")) { error in
      XCTAssertTrue("\(error)".contains("no benchmark"), "\(error)")
    }
  }
}
