import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorREPL
import RotorSyntax
import XCTest

/// The REPL core driven with scripted lines: meta-commands, errors, `_`, interrupts.
final class MetaCommandTests: XCTestCase {
  func testBannerNamesTheDatasetAndPointsToHelp() throws {
    let banner = try Harness().repl.banner
    XCTAssertTrue(banner.contains("Rotor \(RotorVersion.current)"), banner)
    XCTAssertTrue(banner.contains(try Dataset.embedded().summary), banner)
    XCTAssertTrue(banner.contains(":help"), banner)
  }

  func testBannerAndDataReportSymbolsThatEndEarly() throws {
    let h = try Harness()
    let stale = try Dataset.embedded().calendar.staleSymbols(tradingDays: 5)
    XCTAssertTrue(stale.contains { $0.symbol == "^RUT" && CivilDate.iso($0.last) == "2026-09-17" })
    XCTAssertFalse(stale.contains { $0.symbol == "AMZN" || $0.symbol == "TSLA" }, "they end last")
    XCTAssertTrue(
      h.repl.banner.contains("\(stale.count) symbols end over 5 trading days earlier (:data)"), h.repl.banner)
    h.run([":data"])
    XCTAssertTrue(
      h.out.contains("\(stale.count) symbols end more than 5 trading days before 2026-10-06"), h.out)
    XCTAssertTrue(h.out.contains("  2026-09-17  ^GSPC ^RUT\n"), h.out)
    XCTAssertTrue(h.out.contains("  2026-08-21  GOOGL META NVDA\n"), h.out)
    XCTAssertTrue(h.out.contains("  2026-08-12  MSFT\n"), h.out)
    XCTAssertTrue(h.out.contains("membership history of 663 symbols"), h.out)
  }

  func testHelpGroupsBuiltinsAndListsCommands() throws {
    let h = try Harness()
    h.run([":help"])
    for (category, builtins) in Builtin.byCategory {
      XCTAssertTrue(h.out.contains(category.rawValue), category.rawValue)
      for b in builtins { XCTAssertTrue(h.out.contains(b.name), b.name) }
    }
    for command in [":help", ":symbols", ":data", ":load", ":time", ":save", ":reset", ":quit"] {
      XCTAssertTrue(h.out.contains(command), command)
    }
  }

  func testHelpNameShowsTheContractAndRunsTheExample() throws {
    let h = try Harness()
    h.run([":help sma"])
    let sma = try XCTUnwrap(Builtin.named("sma"))
    XCTAssertTrue(h.out.contains(sma.signature), h.out)
    XCTAssertTrue(h.out.contains(sma.summary))
    func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    XCTAssertTrue(words(h.out).contains(words(sma.formula)), "lines are wrapped, words kept")
    XCTAssertTrue(words(h.out).contains(words(sma.explanation)))
    XCTAssertTrue(h.out.contains("example: \(sma.example)"))
    let session = Session(dataset: try Dataset.embedded())
    let value = try session.evaluate(sma.example)
    let lastLine = try XCTUnwrap(TextRenderer.render(value).split(separator: "\n").last)
    XCTAssertTrue(h.out.contains(lastLine), "the example's output is shown:\n\(h.out)")
    XCTAssertEqual(h.err, "")
  }

  func testHelpForEveryBuiltinRunsItsExampleWithoutErrors() throws {
    let h = try Harness()
    h.run(Builtin.all.map { ":help \($0.name)" })
    XCTAssertEqual(h.err, "")
  }

  func testHelpOnUnknownNamesAndCommands() throws {
    let h = try Harness()
    h.run([":help smaa", ":help :save", ":hlep", ":s", "1 + 1"])
    XCTAssertTrue(h.err.contains("no built-in named 'smaa' (did you mean 'sma'"), h.err)
    XCTAssertTrue(h.out.contains(":save FILE.md"), h.out)
    XCTAssertTrue(h.err.contains("unknown command ':hlep' (did you mean ':help'?)"), h.err)
    XCTAssertTrue(h.err.contains("unknown command ':s' (did you mean"), h.err)
    XCTAssertTrue(h.out.hasSuffix("2\n\n"), "the session goes on: \(h.out)")
  }

  func testSymbolsWithDatesAndRows() throws {
    let h = try Harness()
    h.run([":symbols ^RU*", ":symbols xlk"])
    let bars = try XCTUnwrap(try Dataset.embedded().bars("^RUT"))
    let first = try XCTUnwrap(bars.index.days.first)
    XCTAssertTrue(h.out.contains("`^RUT`"), h.out)
    XCTAssertTrue(h.out.contains(String(bars.index.count)), h.out)
    XCTAssertTrue(h.out.contains(Value.date(first).displayName), h.out)
    XCTAssertTrue(h.out.contains("XLK "), h.out)
    h.out = ""
    h.run([":symbols", ":symbols NOSUCHTHING"])
    XCTAssertTrue(h.out.contains("\(try Dataset.embedded().symbols.count) symbols"), h.out)
    XCTAssertTrue(h.err.contains("no symbol matches 'NOSUCHTHING'"), h.err)
  }

  func testDataShowsAndSwitchesTheDatasetAndReloadsThePrelude() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "date,close\n2024-01-02,1\n2024-01-03,2\n".write(
      to: folder.appendingPathComponent("AAPL.csv"), atomically: true, encoding: .utf8)
    let h = try Harness()
    h.run([":data", "x = 5", ":data \(folder.path)", ":data", "AAPL.last()", "mag7", "x"])
    XCTAssertTrue(h.out.contains("fingerprint \(try Dataset.embedded().fingerprint)"), h.out)
    XCTAssertTrue(h.out.contains("data: \(folder.path): 1 symbol, 2024-01-02 .. 2024-01-03\n"), h.out)
    XCTAssertEqual(h.repl.session.interpreter.dataset.symbols, ["AAPL"])
    XCTAssertTrue(h.out.hasSuffix("2\n[AAPL]\n5\n\n"), "AAPL, mag7 of one member, bindings kept: \(h.out)")
    XCTAssertEqual(h.err, "")
  }

  func testLoadTimeResetAndQuit() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("s.rotor")
    try "base = 10\nbase * 3\n".write(to: script, atomically: true, encoding: .utf8)
    let h = try Harness()
    let lines = ScriptedLines([
      ":load \(script.path)", ":time base + 1", ":reset", "base", "mag7", ":q", "never run",
    ])
    XCTAssertEqual(h.repl.loop(lines), 0)
    XCTAssertTrue(h.out.contains("30\n11\ntime: "), h.out)
    XCTAssertTrue(h.err.contains("unknown name 'base'"), h.err)
    XCTAssertTrue(h.out.contains("[AAPL, MSFT,"), "the prelude is back after :reset: \(h.out)")
    XCTAssertEqual(lines.inputs, [.line("never run")], ":q ends the loop")
  }

  func testTimeSplitsOutFirstUseDecoding() throws {
    // A freshly opened dataset decodes a column when it is first read, as `--time` shows.
    let h = try Harness(dataset: try Dataset.openEmbedded())
    h.run([":time XLU.volume.last()", ":time XLU.volume.last()"])
    let notes = h.out.split(separator: "\n").filter { $0.hasPrefix("time: ") }
    XCTAssertEqual(notes.count, 2, h.out)
    XCTAssertTrue(notes.first?.contains(" ms decode (first use)") ?? false, "first read: \(h.out)")
    XCTAssertFalse(notes.last?.contains("decode") ?? true, "already decoded: \(h.out)")
  }

  func testErrorsShowTheCaretAndNeverEndTheSession() throws {
    let h = try Harness()
    let lines = ScriptedLines(inputs: [
      .line("SPX.last()"), .line("ratio(RSP,, SPY)"), .line("1 +"), .line(""), .line("ratio(RSP,"),
      .line(""), .interrupted, .line("1 + 1"),
    ])
    XCTAssertEqual(h.repl.loop(lines), 0)
    XCTAssertTrue(h.err.contains("<repl>:1:1: error: unknown name 'SPX'\n  SPX.last()\n  ^~~\n"), h.err)
    XCTAssertTrue(h.err.contains("did you mean"), h.err)
    XCTAssertTrue(h.err.contains("ratio(RSP,, SPY)\n            ^"), h.err)
    XCTAssertTrue(
      h.err.contains("<repl>:1:3: error: expected an expression after '+'"),
      "an empty line after a trailing operator ends the chunk: \(h.err)")
    XCTAssertFalse(h.err.contains("never closed"), "inside a bracket it reads on; Ctrl-C abandons: \(h.err)")
    XCTAssertTrue(h.out.hasSuffix("^C\n2\n\n"), h.out)
  }

  func testPastedBlocksWithBlankLinesRunAsAScript() throws {
    let h = try Harness()
    let lines = ScriptedLines([
      "fn above(s, n) {", "", "  m = s.sma(n)", "", "  # a comment line", "  s > m", "}", "",
      "x = [", "", "  1,", "", "  2", "]", "x", "above(SPY, 50).count() > 1000",
    ])
    XCTAssertEqual(h.repl.loop(lines), 0)
    XCTAssertEqual(h.err, "")
    XCTAssertTrue(h.out.hasSuffix("[1, 2]\ntrue\n\n"), "[\(h.out)]")
    XCTAssertEqual(lines.prompts.filter { $0 == REPL.continuationPrompt }.count, 11)
    XCTAssertTrue(lines.history.contains("fn above(s, n) { m = s.sma(n); s > m; }"), "\(lines.history)")
  }

  func testQuestionMarksAndHelpCallsShowTheHelp() throws {
    for input in ["?sma", "sma?", "? sma", "help(sma)", "help(\"sma\")", "help( sma )"] {
      let h = try Harness()
      h.run([input])
      XCTAssertEqual(h.err, "", input)
      XCTAssertTrue(h.out.contains(try XCTUnwrap(Builtin.named("sma")).signature), "\(input): \(h.out)")
    }
    for input in ["help", "help()", "?"] {
      let h = try Harness()
      h.run([input])
      XCTAssertTrue(h.out.contains("Commands:"), "\(input): \(h.out)")
    }
    let h = try Harness()
    h.run(["?nosuchname", "help = 3", "help"])
    XCTAssertTrue(h.err.contains("no built-in named 'nosuchname'"), h.err)
    XCTAssertTrue(h.out.hasSuffix("3\n\n"), "a binding named help is the binding: \(h.out)")
    XCTAssertNil(REPL.helpRequest("a ? b"))
    XCTAssertNil(REPL.helpRequest("help(sma(SPY, 3))"))
  }

  func testWhoListsTheBindings() throws {
    let h = try Harness()
    h.run(["rs = ratio(RSP, SPY)", "n = 50", "fn f(x, k) = x.sma(k)", "names = [1, 2]", ":who"])
    XCTAssertEqual(h.err, "")
    let lines = h.out.split(separator: "\n").map(String.init)
    func row(_ name: String) -> String? { lines.first { $0.hasPrefix(name + " ") } }
    XCTAssertEqual(row("n").map { $0.split(separator: " ").map(String.init) }, ["n", "number", "50"])
    XCTAssertTrue(row("rs")?.contains("series") == true && row("rs")?.contains("rows, ") == true, h.out)
    XCTAssertTrue(row("f")?.contains("fn f(x, k)") == true, h.out)
    XCTAssertTrue(row("mag7")?.contains("list") == true, "the prelude's lists: \(h.out)")
    XCTAssertTrue(row("names")?.contains("2 items: [1,2]") == true, h.out)
    let filtered = try Harness()
    filtered.run(["n = 1", ":who mag*"])
    XCTAssertFalse(filtered.out.contains("number"), filtered.out)
    XCTAssertTrue(filtered.out.contains("mag7"), filtered.out)
  }

  func testUseReportsWhatItLoaded() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "date,close\n2024-01-02,1\n2024-01-03,2\n".write(
      to: folder.appendingPathComponent("AAPL.csv"), atomically: true, encoding: .utf8)
    let h = try Harness()
    h.run(["use \"\(folder.path)\"", "use default"])
    XCTAssertTrue(h.out.contains("data: \(folder.path): 1 symbol, 2024-01-02 .. 2024-01-03\n"), h.out)
    XCTAssertTrue(h.out.contains("data: bundled: "), h.out)
    XCTAssertEqual(h.err, "")
  }

  func testFileErrorsInPlainWords() throws {
    let folder = try Paths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let h = try Harness()
    h.run([
      "1 + 1", ":save \(folder.path)/missing/y.md", ":load \(folder.path)/nope.rotor", ":load \(folder.path)",
      ":save \(folder.path)",
    ])
    XCTAssertTrue(
      h.err.contains(
        "cannot write '\(folder.path)/missing/y.md': folder '\(folder.path)/missing' does not exist\n"), h.err
    )
    XCTAssertTrue(h.err.contains("cannot read '\(folder.path)/nope.rotor': no such file\n"), h.err)
    XCTAssertTrue(h.err.contains("cannot read '\(folder.path)': it is a folder, not a file\n"), h.err)
    XCTAssertFalse(h.err.contains("The file"), "no Foundation message: \(h.err)")
  }

  func testUnderscoreIsTheLastShownValue() throws {
    let h = try Harness()
    h.run(["1 + 2", "x = 10", "_ * 2", "_ + x"])
    XCTAssertEqual(h.out.split(separator: "\n").suffix(3), ["3", "6", "16"])
  }

  func testInterruptedEvaluationKeepsTheSession() throws {
    let h = try Harness()
    h.run(["keep = 42"])
    h.repl.session.interpreter.isInterrupted = { true }
    h.run(["map(sectors, s => s.sma(20).last())"])
    XCTAssertTrue(h.err.contains("interrupted"), h.err)
    h.repl.session.interpreter.isInterrupted = { false }
    h.run(["keep + 1"])
    XCTAssertTrue(h.out.hasSuffix("43\n\n"), h.out)
  }
}

/// The banner and `:data` name every layer of a layered dataset, and `:data +PATH` /
/// `:data default` switch layers.
final class LayeredDataTests: XCTestCase {
  func testBannerAndDataListTheLayers() throws {
    let day = CivilDate.unchecked(year: 2024, month: 7, day: 1)
    let mine = Dataset(
      bars: [Bars(symbol: "ZZA", index: DateIndex([Int32(day)]), fields: [.close: [10]])],
      origin: "mine")
    let layered = try Dataset.embedded().overlaid(by: mine)
    var out = ""
    let repl = REPL(dataset: layered, output: { out += $0 }, errorOutput: { _ in })
    XCTAssertTrue(
      repl.banner.contains(
        "data: bundled: 619 symbols, 1927-12-30 .. 2026-10-06 + mine: 1 symbol, 2024-07-01 .. 2024-07-01"),
      repl.banner)
    repl.handle(":data")
    XCTAssertTrue(out.contains("layers, lowest first"), out)
    XCTAssertTrue(out.contains("  mine: 1 symbol, 2024-07-01 .. 2024-07-01\n"), out)
  }

  func testDataPlusAPathAndBackToTheDefault() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-repl-layers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "date,close\n2024-07-01,10\n".write(
      to: folder.appendingPathComponent("ZZA.csv"), atomically: true, encoding: .utf8)
    var out = ""
    var err = ""
    let repl = REPL(
      dataset: try Dataset.embedded(), output: { out += $0 }, errorOutput: { err += $0 })
    repl.handle(":data +" + folder.path)
    repl.handle("[ZZA.last(), SPY.count() > 1000]")
    XCTAssertTrue(out.contains("[10, true]"), out + err)
    repl.handle(":data default")
    repl.handle("ZZA")
    XCTAssertTrue(err.contains("unknown name 'ZZA'"), err)
  }
}

/// `:rows N` sets how many rows a selection shows.
final class RowsCommandTests: XCTestCase {
  func testRowsSetsTheDisplayLimit() throws {
    let h = try Harness()
    h.run([":rows 3", "SPY.head(10)", ":rows 0", ":rows"])
    XCTAssertTrue(h.out.contains("rows: a selection shows at most 3 rows"), h.out)
    XCTAssertTrue(h.out.contains("more rows"), h.out)
    XCTAssertTrue(h.err.contains("usage: :rows N"), h.err)
  }
}
