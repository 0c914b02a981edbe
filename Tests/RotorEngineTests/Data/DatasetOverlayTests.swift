import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData

/// `Dataset.overlaid(by:)`: the upper layer's symbols replace the lower's whole.
final class DatasetOverlayTests: XCTestCase {
  func bars(_ symbol: String, _ days: [Int32], _ values: [Double]) -> Bars {
    Bars(symbol: symbol, index: DateIndex(days), fields: [.close: values])
  }

  func testAnUpperSymbolReplacesTheLowerOneWhole() throws {
    let lower = Dataset(
      bars: [bars("SPY", [1, 2, 3, 4], [1, 2, 3, 4]), bars("QQQ", [1, 2], [5, 6])],
      constituents: [Constituent(symbol: "QQQ", name: "Q", sector: "S")])
    let upper = Dataset(bars: [bars("SPY", [3, 9], [30, 90]), bars("IWM", [5], [7])])
    let both = lower.overlaid(by: upper)
    XCTAssertEqual(both.symbols, ["IWM", "QQQ", "SPY"])
    let spy = try XCTUnwrap(both.bars("SPY"))
    XCTAssertEqual(spy.index.days, [3, 9], "not merged date by date")
    XCTAssertEqual(spy.fields[.close], [30, 90])
    XCTAssertEqual(both.bars("QQQ")?.fields[.close], [5, 6])
    XCTAssertTrue(both.contains("IWM"))
    XCTAssertFalse(both.contains("DIA"))
    XCTAssertEqual(both.rowCount, 2 + 1 + 2, "the lower SPY's rows do not count")
    XCTAssertEqual(both.dateRange, 1...9)
    XCTAssertEqual(both.constituents.map(\.symbol), ["QQQ"], "the lower's constituents when upper has none")
    XCTAssertNotEqual(both.fingerprint, lower.fingerprint)
  }

  func testConstituentsComeFromTheUpperLayerWhenItHasThem() {
    let lower = Dataset(
      bars: [bars("A", [1], [1]), bars("B", [1], [1])],
      constituents: [Constituent(symbol: "A", name: "", sector: "")])
    let upper = Dataset(
      bars: [bars("B", [2], [2])], constituents: [Constituent(symbol: "B", name: "", sector: "")])
    XCTAssertEqual(lower.overlaid(by: upper).universe, ["B"])
  }

  func testTheDateRangeLeavesOutReplacedLowerSymbols() {
    let lower = Dataset(bars: [bars("OLD", [1, 100], [1, 2]), bars("K", [50, 60], [1, 2])])
    let upper = Dataset(bars: [bars("OLD", [40, 70], [1, 2])])
    XCTAssertEqual(lower.overlaid(by: upper).dateRange, 40...70)
  }

  func testAnEmptyUpperLayerLeavesTheDatasetAsItIs() {
    let lower = Dataset(bars: [bars("A", [1], [1])])
    XCTAssertTrue(lower.overlaid(by: Dataset(bars: [])) === lower)
  }

  func testTheBundledDataOverlaidKeepsItsOtherSymbolsLazy() throws {
    let bundled = try Dataset.openEmbedded()
    let spy = bars("SPY", [20000, 20001], [1, 2])
    let both = bundled.overlaid(by: Dataset(bars: [spy]))
    XCTAssertEqual(both.symbols.count, bundled.symbols.count)
    XCTAssertEqual(both.bars("SPY")?.index.count, 2)
    XCTAssertEqual(both.bars("XLK")?.index.count, bundled.bars("XLK")?.index.count)
    XCTAssertEqual(both.rowCount, bundled.rowCount - (bundled.bars("SPY")?.index.count ?? 0) + 2)
  }
}

/// A damaged symbol of the upper layer is an error, not the lower layer's bars.
final class DatasetOverlayDamageTests: XCTestCase {
  func testADamagedUpperSymbolDoesNotFallBackToTheLowerOne() throws {
    let temp = TempFolder()
    let store = try LocalStore.open(temp.path)
    try store.commit(Bars(symbol: "SPY", index: DateIndex([20000]), fields: [.close: [1]]), source: "yahoo")
    let file = try XCTUnwrap(store.manifest.entries["SPY"]?.file)
    temp.write("symbols/" + file, "garbage")
    let both = try Dataset.openEmbedded().overlaid(by: store.dataset())
    XCTAssertNil(both.bars("SPY"))
    XCTAssertTrue(try XCTUnwrap(both.problem("SPY")).message.contains("local store file damaged"))
    XCTAssertNil(both.problem("QQQ"))
    XCTAssertNotNil(both.bars("QQQ"))
  }
}

/// A layered dataset judges freshness on both layers' sessions and each symbol's own layer.
final class LayeredCalendarTests: XCTestCase {
  func testALayeredDatasetKnowsEachSymbolsLastDate() throws {
    let day = CivilDate.unchecked(year: 2024, month: 7, day: 1)
    let mine = Dataset(
      bars: [Bars(symbol: "SPY", index: DateIndex([Int32(day)]), fields: [.close: [1]])],
      origin: "mine")
    let layered = try Dataset.embedded().overlaid(by: mine)
    let calendar = layered.calendar
    let last = Dictionary(uniqueKeysWithValues: zip(calendar.symbols, calendar.lastDates))
    XCTAssertEqual(last["SPY"] ?? nil, Int32(day), "SPY comes from the upper layer")
    XCTAssertEqual(
      last["QQQ"] ?? nil,
      try Dataset.embedded().calendar.lastDates[
        try Dataset.embedded().calendar.symbols.firstIndex(of: "QQQ") ?? 0])
    XCTAssertTrue(calendar.staleSymbols().contains { $0.symbol == "SPY" })
  }
}

/// The banner's quick count of symbols that end early agrees with the whole calendar's.
final class StaleCountTests: XCTestCase {
  func testTheQuickCountEqualsTheCalendarsCount() throws {
    for limit in [0, 1, 5, 20, 300] {
      let fresh = try Dataset.openEmbedded()
      let quick = fresh.staleSymbolCount(tradingDays: limit)
      XCTAssertEqual(quick, fresh.calendar.staleSymbols(tradingDays: limit).count, "limit \(limit)")
    }
    XCTAssertGreaterThan(try Dataset.openEmbedded().staleSymbolCount(tradingDays: 5), 500)
  }
}
