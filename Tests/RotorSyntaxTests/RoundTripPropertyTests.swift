import PropertyBased
import RotorSyntax
import Testing

/// Property tests: printed programs reparse to themselves, and the lexer survives anything.
@Suite(.shrinking)
struct RoundTripPropertyTests {
  /// print → parse → print is a fixed point, and the printed text parses without complaint.
  @Test func printParsePrintIsAFixedPoint() async {
    await propertyCheck(count: 500, input: SyntaxGen.program) { generated in
      let text = ASTPrinter.print(generated.program)
      let (reparsed, diagnostics) = Parser.parse(SourceFile(name: "printed", text: text))
      #expect(diagnostics.map(\.description) == [], "\(text)")
      #expect(ASTPrinter.print(reparsed) == text)
    }
  }

  /// The lexer and parser never crash, every token lies inside the text in order, the last
  /// token is the only `eof`, and every diagnostic points inside the text.
  @Test func lexerAndParserStayInsideTheText() async {
    await propertyCheck(count: 1000, input: SyntaxGen.noise) { text in
      let source = SourceFile(name: "noise", text: text)
      let tokens = Lexer.tokenize(source).tokens
      let problems = CorpusReplay.wellFormed(source, (tokens, Parser.parse(source).diagnostics))
      #expect(problems == [], "\(text.debugDescription)")
      #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.range.end <= $1.range.start })
    }
  }

  /// The printer parenthesises fully and writes literals the lexer reads back.
  @Test func printerSpellsOutPrecedenceAndLiterals() {
    let cases: [(String, String)] = [
      ("1 + 2 * 3", "(1 + (2 * 3))"),
      ("-2 ^ 2", "(-(2 ^ 2))"),
      ("a or b and not c < d", "(a or (b and (not (c < d))))"),
      ("f(1, fast=8)", "f(1, fast=8)"),
      ("x.sma(50).last", "x.sma(50).last"),
      ("SPY[2024-06-20 ..]", "SPY[2024-06-20 ..]"),
      ("SPY[.. 2024-07-19]", "SPY[.. 2024-07-19]"),
      ("s => s + 1", "((s) => (s + 1))"),
      ("[1e16, 0.5, 3mo, ytd, `BRK.B`, \"a\\\"b\\n\"]", "[1e+16, 0.5, 3mo, ytd, `BRK.B`, \"a\\\"b\\n\"]"),
      ("fn f(x, n = 2) { y = x; y * n }", "fn f(x, n = 2) {\n  y = x\n  (y * n)\n}"),
    ]
    for (source, printed) in cases {
      let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: source))
      #expect(diagnostics.isEmpty, "\(source)")
      #expect(ASTPrinter.print(program) == printed)
    }
  }

  /// Every corpus file that parses cleanly prints to text that reparses to the same print.
  @Test func cleanCorpusFilesRoundTrip() throws {
    var clean = 0
    for file in try CorpusReplay.cases(in: "Fuzz/Corpus") {
      let (program, diagnostics) = Parser.parse(SourceFile(name: file.name, text: file.text))
      guard diagnostics.isEmpty else { continue }
      clean += 1
      let text = ASTPrinter.print(program)
      let (reparsed, again) = Parser.parse(SourceFile(name: "printed", text: text))
      #expect(again.isEmpty, "\(file.name)")
      #expect(ASTPrinter.print(reparsed) == text, "\(file.name)")
    }
    #expect(clean >= 10)
  }

  /// Values without a literal print as the expression that makes them.
  @Test func printerWritesValuesWithoutALiteral() {
    #expect(ASTPrinter.print(Expr(.number(-5), .none)) == "(-5)")
    #expect(ASTPrinter.print(Expr(.number(.infinity), .none)) == "1e999")
    #expect(ASTPrinter.print(Expr(.number(.nan), .none)) == "(0 / 0)")
  }
}
