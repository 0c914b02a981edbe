import RotorSyntax
import XCTest

/// Replays the fuzzing seed corpus (`Fuzz/Corpus/`) and every input the fuzzer ever crashed
/// on (`Fuzz/FailCases/`): each must lex, parse and render its diagnostics without crashing,
/// with every token and diagnostic inside the text.
final class FuzzRegressionTests: XCTestCase {
  struct Planted: Error {}

  func testCorpusAndFailCasesReplayCleanly() throws {
    let corpus = try CorpusReplay.cases(in: "Fuzz/Corpus")
    XCTAssertGreaterThanOrEqual(corpus.count, 30, "the seed corpus is missing or thin")
    let cases = try corpus + CorpusReplay.cases(in: "Fuzz/FailCases")
    for failure in CorpusReplay.run(cases) { XCTFail("\(failure.name): \(failure.reason)") }
  }

  /// The corpus reaches the parser's deep corners: its diagnostics include these.
  func testCorpusCoversErrorPaths() throws {
    let cases = try CorpusReplay.cases(in: "Fuzz/Corpus")
    let messages = Set(
      cases.flatMap { Parser.parse(SourceFile(name: $0.name, text: $0.text)).diagnostics.map(\.message) })
    for expected in [
      "expression nested too deeply (more than \(Parser.maxDepth) levels)", "'(' is never closed",
      "unterminated string", "unterminated symbol", "invalid date '2024-13-01'",
      "comparisons do not chain: '<' followed by '<'", "positional argument after a named argument",
      "a block must end with an expression: its value is the result",
    ] {
      XCTAssertTrue(messages.contains(expected), "no corpus file yields: \(expected)")
    }
  }

  /// The test of the test: a parse function that fails on one planted input, and a checker
  /// that rejects one planted diagnostic, are each reported against that file and no other.
  func testTheReplayReportsAPlantedCrasher() throws {
    let planted = CorpusReplay.Case(name: "planted.rotor", text: "boom(")
    let cases = try CorpusReplay.cases(in: "Fuzz/Corpus") + [planted]
    let trapping = CorpusReplay.run(cases) { source in
      if source.text == planted.text { throw Planted() }
      return try CorpusReplay.lexAndParse(source)
    }
    XCTAssertEqual(trapping.map(\.name), ["planted.rotor"])
    XCTAssertTrue(trapping.first?.reason.hasPrefix("threw") == true)

    let outOfRange = CorpusReplay.run([planted]) { source in
      var result = try CorpusReplay.lexAndParse(source)
      result.diagnostics = result.diagnostics.map {
        var d = $0
        d.range = SourceRange(0, source.bytes.count + 1)
        return d
      }
      return result
    }
    XCTAssertEqual(outOfRange.map(\.name), ["planted.rotor"])
    XCTAssertTrue(outOfRange.first?.reason.contains("lies outside 0..<5") == true, "\(outOfRange)")
  }
}

/// The parser's limits for hostile input: chains past the tree-depth limit are one located
/// error, floods of errors are capped, and a tree at the limit prints and is freed on the
/// main thread's stack.
final class HostileSyntaxTests: XCTestCase {
  func testChainsPastTheTreeDepthLimitAreALocatedError() {
    for (start, link) in [("1", " + 1"), ("x", ".f(1)"), ("x", "[1]"), ("true", " and true"), ("a", " * a")] {
      let text = start + String(repeating: link, count: 100_000)
      let diagnostics = Parser.parse(SourceFile(name: "t", text: text)).diagnostics
      XCTAssertEqual(
        diagnostics.map(\.message), ["expression nests deeper than \(Parser.maxTreeDepth) levels"])
      XCTAssertEqual(diagnostics.first?.source?.location(of: diagnostics.first?.range?.start ?? 0).line, 1)
    }
  }

  func testATreeAtTheLimitPrintsAndIsFreedOnTheMainThread() {
    let text = "1" + String(repeating: " + 1", count: Parser.maxTreeDepth - 2)
    let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
    XCTAssertEqual(diagnostics.count, 0)
    XCTAssertEqual(program.statements.first?.depth, Parser.maxTreeDepth - 1)
    // Fully parenthesised, it nests deeper than the parser's 200 levels of brackets: it is
    // printed (without recursion) but does not parse back.
    let printed = ASTPrinter.print(program)
    XCTAssertTrue(printed.hasPrefix(String(repeating: "(", count: Parser.maxTreeDepth - 2) + "1 + 1)"))
  }

  func testDiagnosticsAreCappedWithACount() {
    let diagnostics = Parser.parse(SourceFile(name: "t", text: String(repeating: ";", count: 100_001)))
      .diagnostics
    XCTAssertEqual(diagnostics.count, Parser.maxDiagnostics + 1)
    XCTAssertEqual(diagnostics.last?.message, "… and 99981 more errors")
    XCTAssertEqual(diagnostics.last?.severity, .note)
    // 30 open brackets are still input that stopped early (the REPL asks for more).
    XCTAssertTrue(Parser.isIncomplete(SourceFile(name: "t", text: String(repeating: "f(", count: 30))))
  }

  func testALongLineIsShownAsAWindowAroundTheCaret() {
    let text = String(repeating: "1 + ", count: 5_000) + "?"
    let diagnostics = Parser.parse(SourceFile(name: "t", text: text)).diagnostics
    let rendered = DiagnosticRenderer.render(diagnostics[0])
    let lines = rendered.split(separator: "\n")
    XCTAssertTrue(lines[0].hasPrefix("t:1:20001: error:"), String(lines[0]))
    XCTAssertLessThanOrEqual(lines[1].count, DiagnosticRenderer.maxLineWidth + 4)
    XCTAssertTrue(lines[1].hasPrefix("  …"))
    XCTAssertEqual(
      lines[1].firstIndex(of: "?").map { lines[1].distance(from: lines[1].startIndex, to: $0) },
      lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) })
  }

  func testInvalidUTF8IsLocatedAtTheFirstBadByte() {
    for (bytes, line, column) in [
      (Array("ab\ncd".utf8) + [0xFF], 2, 3), ([0xC3], 1, 1), (Array("é".utf8) + [0xED, 0xA0, 0x80], 1, 2),
      (Array("x = 1\n".utf8) + [0xF4, 0x90, 0x80, 0x80], 2, 1),
    ] {
      XCTAssertThrowsError(try SourceFile.decoding(name: "s", bytes: bytes)) { error in
        guard let d = error as? Diagnostic, let source = d.source, let range = d.range else {
          return XCTFail("not located: \(error)")
        }
        XCTAssertEqual(
          source.location(of: range.start), SourceLocation(line: line, column: column), "\(bytes)")
        XCTAssertTrue(d.message.hasPrefix("invalid UTF-8"))
      }
    }
    XCTAssertEqual(try SourceFile.decoding(name: "s", bytes: Array("é✓𝄞".utf8)).text, "é✓𝄞")
  }
}
