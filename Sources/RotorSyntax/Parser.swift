/// Parses tokens into a ``Program`` (grammar: `Grammar/rotor.ebnf`).
///
/// A recursive-descent parser with Jlox's cursor vocabulary (`check`, `match`,
/// `advance`, `expect`) and Lua's nesting limit, so that deeply nested input is an
/// error rather than a stack overflow.
public struct Parser {
  /// The deepest nesting of expressions accepted.
  public static let maxDepth = 200
  /// The deepest syntax tree accepted (a chain `a + b + …` of n operators is n + 1 deep):
  /// docs/language.md "Limits".
  public static let maxTreeDepth = 5_000
  /// The most diagnostics one parse reports; the rest are counted in a last note.
  public static let maxDiagnostics = 20

  let source: SourceFile
  let tokens: [Token]
  var current = 0
  var depth = 0
  var diagnostics: [Diagnostic]

  /// Parses a whole source file. Diagnostics include the lexer's.
  public static func parse(_ source: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
    let (tokens, lexDiagnostics) = Lexer.tokenize(source)
    var parser = Parser(source: source, tokens: tokens, diagnostics: lexDiagnostics)
    let statements = parser.parseProgram()
    var diagnostics = parser.diagnostics
    // An unclosed bracket explains every "expected …" at the end of input: report it alone.
    if lexDiagnostics.contains(where: { $0.incompleteness == .unclosedBracket }) {
      diagnostics.removeAll { $0.isIncompleteInput && $0.incompleteness != .unclosedBracket }
    }
    return (Program(statements: statements, source: source), capped(diagnostics))
  }

  /// The first ``maxDiagnostics`` diagnostics, and a note counting the others (a file of
  /// 100,000 stray `;` reports 20 errors, not 100,000).
  static func capped(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard diagnostics.count > maxDiagnostics else { return diagnostics }
    let more = diagnostics.count - maxDiagnostics
    // Input that merely stops early (21 open brackets) stays incomplete input for the REPL.
    let incomplete = diagnostics.allSatisfy(\.isIncompleteInput) ? diagnostics.last?.incompleteness : nil
    return Array(diagnostics.prefix(maxDiagnostics)) + [
      Diagnostic(
        "… and \(more) more error\(more == 1 ? "" : "s")", severity: .note, incompleteness: incomplete)
    ]
  }

  /// Whether `source` merely stopped too early: it has problems, and every one is an
  /// incomplete-input diagnostic (an open bracket or block, a trailing operator, a rule cut
  /// off at the end). A front end asks for another line instead of reporting them.
  public static func isIncomplete(_ source: SourceFile) -> Bool {
    let diagnostics = parse(source).diagnostics
    return !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncompleteInput)
  }

  // MARK: Cursor

  var peek: Token { tokens[current] }
  var previous: Token { tokens[max(0, current - 1)] }
  var isAtEnd: Bool { peek.kind == .eof }

  func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

  func checkNext(_ kind: TokenKind) -> Bool {
    current + 1 < tokens.count && tokens[current + 1].kind == kind
  }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[current]
    if !isAtEnd { current += 1 }
    return token
  }

  mutating func match(_ kinds: TokenKind...) -> Bool {
    for kind in kinds where check(kind) {
      advance()
      return true
    }
    return false
  }

  /// Consumes `kind` or throws "expected WHAT".
  @discardableResult
  mutating func expect(_ kind: TokenKind, _ what: String) throws(Diagnostic) -> Token {
    if check(kind) { return advance() }
    throw errorAtCurrent("expected \(what), found \(peek.kind.display)")
  }

  func errorAtCurrent(_ message: String, notes: [String] = []) -> Diagnostic {
    Diagnostic(
      message, at: peek.range, in: source, notes: notes,
      incompleteness: peek.kind == .eof ? .endOfInput : nil)
  }

  mutating func skipNewlines() {
    while check(.newline) || check(.semicolon) { advance() }
  }

  // MARK: Statements

  // program = { statement ( NEWLINE | ';' ) } EOF ;
  mutating func parseProgram() -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      while check(.newline) { advance() }
      if isAtEnd { break }
      let before = current
      do throws(Diagnostic) {
        var stmt = try parseStatement()
        if match(.semicolon) {
          if case .expression(let e, _) = stmt.kind { stmt.kind = .expression(e, silent: true) }
        } else if !check(.newline) && !isAtEnd {
          throw errorAtCurrent("expected end of statement, found \(peek.kind.display)")
        }
        statements.append(stmt)
      } catch {
        diagnostics.append(error)
        synchronize()
      }
      precondition(current > before || isAtEnd, "parser made no progress")
      if isAtEnd { break }
      _ = match(.newline)
    }
    return statements
  }

  mutating func synchronize() {
    while !isAtEnd && !check(.newline) && !check(.semicolon) { advance() }
    _ = match(.semicolon)
  }

  // statement = fnDecl | importStmt | useStmt | assignment | expr ;
  mutating func parseStatement() throws(Diagnostic) -> Stmt {
    let start = peek.range
    switch peek.kind {
    case .kwFn:
      return try parseFunction()
    // useStmt = 'use' ( STRING | 'default' { '+' STRING } ) ;
    case .kwUse where checkNext(.identifier("default")):
      advance()
      var range = start.union(advance().range)
      var paths: [String] = []
      var ranges: [SourceRange] = []
      while match(.plus) {
        guard case .string(let path) = peek.kind else {
          throw errorAtCurrent("expected a path in quotes after 'use default +', found \(peek.kind.display)")
        }
        paths.append(path)
        ranges.append(peek.range)
        range = range.union(advance().range)
      }
      return Stmt(.use(onDefault: true, paths: paths, pathRanges: ranges), range)
    // importStmt = 'import' STRING ;
    case .kwImport, .kwUse:
      let isImport = advance().kind == .kwImport
      let pathToken = peek
      guard case .string(let path) = pathToken.kind else {
        throw errorAtCurrent(
          "expected a path in quotes after '\(isImport ? "import" : "use")', found \(peek.kind.display)")
      }
      advance()
      let range = start.union(pathToken.range)
      return Stmt(
        isImport
          ? .importFile(path: path, pathRange: pathToken.range)
          : .use(onDefault: false, paths: [path], pathRanges: [pathToken.range]), range)
    // assignment = NAME '=' expr ;
    case .identifier(let name) where checkNext(.assign):
      advance()
      advance()
      let value = try parseExpression()
      return Stmt(.assign(name: name, nameRange: start, value: value), start.union(value.range))
    default:
      let expr = try parseExpression()
      if check(.assign) {
        throw errorAtCurrent("only a name can be assigned to", notes: ["write: name = expression"])
      }
      return Stmt(.expression(expr, silent: false), expr.range)
    }
  }

  // fnDecl = 'fn' NAME '(' [ params ] ')' ( '=' expr | block ) ;
  mutating func parseFunction() throws(Diagnostic) -> Stmt {
    let start = advance().range
    let nameToken = peek
    guard case .identifier(let name) = nameToken.kind else {
      throw errorAtCurrent("expected a function name after 'fn', found \(peek.kind.display)")
    }
    advance()
    try expect(.leftParen, "'(' after the function name")
    let parameters = try parseParameters(closing: .rightParen)
    let body: Expr
    if match(.assign) {
      body = try parseExpression()
    } else if check(.leftBrace) {
      body = try parseBlock()
    } else {
      throw errorAtCurrent("expected '=' or '{' after the parameters of '\(name)'")
    }
    return Stmt(
      .function(name: name, nameRange: nameToken.range, parameters: parameters, body: body),
      start.union(body.range))
  }

  // params = param { ',' param } ;
  // param = NAME [ '=' expr ] ;                (* defaults only after the last plain one *)
  mutating func parseParameters(closing: TokenKind) throws(Diagnostic) -> [Parameter] {
    var parameters: [Parameter] = []
    var seen = Set<String>()
    if match(closing) { return parameters }
    repeat {
      let token = peek
      guard case .identifier(let name) = token.kind else {
        throw errorAtCurrent("expected a parameter name, found \(peek.kind.display)")
      }
      advance()
      if !seen.insert(name).inserted {
        throw Diagnostic("duplicate parameter '\(name)'", at: token.range, in: source)
      }
      var defaultValue: Expr?
      if match(.assign) { defaultValue = try parseExpression() }
      if defaultValue == nil, let last = parameters.last, last.defaultValue != nil {
        throw Diagnostic(
          "parameter '\(name)' needs a default: it follows one that has a default",
          at: token.range, in: source)
      }
      parameters.append(
        Parameter(
          name: name, defaultValue: defaultValue,
          range: token.range.union(defaultValue?.range ?? token.range)))
    } while match(.comma)
    try expect(closing, closing == .rightParen ? "')' after the parameters" : "')'")
    return parameters
  }

  // block = '{' { statement ( NEWLINE | ';' ) } '}' ;   (* ends with an expression *)
  mutating func parseBlock() throws(Diagnostic) -> Expr {
    let open = try expect(.leftBrace, "'{'")
    var statements: [Stmt] = []
    skipNewlines()
    while !check(.rightBrace) {
      if isAtEnd { throw errorAtCurrent("expected '}' to close the block") }
      var stmt = try parseStatement()
      let separated = check(.newline) || check(.semicolon)
      if match(.semicolon) {
        if case .expression(let e, _) = stmt.kind { stmt.kind = .expression(e, silent: true) }
      }
      statements.append(stmt)
      if !separated && !check(.rightBrace) {
        throw errorAtCurrent("expected end of statement, found \(peek.kind.display)")
      }
      skipNewlines()
    }
    let close = advance()
    guard let last = statements.last, case .expression = last.kind else {
      throw Diagnostic(
        "a block must end with an expression: its value is the result", at: open.range.union(close.range),
        in: source)
    }
    return Expr(.block(statements), open.range.union(close.range))
  }
}
