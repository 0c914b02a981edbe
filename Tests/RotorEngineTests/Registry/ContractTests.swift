import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine

/// The typed parts of a built-in's contract: return kinds, named options, effects, and the
/// interruption error.
final class ContractTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func session() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load"))
  }

  private func message(_ text: String) throws -> String {
    do {
      _ = try session().evaluate(text)
      return ""
    } catch let error as Diagnostic {
      return error.message
    }
  }

  func testSelectionsReturnTablesToo() throws {
    for name in ["since", "until", "between", "head", "tail", "first", "last"] {
      XCTAssertTrue(try XCTUnwrap(Builtin.named(name)).returns.contains(.table), name)
    }
    XCTAssertEqual(Builtin.named("since")?.signature, "since(x, d) -> series | table")
    guard case .table = try session().evaluate("macd(SPY).since(2024-01-01)") else {
      return XCTFail("since of a time table is a table")
    }
  }

  func testPlotOptionsAreBoundAndChecked() throws {
    let plot = try XCTUnwrap(Builtin.named("plot"))
    XCTAssertEqual(plot.options.map(\.name), ["title", "scale", "panels", "tail"])
    XCTAssertEqual(plot.signature, "plot(..., title=\"\", scale=\"auto\", [panels], [tail]) -> chart")
    XCTAssertEqual(try message("plot(SPY, title=3)"), "plot: argument 'title' must be a string, got number")
    XCTAssertEqual(
      try message("plot(SPY, tail=1.5)"), "plot: argument 'tail' must be a whole number, got 1.5")
    XCTAssertEqual(try message("plot(SPY, title=\"a\", title=\"b\")"), "argument 'title' given twice")
    guard case .chart(let chart) = try session().evaluate("plot(SPY.last(1y), title=\"t\")") else {
      return XCTFail("not a chart")
    }
    XCTAssertEqual(chart.title, "t")
  }

  func testAnOptionIsNamedOnlyAndSuggested() throws {
    var binder = Builtin(
      "demo", params: [Builtin.Param("x", .number)],
      options: [Builtin.Param("width", .window, default: .value(.number(3)))],
      returns: [.number], effects: .pure, category: .reduction, summary: "s", formula: "f", example: "e"
    ) { args, _ in .number(try args.number("x") * Double(try args.window("width"))) }
    XCTAssertThrowsError(try Binder.bind(binder, [(nil, .number(1)), (nil, .number(2))])) { error in
      XCTAssertTrue((error as? Diagnostic)?.message.contains("too many arguments") ?? false, "\(error)")
    }
    XCTAssertThrowsError(try Binder.bind(binder, [(nil, .number(1)), ("widht", .number(2))])) { error in
      XCTAssertTrue((error as? Diagnostic)?.notes.contains { $0.contains("width") } ?? false, "\(error)")
    }
    let bound = try Binder.bind(binder, [(nil, .number(1)), ("width", .number(2))])
    XCTAssertEqual(try bound.window("width"), 2)
    binder = Builtin(
      binder.name, params: binder.params, options: binder.options, returns: binder.returns,
      effects: binder.effects, category: binder.category, summary: "s", formula: "f", example: "e",
      body: binder.body)
    XCTAssertEqual(try Binder.bind(binder, [(nil, .number(1))]).window("width"), 3)
  }

  func testEffectsDecidePurity() throws {
    for b in Builtin.all {
      let takesFunction = (b.params + b.options).contains { $0.kind == .function }
      if takesFunction { XCTAssertEqual(b.effects, .callsFunctions, b.name) }
      XCTAssertEqual(Interpreter.isPure(b), b.effects == .pure, b.name)
    }
    for name in ["map", "filter", "sort"] { XCTAssertEqual(Builtin.named(name)?.effects, .callsFunctions) }
    for name in ["print", "plot", "save"] { XCTAssertEqual(Builtin.named(name)?.effects, .io, name) }
    XCTAssertEqual(Builtin.named("describe")?.effects, .pure)
  }

  func testInterruptionIsItsOwnKindOfError() throws {
    let s = try session()
    s.interpreter.isInterrupted = { true }
    XCTAssertThrowsError(try s.evaluate("map(sectors, x => x.sma(20).last())")) { error in
      XCTAssertTrue((error as? Diagnostic)?.isInterruption ?? false, "\(error)")
    }
    XCTAssertFalse(Diagnostic("interrupted").isInterruption, "a message is not an interruption")
    XCTAssertTrue(Diagnostic.interrupted.isInterruption)
  }
}
