import Foundation
import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// Universe and breadth built-ins: what the pandas fixtures do not cover — the panel
/// cache, members with disjoint calendars and gaps, membership lookups and their errors,
/// perf's ordering and ytd, rrg's quadrants — on small synthetic datasets, plus a few
/// checks on the bundled data.
final class BreadthTests: XCTestCase {
  static let bundled: Dataset? = try? Dataset.embedded()

  // MARK: - Helpers

  private func bundledSession() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.bundled, "the bundled dataset did not load"))
  }

  /// A dataset of close-only symbols: symbol → [(ISO date, close)].
  private func dataset(
    _ closes: [String: [(String, Double)]], constituents: [Constituent] = []
  ) -> Dataset {
    let bars = closes.keys.sorted().map { symbol in
      let rows = closes[symbol] ?? []
      let days = rows.compactMap { CivilDate.parseISO(Array($0.0.utf8)) }
      return Bars(symbol: symbol, index: DateIndex(days), fields: [.close: rows.map(\.1)])
    }
    return Dataset(bars: bars, constituents: constituents)
  }

  private func series(_ session: Session, _ text: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> Series
  {
    let value = try session.evaluate(text)
    return try XCTUnwrap(value.asSeries, "\(text) gave \(value.kind)", file: file, line: line)
  }

  private func table(_ session: Session, _ text: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> Table
  {
    let value = try session.evaluate(text)
    guard case .table(let t) = value else {
      XCTFail("\(text) gave \(value.kind), expected a table", file: file, line: line)
      return Table(rows: .labels(header: "", []), columns: [])
    }
    return t
  }

  private func number(_ session: Session, _ text: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> Double
  {
    guard case .number(let v) = try session.evaluate(text) else {
      XCTFail("\(text) is not a number", file: file, line: line)
      return .nan
    }
    return v
  }

  /// The error `text` raises (message and notes).
  private func failure(_ session: Session, _ text: String, file: StaticString = #filePath, line: UInt = #line)
    -> Diagnostic?
  {
    do throws(Diagnostic) {
      let value = try session.evaluate(text)
      XCTFail("\(text) gave \(value.kind), expected an error", file: file, line: line)
      return nil
    } catch {
      return error
    }
  }

  private func dates(_ s: Series) -> [String] { s.index.days.map(CivilDate.iso) }

  /// NaN-aware equality to 1e-12 relative.
  private func assertClose(
    _ actual: [Double], _ expected: [Double], _ what: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(actual.count, expected.count, "\(what): length", file: file, line: line)
    for (k, (a, e)) in zip(actual, expected).enumerated() {
      let same = (a.isNaN && e.isNaN) || a == e || abs(a - e) <= 1e-12 * max(abs(a), abs(e))
      XCTAssertTrue(same, "\(what)[\(k)]: got \(a), expected \(e)", file: file, line: line)
    }
  }

  private func labels(_ t: Table) -> [String] {
    if case .labels(_, let l) = t.rows { return l }
    return []
  }

  private func numbers(_ t: Table, _ column: String) -> [Double] {
    t.column(named: column)?.numbers ?? []
  }

  // MARK: - Disjoint calendars and gaps

  /// A and B never trade on the same day; C has a missing close. A date on which no member
  /// counts is missing; each member is compared with its own previous row.
  private func disjoint() -> Session {
    Session(
      dataset: dataset([
        "A": [("2024-01-01", 10), ("2024-01-02", 11), ("2024-01-03", 11)],
        "B": [("2024-01-08", 20), ("2024-01-09", 19), ("2024-01-10", 21)],
      ]))
  }

  func testDisjointCalendarsCountEachMemberOnItsOwnRows() throws {
    let s = disjoint()
    let adv = try series(s, "advancers([A, B])")
    XCTAssertEqual(
      dates(adv), ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-08", "2024-01-09", "2024-01-10"])
    // 01-08 is B's first row: B has no previous row and A has no row, so nobody counts.
    assertClose(adv.values, [.nan, 1, 0, .nan, 0, 1], "advancers")
    assertClose(try series(s, "decliners([A, B])").values, [.nan, 0, 0, .nan, 1, 0], "decliners")
    assertClose(try series(s, "unchanged([A, B])").values, [.nan, 0, 1, .nan, 0, 0], "unchanged")
    assertClose(try series(s, "ad_line([A, B])").values, [.nan, 1, 1, .nan, 0, 1], "ad_line")
    assertClose(
      try series(s, "ad_ratio([A, B])").values, [.nan, .infinity, .nan, .nan, 0, .infinity], "ad_ratio")
    XCTAssertEqual(adv.name, "advancers([A,B])")
  }

  func testDisjointCalendarsWindowedStatistics() throws {
    let s = disjoint()
    // sma(2): A 10.5, 11 (close 11 > 10.5, 11 = 11); B 19.5, 20 (19 < 19.5, 21 > 20).
    assertClose(try series(s, "pct_above([A, B], 2)").values, [.nan, 100, 0, .nan, 0, 100], "pct_above")
    assertClose(try series(s, "new_highs([A, B], 2)").values, [.nan, 1, 1, .nan, 0, 1], "new_highs")
    assertClose(try series(s, "new_lows([A, B], 2)").values, [.nan, 0, 1, .nan, 1, 0], "new_lows")
    // A window longer than every member: no member ever counts.
    XCTAssertTrue(try series(s, "pct_above([A, B], 5)").values.allSatisfy(\.isNaN))
  }

  func testEqualWeightCarriesTheLevelOverDatesWithoutReturns() throws {
    let s = disjoint()
    let ew = try series(s, "equal_weight([A, B])")
    let afterA = 100 * 1.1 * 1.0
    let b1 = afterA * (1 + (19.0 / 20 - 1))
    let b2 = b1 * (1 + (21.0 / 19 - 1))
    assertClose(ew.values, [100, 110, afterA, .nan, b1, b2], "equal_weight")
    // The mean is over the members that have a return that day.
    let t = Session(
      dataset: dataset([
        "A": [("2024-01-01", 10), ("2024-01-02", 11), ("2024-01-03", 12.1)],
        "B": [("2024-01-02", 50), ("2024-01-03", 40)],
      ]))
    assertClose(
      try series(t, "equal_weight([A, B])").values, [100, 110, 110 * (1 + (0.1 - 0.2) / 2)], "two members")
  }

  func testMissingClosesDoNotCount() throws {
    let s = Session(
      dataset: dataset([
        "A": [("2024-01-01", 10), ("2024-01-02", .nan), ("2024-01-03", 12), ("2024-01-04", 13)],
        "B": [("2024-01-01", 5), ("2024-01-02", 6), ("2024-01-03", 7), ("2024-01-04", 6)],
      ]))
    // A counts neither on its missing row nor on the next one (its previous row is missing).
    assertClose(try series(s, "advancers([A, B])").values, [.nan, 1, 1, 1], "advancers")
    assertClose(try series(s, "decliners([A, B])").values, [.nan, 0, 0, 1], "decliners")
    // A's sma(2) is missing while its window holds the missing close.
    assertClose(try series(s, "pct_above([A, B], 2)").values, [.nan, 100, 100, 50], "pct_above")
    assertClose(
      try series(s, "equal_weight([A, B])").values,
      [100, 120, 120 * (1 + (7.0 / 6 - 1)), 120 * (7.0 / 6) * (1 + ((13.0 / 12 - 1) + (6.0 / 7 - 1)) / 2)],
      "equal_weight")
  }

  func testMcclellanAndSummationFollowEmaAndCumsum() throws {
    // 60 days of a 3-member universe with a known net; compare with the series built-ins.
    var closes: [String: [(String, Double)]] = ["A": [], "B": [], "C": []]
    let start = try XCTUnwrap(CivilDate.days(year: 2024, month: 1, day: 1))
    for k in 0..<60 {
      let day = CivilDate.iso(start + Int32(k))
      closes["A"]?.append((day, 100 + Double(k % 7)))
      closes["B"]?.append((day, 50 + Double((k * 3) % 5)))
      closes["C"]?.append((day, 20 - Double(k % 4)))
    }
    let s = Session(dataset: dataset(closes))
    let mc = try series(s, "mcclellan([A, B, C])")
    let net = try series(s, "advancers([A, B, C]) - decliners([A, B, C])")
    let expected = try series(
      s,
      "ema(advancers([A, B, C]) - decliners([A, B, C]), 19) - ema(advancers([A, B, C]) - decliners([A, B, C]), 39)"
    )
    XCTAssertEqual(net.count, 60)
    assertClose(mc.values, expected.values, "mcclellan")
    XCTAssertEqual(mc.values.prefix(39).filter { !$0.isNaN }.count, 0, "missing until 39 net values")
    assertClose(
      try series(s, "summation([A, B, C])").values, try series(s, "cumsum(mcclellan([A, B, C]))").values,
      "summation")
  }

  // MARK: - Panel cache

  func testPanelCacheReusesTheUnionAcrossStatisticsAndWindows() throws {
    let s = try bundledSession()
    let first = try series(s, "pct_above(universe(), 200)")
    guard case .list(let items, _) = try s.evaluate("universe()") else {
      return XCTFail("universe() is not a list")
    }
    let members = items.compactMap(\.asSeries)
    let panel = Panel.cached(members)
    let fifty = try series(s, "pct_above(universe(), 50)")
    let again = try series(s, "pct_above(universe(), 200)")
    XCTAssertTrue(Panel.cached(members) === panel, "the panel was rebuilt")
    XCTAssertTrue(first.index === panel.calendar && fifty.index === panel.calendar)
    XCTAssertTrue(zip(first.values, again.values).allSatisfy { $0.bitPattern == $1.bitPattern })
    XCTAssertFalse(zip(first.values, fifty.values).allSatisfy { $0.bitPattern == $1.bitPattern })
    // A fresh session over the same data reuses it too (the key is the data, not the session).
    XCTAssertTrue(
      zip(try series(try bundledSession(), "pct_above(universe(), 200)").values, first.values)
        .allSatisfy { $0.bitPattern == $1.bitPattern })
    // Other members (or the same names over other data) get another panel.
    XCTAssertFalse(Panel.cached(Array(members.dropLast())) === panel)
    let other = dataset(["A": [("2024-01-01", 1), ("2024-01-02", 2)]])
    let a1 = try XCTUnwrap(other.bars("A")?.series)
    let renamed = Series(index: DateIndex([a1.index.days[0], a1.index.days[1]]), values: [1, 2], name: "A")
    XCTAssertFalse(Panel.cached([a1]) === Panel.cached([renamed]))
    // The cache is bounded.
    for k in 0..<(PanelCache.capacity + 1) { _ = Panel.cached(Array(members.prefix(k + 1))) }
    XCTAssertFalse(Panel.cached(members) === panel, "the oldest panel should have been evicted")
  }

  func testUnionCalendarMatchesASetUnion() {
    let a = DateIndex([1, 3, 5, 9])
    let b = DateIndex([2, 3, 4])
    let c = DateIndex([])
    let (calendar, positions) = Panel.union([a, b, c, a])
    XCTAssertEqual(calendar.days, [1, 2, 3, 4, 5, 9])
    XCTAssertEqual(positions, [[0, 2, 4, 5], [1, 2, 3], [], [0, 2, 4, 5]])
    // A sparse span takes the sorting path and gives the same layout.
    let far = DateIndex([-700_000, 5])
    let (sparse, farPositions) = Panel.union([far, b])
    XCTAssertEqual(sparse.days, [-700_000, 2, 3, 4, 5])
    XCTAssertEqual(farPositions, [[0, 4], [1, 2, 3]])
    // One shared calendar is reused as it is.
    XCTAssertTrue(Panel.union([a, a]).0 === a)
  }

  // MARK: - Bundled data

  func testAdvancersAndDeclinersOnTheBundledData() throws {
    let s = try bundledSession()
    // universe/prices.csv gives 458 and 117 (pandas); Rotor takes the mega-caps from etf/.
    XCTAssertEqual(try number(s, "advancers(universe())[2024-07-11]"), 458)
    XCTAssertEqual(try number(s, "decliners(universe())[2024-07-11]"), 117)
    XCTAssertEqual(try number(s, "unchanged(universe())[2024-07-11]"), 0)
    let pct = try number(s, "pct_above(universe(), 50)[2024-02-01]")
    XCTAssertTrue(pct > 0 && pct < 100)
    // Before 2018 only the seven mega-caps count.
    XCTAssertLessThanOrEqual(
      try number(
        s,
        "advancers(universe())[2017-06-01] + decliners(universe())[2017-06-01] + unchanged(universe())[2017-06-01]"
      ), 7)
  }

  // MARK: - universe(), members(), sectors()

  func testMembershipBuiltins() throws {
    let s = try bundledSession()
    guard case .list(let all, _) = try s.evaluate("universe()") else { return XCTFail("not a list") }
    XCTAssertEqual(all.count, 580)
    guard case .list(let energy, _) = try s.evaluate("members(\"energy\")") else {
      return XCTFail("not a list")
    }
    XCTAssertEqual(energy.count, 25)
    XCTAssertTrue(energy.allSatisfy { $0.kind == .bars })
    guard case .list(let names, _) = try s.evaluate("sectors()") else { return XCTFail("not a list") }
    XCTAssertEqual(names.count, 11)
    XCTAssertEqual(names.first?.displayName, "\"Communication Services\"")
    // The prelude's `sectors` list of ETFs and the sectors() built-in live side by side.
    guard case .list(let etfs, _) = try s.evaluate("sectors") else { return XCTFail("not a list") }
    XCTAssertEqual(etfs.first?.displayName, "XLK")
    XCTAssertEqual(try table(s, "perf(sectors, 1mo)").rowCount, etfs.count)
  }

  func testMembersErrors() throws {
    let s = try bundledSession()
    let unknown = try XCTUnwrap(failure(s, "members(\"Enrgy\")"))
    XCTAssertEqual(unknown.message, "members: unknown sector \"Enrgy\"")
    XCTAssertTrue(unknown.notes.contains("did you mean 'Energy'?"), "\(unknown.notes)")
    XCTAssertTrue(
      unknown.notes.contains { $0.hasPrefix("sectors: \"Communication Services\", ") }, "\(unknown.notes)")
    let noFile = Session(dataset: dataset(["B": [("2024-01-01", 1)], "A": [("2024-01-01", 1)]]))
    XCTAssertEqual(
      failure(noFile, "members(\"Energy\")")?.message,
      "members: the dataset has no constituents file, so no sectors")
    guard case .list(let none, _) = try noFile.evaluate("sectors()") else { return XCTFail("not a list") }
    XCTAssertTrue(none.isEmpty)
    guard case .list(let all, _) = try noFile.evaluate("universe()") else { return XCTFail("not a list") }
    XCTAssertEqual(all.map(\.displayName), ["A", "B"], "without constituents: every symbol, sorted")
  }

  func testUniverseArgumentErrors() throws {
    let s = try bundledSession()
    XCTAssertEqual(failure(s, "pct_above([], 50)")?.message, "pct_above: argument 'u' is an empty list")
    XCTAssertEqual(
      failure(s, "advancers([SPY, 3])")?.message,
      "advancers: argument 'u' must be a list of symbols or series; item 2 is a number (3)")
    XCTAssertEqual(
      failure(s, "pct_above(SPY)")?.message, "pct_above: argument 'u' must be a list, got bars")
    XCTAssertEqual(
      failure(s, "pct_above(sectors, 0)")?.message,
      "pct_above: argument 'n' must be a whole number ≥ 1, got 0")
    XCTAssertEqual(
      failure(s, "perf(sectors, [1mo, 5])")?.message,
      "perf: argument 'periods' must be a duration or a list of durations such as [1w, 1mo, ytd], got number")
  }

  // MARK: - perf

  func testPerfOrderingYtdAndMissing() throws {
    let s = Session(
      dataset: dataset([
        "A": [("2023-12-29", 100), ("2024-01-31", 110), ("2024-02-29", 121)],
        "B": [("2023-12-29", 50), ("2024-01-31", 40), ("2024-02-29", 60)],
        "C": [("2024-01-31", 10), ("2024-02-29", 11)],
        "D": [("2023-12-29", 8), ("2024-02-15", 10)],
      ]))
    let t = try table(s, "perf([A, B, C, D], [ytd, 1mo])")
    guard case .labels(let header, let rows) = t.rows else { return XCTFail("not a cross-section") }
    XCTAssertEqual(header, "symbol")
    XCTAssertEqual(t.columns.map(\.name), ["ytd", "1mo"])
    XCTAssertEqual(t.percentColumns, ["ytd", "1mo"])
    // Default at = 2024-02-29. ytd from 2023-12-31 as of → 2023-12-29; C has no value then.
    // D's data ends 02-15 and 02-29 is a trading day of the dataset: D is stale as of 02-29,
    // so its cells are missing (not its last close) and a note names it.
    XCTAssertEqual(rows, ["A", "B", "C", "D"])
    assertClose(numbers(t, "ytd"), [21, 20, .nan, .nan], "ytd")
    // 1mo back from 02-29 is 01-29: as of → 12-29 (A, B); C has nothing that early.
    assertClose(numbers(t, "1mo"), [21, 20, .nan, .nan], "1mo")
    XCTAssertEqual(t.notes, ["missing as of 2024-02-29, where the data ends earlier: D (ends 2024-02-15)"])
    let at = try table(s, "perf([C, B, A, D], 1mo, at=2024-02-29)")
    XCTAssertEqual(labels(at), ["A", "B", "C", "D"])
    // As of 02-16 (a Friday, a weekday after D's last row) D is stale too; as of 02-15 it is not.
    XCTAssertEqual(labels(try table(s, "perf([D], 1mo, at=2024-02-15)")), ["D"])
    XCTAssertEqual(try table(s, "perf([D], 1mo, at=2024-02-15)").notes, [])
    let jan = try table(s, "perf([A, B, C], [1mo, ytd], at=2024-01-31)")
    XCTAssertEqual(labels(jan), ["A", "B", "C"], "ties and missing keep list order, missing last")
    assertClose(numbers(jan, "1mo"), [10, -20, .nan], "1mo at January's end")
    // "As of" skips missing values (pandas Series.asof): E's close on the last date is missing.
    let gap = Session(
      dataset: dataset([
        "E": [("2023-12-29", 10), ("2024-02-28", 12), ("2024-02-29", .nan)],
        "F": [("2023-12-29", 10), ("2024-02-29", 11)],
      ]))
    assertClose(numbers(try table(gap, "perf([F, E], ytd)"), "ytd"), [20, 10], "asof skips missing")
    // Default periods and column names as written.
    XCTAssertEqual(try table(s, "perf([A, B])").columns.map(\.name), ["1w", "1mo", "3mo", "ytd", "1y"])
  }

  func testPerfOnTheBundledSectorsMatchesSeriesArithmetic() throws {
    let s = try bundledSession()
    let t = try table(s, "perf(sectors, [3mo, ytd], at=2024-07-11)")
    let key = numbers(t, "3mo")
    XCTAssertEqual(key, key.sorted(by: >), "best first")
    let rows = labels(t)
    let k = try XCTUnwrap(rows.firstIndex(of: "XLK"))
    let expected = try number(s, "100 * (XLK[2024-07-11] / XLK[2024-04-11] - 1)")
    XCTAssertEqual(key[k], expected, accuracy: 1e-12 * abs(expected))
    let ytd = try number(s, "100 * (XLK[2024-07-11] / XLK[2023-12-31] - 1)")
    XCTAssertEqual(numbers(t, "ytd")[k], ytd, accuracy: 1e-12 * abs(ytd))
  }

  // MARK: - rs_ratio, rs_momentum, rrg

  /// Four members against a flat benchmark, one per RRG quadrant (n = 2, m = 1).
  private func rotation() -> Session {
    let days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]
    func rows(_ v: [Double]) -> [(String, Double)] { Array(zip(days, v)) }
    return Session(
      dataset: dataset([
        "LEAD": rows([1, 1, 1, 2]), "WEAK": rows([1, 1, 2, 2.2]), "LAG": rows([1, 1, 1, 0.5]),
        "IMPR": rows([2, 1, 0.5, 0.45]), "BENCH": rows([1, 1, 1, 1]),
      ]))
  }

  func testRsRatioAndMomentumFormulas() throws {
    let s = rotation()
    // rs = WEAK / 1; rs_ratio = 100·rs/sma(rs,2); rs_momentum = 100·ratio/lag(ratio,1).
    let ratio = [Double.nan, 100, 100 * 2 / 1.5, 100 * 2.2 / 2.1]
    assertClose(try series(s, "rs_ratio(WEAK, BENCH, 2)").values, ratio, "rs_ratio")
    assertClose(
      try series(s, "rs_momentum(WEAK, BENCH, 2, 1)").values,
      [.nan, .nan, 100 * ratio[2] / ratio[1], 100 * ratio[3] / ratio[2]], "rs_momentum")
    XCTAssertEqual(try series(s, "rs_ratio(WEAK, BENCH, 2)").name, "rs_ratio(WEAK,BENCH,2)")
  }

  func testRrgQuadrants() throws {
    let s = rotation()
    let t = try table(s, "rrg([LEAD, WEAK, LAG, IMPR], BENCH, 2, 1)")
    XCTAssertEqual(labels(t), ["LEAD", "WEAK", "LAG", "IMPR"], "the list's order")
    XCTAssertEqual(t.columns.map(\.name), ["rs_ratio", "rs_momentum", "quadrant"])
    guard case .strings(let quadrants)? = t.column(named: "quadrant")?.data else {
      return XCTFail("no quadrants")
    }
    XCTAssertEqual(quadrants, ["Leading", "Weakening", "Lagging", "Improving"])
    // As of an earlier date, and before any value (missing, empty quadrant).
    let early = try table(s, "rrg([LEAD, WEAK], BENCH, 2, 1, at=2024-01-03)")
    guard case .strings(let q3)? = early.column(named: "quadrant")?.data else {
      return XCTFail("no quadrants")
    }
    XCTAssertEqual(q3, ["Leading", "Leading"], "LEAD sits at exactly 100/100 on 01-03")
    let none = try table(s, "rrg([LEAD], BENCH, 2, 1, at=2023-12-01)")
    XCTAssertTrue(numbers(none, "rs_ratio")[0].isNaN)
    guard case .strings(let q0)? = none.column(named: "quadrant")?.data else {
      return XCTFail("no quadrants")
    }
    XCTAssertEqual(q0, [""])
    XCTAssertEqual(Builtin.quadrant(100, 99.99), "Weakening")
    XCTAssertEqual(Builtin.quadrant(99.99, 100), "Improving")
  }

  func testRrgOnTheBundledSectors() throws {
    let s = try bundledSession()
    let t = try table(s, "rrg(sectors, SPY)")
    XCTAssertEqual(labels(t).first, "XLK")
    let ratio = try number(s, "rs_ratio(XLK, SPY).last()")
    XCTAssertEqual(numbers(t, "rs_ratio")[0], ratio, accuracy: 1e-12 * ratio)
  }
}
