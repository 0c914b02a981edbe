@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorREPL
import RotorSyntax
import XCTest

/// The pure completion function, on a hand-made context backed by the bundled data.
final class CompletionTests: XCTestCase {
  static let files: [String: [CompletionContext.FileEntry]] = [
    "": [.init("Scripts", isDirectory: true), .init("README.md"), .init(".hidden")],
    "Scripts/": [
      .init("lib", isDirectory: true), .init("breadth.rotor"), .init("rotation-2024.rotor"),
      .init("rotation-2024.out"),
    ],
    "Scripts/lib/": [.init("breadth.rotor"), .init("rotation.rotor")],
    "data/": [.init("SPY.csv"), .init("notes.txt"), .init("etf", isDirectory: true)],
  ]

  var bindings: [String: Value] = [:]

  func context() throws -> CompletionContext {
    let data = try Dataset.embedded()
    let bound = bindings
    return CompletionContext(
      symbols: ["BRK.B", "NVDA", "QQQ", "SPY", "XLF", "XLK", "^RUT", "^VIX"],
      bindings: bound.mapValues(\.kind),
      metaCommands: ["help", "symbols", "data", "load", "time", "save", "reset", "quit"],
      value: { name in
        bound[name] ?? Builtin.named(name).map { .function(Callable.builtin($0)) }
          ?? data.bars(name).map { .bars($0) }
      },
      listDirectory: { Self.files[$0] ?? [] })
  }

  func complete(_ line: String, cursor: Int? = nil) throws -> [String] {
    Completion.complete(line: line, cursor: cursor ?? line.unicodeScalars.count, context: try context())
  }

  func analyze(_ line: String) throws -> Completion.Result {
    Completion.analyze(line: line, cursor: line.unicodeScalars.count, context: try context())
  }

  func testBuiltinsGoInWithTheirParenthesis() throws {
    XCTAssertEqual(try complete("rebas"), ["rebase("])
    XCTAssertEqual(try complete("x = drawdo"), ["drawdown("])
    XCTAssertEqual(try analyze("x = drawdo").start, 4)
    XCTAssertEqual(try analyze("x = drawdo").replacement, "drawdown(")
  }

  func testSymbolsIncludingBacktickOnes() throws {
    XCTAssertEqual(try complete("NVD"), ["NVDA"])
    XCTAssertEqual(try complete("nvd"), ["NVDA"], "case-insensitive when nothing matches exactly")
    XCTAssertEqual(try complete("`^R"), ["`^RUT`"])
    XCTAssertEqual(try complete("`^"), ["`^RUT`", "`^VIX`"])
    XCTAssertEqual(try complete("BRK"), ["`BRK.B`"], "a symbol that is not an identifier comes in backticks")
    XCTAssertEqual(try complete("ratio(XL"), ["XLF", "XLK"])
    XCTAssertEqual(try analyze("ratio(`^R").start, 6)
  }

  func testKeywordsBuiltinsBindingsAndFunctions() throws {
    bindings["rs"] = .series(try Dataset.embedded().bars("SPY")?.series ?? XCTUnwrap(nil))
    let session = Session(dataset: try Dataset.embedded())
    _ = try session.evaluate("fn rel(a, b) = ratio(a, b)")
    bindings["rel"] = session.interpreter.globals["rel"]
    let found = try complete("r")
    XCTAssertTrue(found.contains("rs"), "\(found)")
    XCTAssertTrue(found.contains("rel("), "\(found)")
    XCTAssertTrue(found.contains("ratio("), "\(found)")
    XCTAssertTrue(found.contains("rebase("), "\(found)")
    XCTAssertEqual(try complete("fals"), ["false"])
    XCTAssertEqual(try complete("rs.sm"), ["sma("])
    XCTAssertEqual(try complete("SPY.rel"), ["rel("], "user functions are methods too")
  }

  func testMethodsAfterADotAcceptTheReceiver() throws {
    XCTAssertEqual(try complete("SPY.sm"), ["sma("])
    XCTAssertEqual(try complete("`^RUT`.maxdr"), ["maxdrawdown("])
    let methods = try complete("SPY.")
    XCTAssertTrue(methods.contains("sma("))
    XCTAssertTrue(methods.contains("drawdown("))
    XCTAssertFalse(methods.contains("universe("), "universe takes no receiver")
    let accepted = Builtin.all.filter { $0.acceptsReceiver(.bars) }.map { $0.name + "(" }
    XCTAssertEqual(Set(methods.filter { $0.hasSuffix("(") }), Set(accepted))
  }

  func testFieldsOfBarsAndTables() throws {
    XCTAssertEqual(try complete("SPY.cl"), ["close"])
    XCTAssertTrue(try complete("SPY.").contains("volume"))
    XCTAssertEqual(try complete("`^RUT`.hi"), ["high", "highest("])
    let session = Session(dataset: try Dataset.embedded())
    bindings["m"] = try session.evaluate("macd(SPY)")
    XCTAssertEqual(try complete("m.hi"), ["hist"])
    XCTAssertTrue(try complete("m.").contains("signal"))
  }

  func testTheReceiverOfACallChainIsTypedByTheBuiltinNotEvaluated() throws {
    XCTAssertEqual(try complete("ratio(RSP, SPY).sm"), ["sma("])
    XCTAssertEqual(try complete("SPY.sma(50).maxd"), ["maxdrawdown("])
    let afterNumber = try complete("SPY.maxdrawdown().")
    XCTAssertFalse(afterNumber.contains("sma("), "a number has no moving average: \(afterNumber)")
    // A reduction of a series is a number; of a list of series, a series.
    let afterMean = try complete("SPY.mean().")
    XCTAssertFalse(afterMean.contains("sma("), "mean of a series is a number: \(afterMean)")
    XCTAssertTrue(try complete("mag7.mean().sm").contains("sma("), "mean of a list is a series")
    XCTAssertTrue(try complete("SPY.close.sm").contains("sma("), "a bars field is a series")
    XCTAssertTrue(try complete("SPY[2024-01-02 ..].sm").contains("sma("), "a range keeps the kind")
    XCTAssertEqual(try complete("FOO.sm"), [], "an unknown receiver offers nothing")
    XCTAssertEqual(try complete("(SPY / QQQ).sm"), ["sma("], "an unknown kind offers every method")
  }

  func testNothingInNumbersCommentsAndPlainStrings() throws {
    XCTAssertEqual(try complete("1.5"), [])
    XCTAssertEqual(try complete("2024-01-0"), [])
    XCTAssertEqual(try complete("SPY # sm"), [])
    XCTAssertEqual(try complete("print(\"sm"), [])
    XCTAssertEqual(try complete(""), [])
    XCTAssertEqual(try complete("x[2024-01-02 .."), [])
  }

  func testMetaCommands() throws {
    XCTAssertEqual(try complete(":he"), [":help"])
    XCTAssertEqual(try complete(":s"), [":save", ":symbols"])
    XCTAssertEqual(try complete(":").count, 8)
    XCTAssertEqual(try complete(":help sm"), ["sma"])
    XCTAssertEqual(try complete(":help :sa"), [":save"])
    XCTAssertEqual(try complete(":h drawd"), ["drawdown"], "a unique prefix names the command")
    XCTAssertEqual(try complete(":symbols ^"), ["^RUT", "^VIX"])
    XCTAssertEqual(try complete(":time SPY.sm"), ["sma("])
  }

  func testPathsInStringsAfterUseAndImportAndInCommands() throws {
    XCTAssertEqual(try complete("import \"Scr"), ["Scripts/"])
    XCTAssertEqual(try complete("import \"Scripts/li"), ["Scripts/lib/"])
    XCTAssertEqual(try complete("import \"Scripts/lib/br"), ["Scripts/lib/breadth.rotor\""])
    XCTAssertEqual(
      try complete("import \"Scripts/rot"), ["Scripts/rotation-2024.rotor\""], "other extensions are left out"
    )
    XCTAssertEqual(try complete("use \"data/"), ["data/SPY.csv\"", "data/etf/"])
    XCTAssertEqual(try complete(":load Scripts/b"), ["Scripts/breadth.rotor"])
    XCTAssertEqual(try complete(":data data/e"), ["data/etf/"])
    XCTAssertEqual(try complete(":load "), ["Scripts/"], "dot files need a typed dot")
    XCTAssertEqual(try analyze("import \"Scripts/li").start, 8)
    XCTAssertEqual(try analyze("import \"Scripts/lib/").display, ["breadth.rotor", "rotation.rotor"])
  }

  func testCursorInTheMiddleOfTheLine() throws {
    XCTAssertEqual(try complete("SPY.sm + 1", cursor: 6), ["sma("])
    XCTAssertEqual(try complete("é = NVD", cursor: 7), ["NVDA"], "offsets count Unicode scalars")
  }

  func testReplacementIsTheUniqueCandidateOrALongerCommonPrefix() throws {
    XCTAssertEqual(try analyze("SPY.cr").replacement, "cross")
    XCTAssertNil(try analyze("SPY.max").replacement, "max( and maxdrawdown( are listed")
    XCTAssertEqual(try analyze("SPY.max").display, ["max", "maxdrawdown"])
    XCTAssertEqual(try analyze("xl").replacement, "XL", "case is corrected")
  }

  func testLiveContextSeesSessionBindingsAndLastValue() throws {
    let session = Session(dataset: try Dataset.embedded())
    session.run(.init(name: "<t>", text: "spread_rs = ratio(RSP, SPY)\nSPY"))
    let context = CompletionContext.live(session, metaCommands: ["help"])
    XCTAssertEqual(Completion.complete(line: "spread_", cursor: 7, context: context), ["spread_rs"])
    XCTAssertEqual(Completion.complete(line: "_.cl", cursor: 4, context: context), ["close"])
    XCTAssertTrue(Completion.complete(line: "mag", cursor: 3, context: context).contains("mag7"))
  }

  func testColumnsFillTopToBottom() {
    XCTAssertEqual(Columns.layout(["a", "bb", "c", "d", "e"], width: 12), ["a   c   e", "bb  d"])
    XCTAssertEqual(Columns.layout(["alpha", "beta"], width: 3), ["alpha", "beta"])
    XCTAssertEqual(Columns.layout([], width: 80), [])
  }
}
