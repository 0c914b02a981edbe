import Foundation
import RotorSyntax
import XCTest

/// Every example line in `Grammar/rotor.ebnf` parses, and every parse function carries its rule.
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

  func testEveryGrammarRuleIsMirroredAboveItsParseFunction() throws {
    let grammar = try String(
      contentsOf: Self.root.appendingPathComponent("Grammar/rotor.ebnf"), encoding: .utf8)
    let parserFolder = Self.root.appendingPathComponent("Sources/RotorSyntax")
    let parser = try ["Parser.swift", "Parser+Expressions.swift"].map {
      try String(contentsOf: parserFolder.appendingPathComponent($0), encoding: .utf8)
    }.joined()
    let rulesText = grammar.components(separatedBy: "(* Examples").first ?? grammar
    let rules = rulesText.split(separator: "\n").compactMap { line -> String? in
      let parts = line.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, let first = parts[0].first, first.isLetter,
        !parts[0].contains(" ") || parts[0].hasSuffix(" ")
      else { return nil }
      return parts[0].trimmingCharacters(in: .whitespaces)
    }
    let skipped: Set<String> = ["lambdaBody", "assignment", "importStmt", "useStmt", "param", "arg", "expr"]
    for rule in rules where !skipped.contains(rule) {
      XCTAssertTrue(parser.contains("// \(rule) ->"), "no '// \(rule) ->' comment in the parser")
    }
  }
}
