/// Expressions, loosest first: `=>`; `or`; `and`; `not`; comparisons (non-associative);
/// `+ -`; `* / %`; unary `-`; `^` (right-associative); postfix call, member, index.
extension Parser {
  // expr = lambda ;
  /// Parses one expression (the entry point used by statements and arguments).
  mutating func parseExpression() throws(Diagnostic) -> Expr {
    depth += 1
    defer { depth -= 1 }
    if depth > Parser.maxDepth {
      throw errorAtCurrent(
        "expression nested too deeply (more than \(Parser.maxDepth) levels)",
        notes: ["split it into named steps: x = ...; y = f(x)"])
    }
    return try parseLambda()
  }

  // lambda = NAME '=>' lambdaBody
  //        | '(' [ params ] ')' '=>' lambdaBody
  //        | or ;
  mutating func parseLambda() throws(Diagnostic) -> Expr {
    let start = peek.range
    if case .identifier(let name) = peek.kind, checkNext(.arrow) {
      advance()
      advance()
      let body = try parseLambdaBody()
      let parameter = Parameter(name: name, defaultValue: nil, range: start)
      return Expr(.lambda(parameters: [parameter], body: body), start.union(body.range))
    }
    if check(.leftParen), isLambdaHead() {
      advance()
      let parameters = try parseParameters(closing: .rightParen)
      try expect(.arrow, "'=>'")
      let body = try parseLambdaBody()
      return Expr(.lambda(parameters: parameters, body: body), start.union(body.range))
    }
    return try parseOr()
  }

  // lambdaBody = block | expr ;
  mutating func parseLambdaBody() throws(Diagnostic) -> Expr {
    check(.leftBrace) ? try parseBlock() : try parseExpression()
  }

  /// Whether the `(` at the cursor opens a lambda's parameter list: its match is followed by `=>`.
  func isLambdaHead() -> Bool {
    var level = 0
    var k = current
    while k < tokens.count {
      switch tokens[k].kind {
      case .leftParen, .leftBracket, .leftBrace: level += 1
      case .rightParen, .rightBracket, .rightBrace:
        level -= 1
        if level == 0 { return k + 1 < tokens.count && tokens[k + 1].kind == .arrow }
      case .eof: return false
      default: break
      }
      k += 1
    }
    return false
  }

  // or = and { 'or' and } ;
  mutating func parseOr() throws(Diagnostic) -> Expr {
    var left = try parseAnd()
    while match(.kwOr) {
      let right = try parseAnd()
      left = try node(.binary(.or, left, right), left.range.union(right.range))
    }
    return left
  }

  // and = not { 'and' not } ;
  mutating func parseAnd() throws(Diagnostic) -> Expr {
    var left = try parseNot()
    while match(.kwAnd) {
      let right = try parseNot()
      left = try node(.binary(.and, left, right), left.range.union(right.range))
    }
    return left
  }

  // not = 'not' not | comparison ;
  mutating func parseNot() throws(Diagnostic) -> Expr {
    if check(.kwNot) {
      let start = advance().range
      let operand = try nested { (p) throws(Diagnostic) in try p.parseNot() }
      return Expr(.unary(.not, operand), start.union(operand.range))
    }
    return try parseComparison()
  }

  // comparison = sum [ ( '==' | '!=' | '<' | '<=' | '>' | '>=' ) sum ] ;   (* non-associative *)
  mutating func parseComparison() throws(Diagnostic) -> Expr {
    let left = try parseSum()
    guard let op = comparisonOperator(peek.kind) else { return left }
    advance()
    let right = try parseSum()
    if let next = comparisonOperator(peek.kind) {
      throw errorAtCurrent(
        "comparisons do not chain: '\(op.rawValue)' followed by '\(next.rawValue)'",
        notes: ["write (a < b) and (b < c)"])
    }
    return try node(.binary(op, left, right), left.range.union(right.range))
  }

  func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
    switch kind {
    case .equal: return .equal
    case .notEqual: return .notEqual
    case .less: return .less
    case .lessEqual: return .lessEqual
    case .greater: return .greater
    case .greaterEqual: return .greaterEqual
    default: return nil
    }
  }

  // sum = product { ( '+' | '-' ) product } ;
  mutating func parseSum() throws(Diagnostic) -> Expr {
    var left = try parseProduct()
    while check(.plus) || check(.minus) {
      let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
      let right = try parseProduct()
      left = try node(.binary(op, left, right), left.range.union(right.range))
    }
    return left
  }

  // product = unary { ( '*' | '/' | '%' ) unary } ;
  mutating func parseProduct() throws(Diagnostic) -> Expr {
    var left = try parseUnary()
    while check(.star) || check(.slash) || check(.percent) {
      let kind = advance().kind
      let op: BinaryOperator = kind == .star ? .multiply : kind == .slash ? .divide : .remainder
      let right = try parseUnary()
      left = try node(.binary(op, left, right), left.range.union(right.range))
    }
    return left
  }

  // unary = '-' unary | power ;
  mutating func parseUnary() throws(Diagnostic) -> Expr {
    if check(.minus) {
      let start = advance().range
      let operand = try nested { (p) throws(Diagnostic) in try p.parseUnary() }
      return Expr(.unary(.negate, operand), start.union(operand.range))
    }
    return try parsePower()
  }

  // power = postfix [ '^' unary ] ;                                   (* right-associative *)
  mutating func parsePower() throws(Diagnostic) -> Expr {
    let base = try parsePostfix()
    guard match(.caret) else { return base }
    let exponent = try nested { (p) throws(Diagnostic) in try p.parseUnary() }
    return Expr(.binary(.power, base, exponent), base.range.union(exponent.range))
  }

  /// A node of a left-associative chain (`a + b + …`, `x.f().g()`, `x[1][2]`), which the loops
  /// above build without recursion: an error when the tree gets deeper than
  /// ``Parser/maxTreeDepth``, so that evaluating, printing and freeing it stay within the stack.
  mutating func node(_ kind: Expr.Kind, _ range: SourceRange) throws(Diagnostic) -> Expr {
    let expr = Expr(kind, range)
    if expr.depth > Parser.maxTreeDepth {
      throw Diagnostic(
        "expression nests deeper than \(Parser.maxTreeDepth) levels", at: previous.range, in: source,
        notes: ["split it into named steps: x = ...; y = x + ..."])
    }
    return expr
  }

  /// Runs `body` one nesting level deeper (for right-recursive rules).
  mutating func nested(_ body: (inout Parser) throws(Diagnostic) -> Expr) throws(Diagnostic) -> Expr {
    depth += 1
    defer { depth -= 1 }
    if depth > Parser.maxDepth {
      throw errorAtCurrent("expression nested too deeply (more than \(Parser.maxDepth) levels)")
    }
    return try body(&self)
  }

  // postfix = primary { '(' [ args ] ')' | '.' NAME [ '(' [ args ] ')' ] | '[' index ']' } ;
  mutating func parsePostfix() throws(Diagnostic) -> Expr {
    var expr = try parsePrimary()
    while true {
      if check(.leftParen) {
        advance()
        let arguments = try parseArguments()
        expr = try node(.call(callee: expr, arguments: arguments), expr.range.union(previous.range))
      } else if match(.dot) {
        let nameToken = peek
        guard case .identifier(let name) = nameToken.kind else {
          throw errorAtCurrent("expected a name after '.', found \(peek.kind.display)")
        }
        advance()
        var arguments: [Argument]?
        if match(.leftParen) { arguments = try parseArguments() }
        expr = try node(
          .member(receiver: expr, name: name, nameRange: nameToken.range, arguments: arguments),
          expr.range.union(previous.range))
      } else if match(.leftBracket) {
        let spec = try parseIndex()
        expr = try node(.index(expr, spec), expr.range.union(previous.range))
      } else {
        return expr
      }
    }
  }

  // args = arg { ',' arg } [ ',' ] ;          (* positional arguments first *)
  // arg = [ NAME '=' ] expr ;
  mutating func parseArguments() throws(Diagnostic) -> [Argument] {
    var arguments: [Argument] = []
    if match(.rightParen) { return arguments }
    repeat {
      if check(.rightParen) { break }  // a trailing comma
      let start = peek.range
      var label: String?
      if case .identifier(let name) = peek.kind, checkNext(.assign) {
        label = name
        advance()
        advance()
      } else if arguments.last?.label != nil {
        throw errorAtCurrent("positional argument after a named argument")
      }
      let value = try parseExpression()
      if let label, arguments.contains(where: { $0.label == label }) {
        throw Diagnostic("argument '\(label)' given twice", at: start, in: source)
      }
      arguments.append(Argument(label: label, value: value, range: start.union(value.range)))
    } while match(.comma)
    try expect(.rightParen, "')' after the arguments")
    return arguments
  }

  // index = expr | [ expr ] '..' [ expr ] ;
  mutating func parseIndex() throws(Diagnostic) -> IndexSpec {
    if match(.dotDot) {
      let to = try parseExpression()
      try expect(.rightBracket, "']'")
      return .range(from: nil, to: to)
    }
    let first = try parseExpression()
    if match(.dotDot) {
      let to = check(.rightBracket) ? nil : try parseExpression()
      try expect(.rightBracket, "']'")
      return .range(from: first, to: to)
    }
    try expect(.rightBracket, "']'")
    return .at(first)
  }

  // primary = NUMBER | STRING | DATE | DURATION | 'true' | 'false' | NAME | SYMBOL
  //         | '(' expr ')' | '[' [ expr { ',' expr } [ ',' ] ] ']' ;
  mutating func parsePrimary() throws(Diagnostic) -> Expr {
    let token = peek
    switch token.kind {
    case .number(let v):
      advance()
      return Expr(.number(v), token.range)
    case .string(let s):
      advance()
      return Expr(.string(s), token.range)
    case .date(let d):
      advance()
      return Expr(.date(d), token.range)
    case .duration(let d):
      advance()
      return Expr(.duration(d), token.range)
    case .kwTrue:
      advance()
      return Expr(.bool(true), token.range)
    case .kwFalse:
      advance()
      return Expr(.bool(false), token.range)
    case .identifier(let name):
      advance()
      return Expr(.name(name), token.range)
    case .symbol(let s):
      advance()
      return Expr(.symbol(s), token.range)
    case .leftParen:
      advance()
      let inner = try parseExpression()
      try expect(.rightParen, "')'")
      return Expr(inner.kind, token.range.union(previous.range))
    case .leftBracket:
      advance()
      var items: [Expr] = []
      if !check(.rightBracket) {
        repeat {
          if check(.rightBracket) { break }
          items.append(try parseExpression())
        } while match(.comma)
      }
      try expect(.rightBracket, "']' to close the list")
      return Expr(.list(items), token.range.union(previous.range))
    case .eof:
      throw errorAtCurrent("expected an expression, found end of input")
    default:
      throw errorAtCurrent(
        "expected an expression, found \(token.kind.display)", notes: caretSymbolNote(token))
    }
  }

  /// For `^RUT` typed without backticks: the note that writes it as a symbol, `` `^RUT` ``.
  func caretSymbolNote(_ token: Token) -> [String] {
    guard token.kind == .caret, current + 1 < tokens.count,
      case .identifier(let name) = tokens[current + 1].kind,
      tokens[current + 1].range.start == token.range.end
    else { return [] }
    return ["a symbol that starts with ^ is written in backticks: `^\(name)`"]
  }
}
