import RotorSyntax
import XCTest

final class ParserTests: XCTestCase {
  /// Parses and renders the AST as an S-expression, to check structure and precedence.
  func tree(_ text: String) -> String {
    let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
    XCTAssertEqual(diagnostics.map(\.message), [], text)
    return program.statements.map(SExpr.statement).joined(separator: " ; ")
  }

  func errors(_ text: String) -> [String] {
    Parser.parse(SourceFile(name: "t", text: text)).diagnostics.map(\.message)
  }

  func testPrecedenceLoosestFirst() {
    XCTAssertEqual(tree("1 + 2 * 3"), "(+ 1 (* 2 3))")
    XCTAssertEqual(tree("-2 ^ 2"), "(- (^ 2 2))")
    XCTAssertEqual(tree("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))")
    XCTAssertEqual(tree("2 ^ -1"), "(^ 2 (- 1))")
    XCTAssertEqual(tree("a or b and not c < d"), "(or a (and b (not (< c d))))")
    XCTAssertEqual(tree("a - b - c"), "(- (- a b) c)")
    XCTAssertEqual(tree("7 % 3 * 2"), "(* (% 7 3) 2)")
  }

  func testComparisonsDoNotChain() {
    XCTAssertEqual(errors("a < b < c"), ["comparisons do not chain: '<' followed by '<'"])
  }

  func testPostfixCallsMembersAndIndexes() {
    XCTAssertEqual(tree("ratio(RSP, SPY).sma(50)"), "(.sma (call ratio RSP SPY) 50)")
    XCTAssertEqual(tree("SPY.close"), "(.close SPY)")
    XCTAssertEqual(tree("macd(SPY, fast=8)"), "(call macd SPY fast=8)")
    XCTAssertEqual(tree("x[2024-06-20 .. 2024-07-19]"), "(index x 2024-06-20..2024-07-19)")
    XCTAssertEqual(tree("x[2024-06-20 ..]"), "(index x 2024-06-20..)")
    XCTAssertEqual(tree("x[.. 2024-07-19]"), "(index x ..2024-07-19)")
    XCTAssertEqual(tree("x[2024-07-19]"), "(index x 2024-07-19)")
  }

  func testLambdas() {
    XCTAssertEqual(tree("s => ratio(s, SPY)"), "(lambda (s) (call ratio s SPY))")
    XCTAssertEqual(tree("(a, b) => a - b"), "(lambda (a b) (- a b))")
    XCTAssertEqual(tree("() => 1"), "(lambda () 1)")
    XCTAssertEqual(tree("(a + b) * 2"), "(* (+ a b) 2)")
  }

  func testStatements() {
    XCTAssertEqual(tree("rs = ratio(RSP, SPY)"), "(= rs (call ratio RSP SPY))")
    XCTAssertEqual(tree("rs.sma(50);"), "(silent (.sma rs 50))")
    XCTAssertEqual(tree("fn rel(a, b, n = 50) = a / b"), "(fn rel (a b n=50) (/ a b))")
    XCTAssertEqual(
      tree("fn trend(x) {\n  fast = x.sma(50)\n  fast / x.sma(200)\n}"),
      "(fn trend (x) (block (= fast (.sma x 50)) (/ fast (.sma x 200))))")
    XCTAssertEqual(tree("import \"lib/a.rotor\"; use \"data\""), "(import lib/a.rotor) ; (use data)")
    XCTAssertEqual(tree("a = 1; b = 2\nc"), "(= a 1) ; (= b 2) ; c")
  }

  func testErrorsAreReportedAndParsingGoesOn() {
    let source = SourceFile(name: "t", text: "a = * 1\nb = 2 2\nc = 3")
    let (program, diagnostics) = Parser.parse(source)
    XCTAssertEqual(diagnostics.map { source.location(of: $0.range?.start ?? 0).line }, [1, 2])
    XCTAssertEqual(program.statements.count, 1)
  }

  func testDefaultsMustComeLast() {
    XCTAssertEqual(
      errors("fn f(a = 1, b) = a"), ["parameter 'b' needs a default: it follows one that has a default"])
    XCTAssertEqual(errors("fn f(a, a) = a"), ["duplicate parameter 'a'"])
  }

  func testPositionalAfterNamedIsAnError() {
    XCTAssertEqual(errors("f(a=1, 2)"), ["positional argument after a named argument"])
    XCTAssertEqual(errors("f(a=1, a=2)"), ["argument 'a' given twice"])
  }

  func testBlocksMustEndInAnExpression() {
    XCTAssertEqual(
      errors("fn f() { a = 1 }"), ["a block must end with an expression: its value is the result"])
  }

  func testDeepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    let messages = errors(deep)
    XCTAssertEqual(messages.first, "expression nested too deeply (more than \(Parser.maxDepth) levels)")
    let minus = String(repeating: "-", count: 100_000) + "1"
    XCTAssertEqual(errors(minus).first, "expression nested too deeply (more than \(Parser.maxDepth) levels)")
    let nots = String(repeating: "not ", count: 100_000) + "true"
    XCTAssertEqual(errors(nots).first, "expression nested too deeply (more than \(Parser.maxDepth) levels)")
    let lists = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    XCTAssertEqual(errors(lists).first, "expression nested too deeply (more than \(Parser.maxDepth) levels)")
  }

  func testIncompleteInputIsMarked() {
    for text in ["sma(SPY,", "a +", "fn f(x) {", "[1, 2", "x ="] {
      let (_, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
      XCTAssertFalse(diagnostics.isEmpty, text)
      XCTAssertTrue(diagnostics.contains(where: \.isIncompleteInput), text)
    }
    let (_, complete) = Parser.parse(SourceFile(name: "t", text: "a + )"))
    XCTAssertFalse(complete.contains(where: \.isIncompleteInput))
  }
}

/// An S-expression view of the AST for structural assertions.
enum SExpr {
  static func statement(_ s: Stmt) -> String {
    switch s.kind {
    case .expression(let e, let silent): return silent ? "(silent \(expr(e)))" : expr(e)
    case .assign(let name, _, let value): return "(= \(name) \(expr(value)))"
    case .function(let name, _, let params, let body):
      return "(fn \(name) (\(params.map(param).joined(separator: " "))) \(expr(body)))"
    case .importFile(let path, _): return "(import \(path))"
    case .use(let onDefault, let paths, _):
      let parts = (onDefault ? ["default"] : []) + paths
      return "(use \(parts.joined(separator: " + ")))"
    }
  }

  static func param(_ p: Parameter) -> String {
    p.defaultValue.map { "\(p.name)=\(expr($0))" } ?? p.name
  }

  static func expr(_ e: Expr) -> String {
    switch e.kind {
    case .number(let v): return v == v.rounded() ? String(Int(v)) : String(v)
    case .string(let s): return "\"\(s)\""
    case .bool(let b): return String(b)
    case .date(let d): return CivilDate.iso(d)
    case .duration(let d): return "\(d)"
    case .name(let n): return n
    case .symbol(let s): return "`\(s)`"
    case .list(let items): return "[" + items.map(expr).joined(separator: " ") + "]"
    case .unary(let op, let x): return "(\(op.rawValue) \(expr(x)))"
    case .binary(let op, let a, let b): return "(\(op.rawValue) \(expr(a)) \(expr(b)))"
    case .call(let callee, let args):
      return "(call \(expr(callee))" + args.map { " " + arg($0) }.joined() + ")"
    case .member(let r, let name, _, let args):
      return "(.\(name) \(expr(r))" + (args ?? []).map { " " + arg($0) }.joined() + ")"
    case .index(let base, .at(let key)): return "(index \(expr(base)) \(expr(key)))"
    case .index(let base, .range(let from, let to)):
      return "(index \(expr(base)) \(from.map(expr) ?? "")..\(to.map(expr) ?? ""))"
    case .lambda(let params, let body):
      return "(lambda (\(params.map(param).joined(separator: " "))) \(expr(body)))"
    case .block(let statements): return "(block " + statements.map(statement).joined(separator: " ") + ")"
    }
  }

  static func arg(_ a: Argument) -> String {
    a.label.map { "\($0)=\(expr(a.value))" } ?? expr(a.value)
  }
}
