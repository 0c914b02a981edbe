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
