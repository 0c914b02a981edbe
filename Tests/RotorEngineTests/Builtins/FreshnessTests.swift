import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine
@testable import RotorOutput

/// Freshness (docs/language.md §3): a series read at a date after its data ends is missing,
/// lastdate(x), change(x, period) equal to perf's column; the membership history, its
/// parser, universe(at=) and pit=true masks.
final class FreshnessTests: XCTestCase {
  static let bundled: Dataset? = try? Dataset.embedded()

  private func bundledSession() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.bundled, "the bundled dataset did not load"))
  }

  private func day(_ iso: String) -> Int32 { CivilDate.parseISO(Array(iso.utf8)) ?? 0 }

  /// A dataset of close-only symbols: symbol → [(ISO date, close)].
  private func dataset(_ closes: [String: [(String, Double)]], membership: Membership? = nil) -> Dataset {
    let bars = closes.keys.sorted().map { symbol in
      let rows = closes[symbol] ?? []
      return Bars(
        symbol: symbol, index: DateIndex(rows.map { day($0.0) }), fields: [.close: rows.map(\.1)])
    }
    return Dataset(bars: bars, membership: membership)
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

  private func count(_ session: Session, _ text: String) throws -> Int {
    guard case .list(let items, _) = try session.evaluate(text) else { return -1 }
    return items.count
  }

  // MARK: - Freshness

  /// Thu 2024-02-15 is E's last row; L runs to Wed 2024-02-21 (Mon 02-19 missing: a holiday).
  private func staleSession() -> Session {
    Session(
      dataset: dataset([
        "E": [("2024-02-14", 10), ("2024-02-15", 11)],
        "L": [("2024-02-14", 1), ("2024-02-15", 2), ("2024-02-16", 3), ("2024-02-20", 4), ("2024-02-21", 5)],
      ]))
  }

  func testCalendarCountsSessionsThenWeekdaysAfterTheLastOne() {
    let calendar = staleSession().interpreter.dataset.calendar
    XCTAssertEqual(calendar.sessions.days.map(CivilDate.iso).last, "2024-02-21")
    XCTAssertEqual(calendar.tradingDays(after: day("2024-02-15"), through: day("2024-02-21")), 3)
    XCTAssertEqual(calendar.tradingDays(after: day("2024-02-16"), through: day("2024-02-19")), 0)
    // After the last session (Wed 02-21): Thu, Fri, Mon, Tue count; the weekend does not.
    XCTAssertEqual(calendar.tradingDays(after: day("2024-02-21"), through: day("2024-02-27")), 4)
    XCTAssertEqual(calendar.tradingDays(after: day("2024-02-21"), through: day("2024-03-20")), 20)
    XCTAssertFalse(calendar.isStale(last: day("2024-02-16"), asOf: day("2024-02-19")))
    XCTAssertTrue(calendar.isStale(last: day("2024-02-15"), asOf: day("2024-02-16")))
    XCTAssertEqual(calendar.staleSymbols(tradingDays: 2).map(\.symbol), ["E"])
    XCTAssertEqual(calendar.staleSymbols(tradingDays: 3).map(\.symbol), [])
  }

  func testValuesAfterTheLastDateAreMissingOnceATradingDayPasses() throws {
    let s = staleSession()
    XCTAssertEqual(try number(s, "E[2024-02-15]"), 11)
    XCTAssertTrue(try number(s, "E[2024-02-16]").isNaN, "a session of the dataset after E's last row")
    XCTAssertTrue(try number(s, "at(E, 2024-02-21)").isNaN)
    XCTAssertTrue(try number(s, "E.at(2024-03-01)").isNaN)
    // L's last row is Wed 02-21; Sat 02-24 has no weekday between: still fresh.
    XCTAssertEqual(try number(s, "L[2024-02-18]"), 3, "a weekend inside the data")
    XCTAssertEqual(try number(s, "L[2024-02-19]"), 3, "a holiday: no session, not stale")
    XCTAssertTrue(try number(s, "L[2024-02-22]").isNaN, "a weekday after the dataset's last session")
    guard case .date(let last) = try s.evaluate("E.lastdate()") else { return XCTFail("not a date") }
    XCTAssertEqual(CivilDate.iso(last), "2024-02-15")
  }

  func testBundledRussellAfterItsLastDateIsMissing() throws {
    let s = try bundledSession()
    guard case .date(let last) = try s.evaluate("`^RUT`.lastdate()") else { return XCTFail("not a date") }
    XCTAssertEqual(CivilDate.iso(last), "2026-09-17")  // a Thursday; AMZN, TSLA go on
    XCTAssertTrue(try number(s, "`^RUT`[2026-09-30]").isNaN)
    XCTAssertTrue(try number(s, "`^RUT`[2026-09-19]").isNaN, "Friday 2026-09-18 was a session")
    XCTAssertFalse(try number(s, "`^RUT`[\(CivilDate.iso(last))]").isNaN)
    // NVDA ends on Friday 2026-08-21: the weekend right after is fresh.
    XCTAssertFalse(try number(s, "NVDA[2026-08-23]").isNaN, "the weekend right after is fresh")
    XCTAssertTrue(try number(s, "NVDA[2026-08-24]").isNaN)
  }

  func testPerfNotesStaleMembersAndRendersTheNote() throws {
    let s = try bundledSession()
    // as of 2026-09-02 (SPY's and QQQ's last date); NVDA ends 2026-08-21.
    guard case .table(let t) = try s.evaluate("perf([NVDA, SPY, QQQ])") else {
      return XCTFail("not a table")
    }
    XCTAssertEqual(t.notes.count, 1)
    XCTAssertTrue(t.notes[0].contains("missing as of 2026-09-02"), t.notes[0])
    XCTAssertTrue(t.notes[0].contains("NVDA (ends 2026-08-21)"), t.notes[0])
    let nvda = t.columns.map { $0.numbers?[2] ?? 0 }
    XCTAssertTrue(nvda.allSatisfy(\.isNaN), "NVDA's cells are missing, not 0.00%")
    XCTAssertTrue(TextRenderer.table(t).contains("\nnote: missing as of"))
    XCTAssertTrue(JSONRenderer.table(t).contains(#""notes":["missing as of"#))
    XCTAssertFalse(CSVRenderer.render(.table(t)).contains("note"))
  }

  func testChangeWithAPeriodEqualsPerfsColumn() throws {
    let s = try bundledSession()
    for symbol in ["SPY", "XLK", "NVDA", "IWM"] {
      for period in ["1w", "1mo", "3mo", "ytd", "1y"] {
        let change = try number(s, "\(symbol).change(\(period))")
        guard case .table(let t) = try s.evaluate("perf([\(symbol)], \(period))"),
          let cell = t.columns.first?.numbers?.first
        else { return XCTFail("perf did not give a table") }
        XCTAssertEqual(100 * change, cell, accuracy: 1e-9, "\(symbol) \(period)")
      }
    }
    // The old idiom leaves the first day's move out: it differs.
    XCTAssertNotEqual(try number(s, "SPY.change(ytd)"), try number(s, "SPY.last(ytd).change()"))
    XCTAssertEqual(try number(s, "SPY.change()"), try number(s, "SPY.since(1900-01-01).change()"))
    XCTAssertThrowsError(try s.evaluate("SPY.change(5)")) { error in
      XCTAssertEqual(
        (error as? Diagnostic)?.message, "change: argument 'period' must be a duration such as 3mo, 1y or ytd"
      )
    }
  }

  // MARK: - Membership

  func testMembershipParserReadsSpellsAndLocatesErrors() throws {
    let text =
      "symbol,start_date,end_date,has_prices\nA,2019-01-02,2020-06-30,1\nB,2018-01-02,,0\nA,2021-01-04,,1\n"
    let m = try Membership.parse(text, name: "m.csv")
    XCTAssertEqual(m.spells["A"]?.count, 2)
    XCTAssertTrue(m.isMember("A", on: day("2020-06-30")), "the end date counts as a member day")
    XCTAssertFalse(m.isMember("A", on: day("2020-07-01")))
    XCTAssertTrue(m.isMember("B", on: day("2030-01-01")), "an empty end date is an open spell")
    XCTAssertEqual(m.members(on: day("2019-06-03")), ["A", "B"])
    XCTAssertEqual(CivilDate.iso(m.lastChange), "2021-01-04")
    func error(_ text: String) -> String {
      do throws(Diagnostic) {
        _ = try Membership.parse(text, name: "m.csv")
        return "no error"
      } catch { return error.message }
    }
    XCTAssertEqual(error(""), "m.csv:1:1: the membership file is empty")
    XCTAssertEqual(
      error("sym,start\n"), "m.csv:1:1: expected the header symbol,start_date,end_date, got 'sym,start'")
    XCTAssertEqual(
      error("symbol,start_date,end_date\nA,2019-13-02,\n"),
      "m.csv:2:3: start_date '2019-13-02' is not a date (YYYY-MM-DD)")
    XCTAssertEqual(
      error("symbol,start_date,end_date\nAB,2019-01-02,2018-01-02\n"),
      "m.csv:2:15: end_date 2018-01-02 is before start_date 2019-01-02")
    XCTAssertEqual(error("symbol,start_date,end_date\nA,2019-01-02\n"), "m.csv:2:1: expected 3 fields, got 2")
    XCTAssertEqual(
      error("symbol,start_date,end_date\nA,2019-01-02,\nA,2020-01-02,2020-02-03\n"),
      "m.csv:3:1: A's spell 2020-01-02 .. overlaps its earlier spell from 2019-01-02")
  }

  func testTheEmbeddedHistoryParses() throws {
    let m = try Membership.embedded()
    XCTAssertEqual(m.spells.values.reduce(0) { $0 + $1.count }, 666)
    XCTAssertTrue(m.isMember("AAPL", on: day("2019-01-02")))
    XCTAssertEqual(m.spells["EQT"]?.count, 2)
  }

  func testUniverseAtADateIsPointInTime() throws {
    let s = try bundledSession()
    let now = try count(s, "universe()")
    let then = try count(s, "universe(at=2019-01-02)")
    XCTAssertNotEqual(then, now)
    XCTAssertTrue((400...505).contains(then), "\(then) members with prices on 2019-01-02")
    XCTAssertEqual(try count(s, "universe(at=2019-01-02).filter(x => x.lastdate() >= 2019-01-02)"), then)
    let plain = Session(dataset: dataset(["A": [("2024-01-02", 1)]]))
    XCTAssertThrowsError(try plain.evaluate("universe(at=2024-01-02)"))
    XCTAssertThrowsError(try plain.evaluate("pct_above([A], 2, pit=true)"))
  }

  func testPitCountsEachMemberOnlyWhileInTheIndex() throws {
    // A: member from 01-04; B: member until 01-03; C: never. Both rise every day.
    let m = Membership(
      spells: ["A": [day("2024-01-04")...Int32.max], "B": [day("2024-01-01")...day("2024-01-03")]],
      lastChange: day("2024-01-04"))
    let closes: [(String, Double)] = [
      ("2024-01-02", 1), ("2024-01-03", 2), ("2024-01-04", 3), ("2024-01-05", 4),
    ]
    let s = Session(dataset: dataset(["A": closes, "B": closes, "C": closes], membership: m))
    let all = try XCTUnwrap(try s.evaluate("advancers([A, B, C])").asSeries)
    let pit = try XCTUnwrap(try s.evaluate("advancers([A, B, C], pit=true)").asSeries)
    XCTAssertEqual(all.values.dropFirst().map { $0 }, [3, 3, 3])
    XCTAssertEqual(pit.values.dropFirst().map { $0 }, [1, 1, 1], "B on 01-03, then A on 01-04 and 01-05")
    let ew = try XCTUnwrap(try s.evaluate("equal_weight([A, B], pit=true)").asSeries)
    XCTAssertEqual(ew.values.count, 4)
    // The masked tally is cached apart from the unmasked one.
    let again = try XCTUnwrap(try s.evaluate("advancers([A, B, C])").asSeries)
    XCTAssertEqual(again.values.dropFirst().map { $0 }, [3, 3, 3])
    XCTAssertThrowsError(try s.evaluate("advancers([C], pit=true)"))
  }

  func testPitOnTheBundledUniverseDiffersFromToday() throws {
    let s = try bundledSession()
    let pit = try number(s, "pct_above(universe(), 200, pit=true)[2019-01-02]")
    let all = try number(s, "pct_above(universe(), 200)[2019-01-02]")
    XCTAssertFalse(pit.isNaN)
    XCTAssertNotEqual(pit, all)
  }
}

/// `.end` and `.start` are the fields of a series' last and first dates.
final class EndFieldTests: XCTestCase {
  func testEndAndStartAreTheSeriesDates() throws {
    let session = Session(dataset: try Dataset.embedded())
    guard case .date(let end) = try session.evaluate("SPY.end"),
      case .date(let last) = try session.evaluate("SPY.lastdate()"),
      case .date(let start) = try session.evaluate("ratio(RSP, SPY).start")
    else { return XCTFail("dates expected") }
    XCTAssertEqual(end, last)
    XCTAssertEqual(CivilDate.iso(start), "2003-05-01")
  }
}

/// perf's note on a large universe names the first stale members and counts the rest.
final class PerfNoteTests: XCTestCase {
  func testALongNoteIsCut() throws {
    let session = Session(dataset: try Dataset.embedded())
    guard case .table(let table) = try session.evaluate("perf(universe())") else {
      return XCTFail("a table")
    }
    let note = table.notes.first ?? ""
    XCTAssertEqual(note.components(separatedBy: " (ends ").count - 1, 12, note)
    XCTAssertTrue(note.contains(" more (x.lastdate() gives each one's end)"), note)
  }
}
