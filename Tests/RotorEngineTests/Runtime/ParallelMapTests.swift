import Foundation
import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// `map` over a long list with a pure function runs on all cores: the same results, labels
/// and errors as one item after the other.
final class ParallelMapTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func session() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load"))
  }

  /// The items of `map(...)` evaluated through the session, and the same items computed
  /// one call at a time.
  private func both(_ list: String, _ function: String) throws -> (Value, [Value]) {
    let s = try session()
    let mapped = try s.evaluate("map(\(list), \(function))")
    guard case .list(let items, _) = try s.evaluate(list) else { throw XCTSkip("not a list") }
    let f = try s.evaluate(function)
    guard case .function(let fv) = f, let callable = fv as? Callable else { throw XCTSkip("not a function") }
    let one = try items.map { item in try CallContext(interpreter: s.interpreter).call(callable, [item]) }
    return (mapped, one)
  }

  private func assertSameValues(
    _ a: [Value], _ b: [Value], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) {
      switch (x, y) {
      case (.series(let s), .series(let t)):
        XCTAssertEqual(s.name, t.name, file: file, line: line)
        XCTAssertTrue(s.index.sameDates(as: t.index), file: file, line: line)
        XCTAssertEqual(bits(s.values), bits(t.values), s.name, file: file, line: line)
      case (.number(let u), .number(let v)):
        XCTAssertEqual(
          u.isNaN ? Double.nan.bitPattern : u.bitPattern, v.isNaN ? Double.nan.bitPattern : v.bitPattern)
      default:
        XCTAssertEqual(x.displayName, y.displayName, file: file, line: line)
      }
    }
  }

  func testPureFunctionsGiveTheSameResultsInOrder() throws {
    XCTAssertGreaterThanOrEqual(try XCTUnwrap(Self.dataset).universe.count, ParallelMap.minimumItems)
    for function in [
      "s => s.sma(200)", "s => ratio(s, SPY).sma(50)", "s => s.rsi(14).last()",
      "s => { x = s.highest(20); x.last() / s.last() }", "s => [s.last(), s.first()]",
      "s => s.close.last(3mo).change()",
    ] {
      let (mapped, one) = try both("universe()", function)
      guard case .list(let items, let labels) = mapped else { return XCTFail("not a list") }
      assertSameValues(items, one)
      XCTAssertEqual(labels, try XCTUnwrap(Self.dataset).universe.map { Bars.displayName(of: $0) }, function)
    }
  }

  func testPurity() throws {
    let s = try session()
    func pure(_ text: String) throws -> Bool {
      guard case .function(let fv) = try s.evaluate(text), let f = fv as? Callable else {
        throw XCTSkip("not a function")
      }
      return s.interpreter.isPure(f)
    }
    XCTAssertTrue(try pure("s => s.sma(200)"))
    XCTAssertTrue(try pure("s => { a = s.last(); b = s.first(); a / b - 1 }"))
    XCTAssertTrue(try pure("sma"))
    XCTAssertFalse(try pure("s => print(s)"))
    XCTAssertFalse(try pure("s => s.save(\"x.csv\")"))
    XCTAssertFalse(try pure("s => map([s], t => t)"), "calls a function: in order")
    XCTAssertFalse(try pure("print"))
    _ = try s.evaluate("fn f(x) = x.sma(5)")
    XCTAssertFalse(try pure("s => f(s)"), "user functions run in order")
    XCTAssertFalse(try pure("s => { sma = 3; s.sma(2) }"), "a local could shadow a built-in")
    XCTAssertFalse(try pure("(s, g = print) => g(s)"))
  }

  func testTheFirstFailingItemInListOrderIsReported() throws {
    let s = try session()
    // Items 3 and 30 fail (an index past the end); item 3's error is the one a sequential
    // map reports.
    let list = (1...40).map { k in k == 3 || k == 30 ? "999" : "\(k)" }.joined(separator: ", ")
    do throws(Diagnostic) {
      _ = try s.evaluate("map([\(list)], n => [1, 2, 3][n])")
      XCTFail("expected an error")
    } catch {
      XCTAssertTrue(error.notes.contains { $0.hasPrefix("in map, at item 3 of 40") }, "\(error.notes)")
    }
  }

  func testPrintingFunctionsRunInOrder() throws {
    let s = try session()
    var shown: [String] = []
    s.onShow = { shown.append($0.value.displayName) }
    let list = (1...40).map { "\($0)" }.joined(separator: ", ")
    XCTAssertEqual(s.run(SourceFile(name: "t", text: "x = map([\(list)], n => print(n * 2))")).count, 0)
    XCTAssertEqual(shown.count, 40)
    XCTAssertEqual(shown.map { $0.filter(\.isNumber) }, (1...40).map { "\(2 * $0)" }, "in list order")
  }
}
