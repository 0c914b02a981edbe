import Foundation
import RotorSyntax
import XCTest

/// Every example line in `Grammar/rotor.ebnf` parses, and every parse function carries its
/// rule verbatim.
final class GrammarTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  func testEveryExampleInTheGrammarParses() throws {
    let grammar = try String(
      contentsOf: Self.root.appendingPathComponent("Grammar/rotor.ebnf"), encoding: .utf8)
    guard let start = grammar.range(of: "-- examples --\n"), let end = grammar.range(of: "-- end --") else {
      return XCTFail("the grammar has no examples section")
    }
    let lines = grammar[start.upperBound..<end.lowerBound].split(separator: "\n")
    XCTAssertGreaterThan(lines.count, 20)
    for line in lines {
      let (_, diagnostics) = Parser.parse(SourceFile(name: "example", text: String(line)))
      XCTAssertEqual(diagnostics.map(\.description), [], String(line))
    }
  }

  /// Each rule of `Grammar/rotor.ebnf` is copied, word for word, into a `// rule = ... ;`
  /// comment in `Sources/RotorSyntax/Parser*.swift`, and no comment names another rule.
  func testEveryParserRuleCommentIsTheGrammarsRuleVerbatim() throws {
    let grammar = try String(
      contentsOf: Self.root.appendingPathComponent("Grammar/rotor.ebnf"), encoding: .utf8)
    let rules = GrammarRules.rules(in: grammar)
    XCTAssertGreaterThan(rules.count, 20, "the rules of rotor.ebnf were not found")
    let folder = Self.root.appendingPathComponent("Sources/RotorSyntax")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("Parser") && $0.hasSuffix(".swift") }.sorted()
    XCTAssertFalse(files.isEmpty)
    var comments: [GrammarRules.Rule] = []
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      comments += GrammarRules.commentRules(inSwift: text)
    }
    for problem in GrammarRules.mismatches(grammar: rules, comments: comments) { XCTFail(problem) }
  }

  /// The comparison itself catches a drifted comment, a missing one and an unknown one.
  func testTheRuleComparisonCatchesDrift() {
    let grammar = GrammarRules.rules(
      in: "(* notes; 'x' *)\nlist = '[' [ item { ',' item } [ ',' ] ] ']' ;\nitem = NAME ;")
    XCTAssertEqual(grammar.map(\.name), ["list", "item"])
    let agreeing = GrammarRules.commentRules(
      inSwift: """
          // list = '[' [ item { ',' item }
          //        [ ',' ] ] ']' ;   (* a note *)
          // item = NAME ;
        """)
    XCTAssertEqual(GrammarRules.mismatches(grammar: grammar, comments: agreeing), [])
    let drifted = GrammarRules.commentRules(
      inSwift: "  // list = '[' [ item { ',' item } ] ']' ;\n  /// doc\n  // other = NAME ;\n")
    let problems = GrammarRules.mismatches(grammar: grammar, comments: drifted)
    guard problems.count == 3 else { return XCTFail(problems.joined(separator: "\n")) }
    XCTAssertTrue(problems[0].contains("rule 'list' differs"), problems[0])
    XCTAssertTrue(
      problems[0].contains("rotor.ebnf: list = '[' [ item { ',' item } [ ',' ] ] ']' ;"), problems[0])
    XCTAssertTrue(problems[0].contains("comment:    list = '[' [ item { ',' item } ] ']' ;"), problems[0])
    XCTAssertTrue(problems[1].contains("rule 'item' has no"), problems[1])
    XCTAssertTrue(problems[2].contains("'// other = ...' names no rule"), problems[2])
  }
}
