@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

/// Transforms and selections: argument errors, call forms and display names, and the
/// calendar and row edge cases that the reference fixtures do not cover.
final class TransformTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func session() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load"))
  }

  private func evaluate(_ text: String) throws -> Value {
    try session().evaluate(text)
  }

  private func series(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Series {
    let value = try evaluate(text)
    return try XCTUnwrap(value.asSeries, "\(text) gave \(value.kind)", file: file, line: line)
  }

  private func number(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
    guard case .number(let v) = try evaluate(text) else {
      XCTFail("\(text) is not a number", file: file, line: line)
      return .nan
    }
    return v
  }

  /// The message of the error `text` raises.
  private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let s = try session()
    do {
      let value = try s.evaluate(text)
      XCTFail("\(text) gave \(value.kind), expected an error", file: file, line: line)
      return ""
    } catch {
      return error.message
    }
  }

  // MARK: - Argument errors

  func testWindowMustBeAWholeNumberAtLeastOne() throws {
    XCTAssertEqual(try error("sma(SPY, 0)"), "sma: argument 'n' must be a whole number ≥ 1, got 0")
    XCTAssertEqual(try error("sma(SPY, 2.5)"), "sma: argument 'n' must be a whole number ≥ 1, got 2.5")
    XCTAssertEqual(try error("ema(SPY, -3)"), "ema: argument 'n' must be a whole number ≥ 1, got -3")
    XCTAssertEqual(try error("stdev(SPY, n=0)"), "stdev: argument 'n' must be a whole number ≥ 1, got 0")
    XCTAssertEqual(try error("roc(SPY, 1.5)"), "roc: argument 'n' must be a whole number ≥ 1, got 1.5")
    XCTAssertEqual(try error("lag(SPY, 0.5)"), "lag: argument 'n' must be a whole number, got 0.5")
  }

  func testMissingAndWrongArguments() throws {
    XCTAssertEqual(try error("roc(SPY)"), "roc: missing argument 'n'")
    XCTAssertEqual(
      try error("where(1, SPY, 0)"),
      "where: argument 'c' must be a condition (true, false or a bool series), got the number 1")
    XCTAssertTrue(try error("where(SPY, 1, 0)").hasPrefix("where: argument 'c' must be a condition"))
    XCTAssertEqual(try error("head(SPY, -1)"), "head: argument 'n' must be a whole number ≥ 0, got -1")
    XCTAssertEqual(try error("tail(SPY, -2)"), "tail: argument 'n' must be a whole number ≥ 0, got -2")
    XCTAssertEqual(try error("between(SPY, 2024-01-02)"), "between: missing argument 'd2'")
    XCTAssertEqual(try error("until(SPY, 5)"), "until: argument 'd' must be a date, got number")
    XCTAssertTrue(
      try error("rebase(SPY, at=1990-01-02)").hasPrefix("rebase: argument 'at' is before the first value"))
  }

  // MARK: - Call forms and names

  func testUniformCallSyntaxAndNamedArguments() throws {
    let method = try series("SPY.ema(n=20)")
    let call = try series("ema(SPY, 20)")
    XCTAssertEqual(method.values.count, call.values.count)
    XCTAssertTrue(zip(method.values, call.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    XCTAssertEqual(try number("SPY.rebase(base=1).first()"), 1)
    XCTAssertEqual(try number("rebase(x=SPY, base=10).first()"), 10)
  }

  func testDisplayNamesComeFromTheCall() throws {
    XCTAssertEqual(try series("ratio(RSP, SPY).sma(50)").name, "sma(ratio(RSP,SPY),50)")
    XCTAssertEqual(try series("SPY.ret()").name, "ret(SPY)")
    XCTAssertEqual(try series("SPY.roc(10)").name, "roc(SPY,10)")
    XCTAssertEqual(try series("SPY.ema(n=20)").name, "ema(SPY,n=20)")
    XCTAssertEqual(try series("IWM.drawdown()").name, "drawdown(IWM)")
    // Selections keep the name of what they select from.
    XCTAssertEqual(try series("ratio(RSP, SPY).since(2025-01-02).head(3)").name, "ratio(RSP,SPY)")
    XCTAssertEqual(try series("SPY.ret().first(1mo)").name, "ret(SPY)")
  }

  // MARK: - Selections

  func testFirstWithACalendarSpanTakesTheRowsBeforeFirstDatePlusSpan() throws {
    let x = try series("SPY.since(2025-01-02).first(1mo)")
    XCTAssertEqual(x.index.days.first.map(CivilDate.iso), "2025-01-02")
    XCTAssertEqual(x.index.days.last.map(CivilDate.iso), "2025-01-31")  // rows before 2025-02-02
    let weeks = try series("SPY.since(2025-01-02).first(1w)")
    XCTAssertEqual(
      weeks.index.days.map(CivilDate.iso),
      ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08"])
    let ytd = try series("SPY.since(2025-06-02).first(ytd)")
    XCTAssertEqual(ytd.index.days.last.map(CivilDate.iso), "2025-12-31")
    XCTAssertEqual(try series("SPY.first(0)").count, 0)
    XCTAssertEqual(try number("SPY.since(2025-01-02).first()"), try number("SPY.at(2025-01-02)"))
  }

  func testHeadAndTailLongerThanTheSeriesGiveTheWholeSeries() throws {
    let whole = try series("SPY.since(2026-06-01)")
    XCTAssertEqual(try series("SPY.since(2026-06-01).head(100000)").index.days, whole.index.days)
    XCTAssertEqual(try series("SPY.since(2026-06-01).tail(100000)").index.days, whole.index.days)
    XCTAssertEqual(try series("SPY.head(0)").count, 0)
    XCTAssertEqual(try series("SPY.tail(0)").count, 0)
    XCTAssertEqual(try series("SPY.tail(3)").index.days, Array(try series("SPY").index.days.suffix(3)))
  }

  func testBetweenWithDatesReversedIsEmpty() throws {
    XCTAssertEqual(try series("SPY.between(2025-02-01, 2025-01-01)").count, 0)
  }

  // MARK: - Transforms beyond the fixtures

  func testRebaseAtADateUsesTheValueAsOfThatDate() throws {
    // 2024-06-22 is a Saturday: the value as of then is Friday's close.
    let r = try series("rebase(SPY, at=2024-06-22)")
    let friday = try XCTUnwrap(CivilDate.days(year: 2024, month: 6, day: 21))
    let i = try XCTUnwrap(r.index.days.firstIndex(of: friday))
    XCTAssertEqual(r.values[i], 100, accuracy: 1e-12)
    XCTAssertEqual(
      try number("rebase(SPY, 1, 2024-06-21).at(2024-06-24)"),
      try number("SPY.at(2024-06-24) / SPY.at(2024-06-21)"), accuracy: 1e-12)
  }

  func testWhereAlignsOnTheDatesOfAllItsSeries() throws {
    let w = try series("where(SPY > 500, SPY.since(2025-01-02), RSP.until(2025-06-30))")
    XCTAssertEqual(w.index.days.first.map(CivilDate.iso), "2025-01-02")
    XCTAssertEqual(w.index.days.last.map(CivilDate.iso), "2025-06-30")
    XCTAssertTrue(w.name.hasPrefix("where("))
    let flag = try series("where(SPY > SPY.sma(200), true, false)")
    XCTAssertTrue(flag.isBool)
    XCTAssertTrue(try series("lag(SPY > SPY.sma(200))").isBool)
    XCTAssertTrue(try series("fill(SPY > SPY.sma(200))").isBool)
    // A condition computed into 0/1 values (not marked bool) is accepted too.
    XCTAssertEqual(try series("where((SPY > 500) * 1, 1, 0)").count, try series("SPY").count)
    XCTAssertFalse(try series("where(lag(SPY > SPY.sma(200)), SPY.ret(), 0)").values.isEmpty)
  }

  func testElementwiseFunctionsAcceptNumbers() throws {
    XCTAssertEqual(try number("sqrt(252)"), 252.0.squareRoot())
    XCTAssertEqual(try number("abs(-2)"), 2)
    XCTAssertEqual(try number("log(1)"), 0)
    XCTAssertEqual(try number("exp(0)"), 1)
  }

  func testDropnaShrinksTheDatesAndFillKeepsThem() throws {
    let x = try series("where(SPY > SPY.sma(200), SPY, SPY * 0 / 0).since(2025-01-02)")
    let dropped = try series("where(SPY > SPY.sma(200), SPY, SPY * 0 / 0).since(2025-01-02).dropna()")
    XCTAssertEqual(dropped.count, x.values.filter { !$0.isNaN }.count)
    XCTAssertLessThan(dropped.count, x.count)
    XCTAssertEqual(
      try series("where(SPY > SPY.sma(200), SPY, SPY * 0 / 0).since(2025-01-02).fill()").count, x.count)
  }

  // MARK: - Examples

  /// Every transform and selection example shows a value: a present number or a non-empty series.
  func testExamplesShowSomething() throws {
    let names = [
      "abs", "between", "cumsum", "diff", "drawdown", "dropna", "ema", "exp", "fill", "first",
      "head", "highest", "lag", "log", "logret", "lowest", "rebase", "ret", "roc", "spread",
      "sqrt", "stdev", "tail", "until", "where", "wma",
    ]
    for name in names {
      let builtin = try XCTUnwrap(Builtin.named(name), "\(name) is not registered")
      let value: Value
      do {
        value = try evaluate(builtin.example)
      } catch {
        XCTFail("\(name): \(builtin.example): \(error)")
        continue
      }
      switch value {
      case .number(let v): XCTAssertFalse(v.isNaN, "\(name): \(builtin.example) is missing")
      case .series(let s):
        XCTAssertTrue(s.values.contains { !$0.isNaN }, "\(name): \(builtin.example) is empty")
      default: XCTFail("\(name): \(builtin.example) gave \(value.kind)")
      }
    }
  }
}
