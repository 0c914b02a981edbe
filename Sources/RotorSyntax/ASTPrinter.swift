/// Prints a syntax tree back to Rotor source, fully parenthesised.
///
/// Every unary and binary operation and every lambda is wrapped in parentheses, so the
/// text reparses to the same tree whatever the precedence rules say. Statements go one to a
/// line, blocks indent two spaces, a silent statement keeps its `;`. Parsing the output
/// and printing it again gives the same text, which the property tests check.
///
/// Values the lexer has no literal for print as the expression that makes them: a negative
/// number as `(-5)`, infinity as `1e999`, NaN as `(0 / 0)`. A symbol holding a backtick or
/// a newline prints as it is, and does not reparse.
public struct ASTPrinter {
  private var indent = ""

  /// A whole program: its statements, one per line.
  public static func print(_ program: Program) -> String {
    ASTPrinter().statements(program.statements)
  }

  /// One statement, as it would stand on its own line.
  public static func print(_ statement: Stmt) -> String {
    ASTPrinter().statement(statement)
  }

  /// One expression.
  public static func print(_ expression: Expr) -> String {
    ASTPrinter().expr(expression)
  }

  private func statements(_ list: [Stmt]) -> String {
    list.map { indent + statement($0) }.joined(separator: "\n")
  }

  private func statement(_ s: Stmt) -> String {
    switch s.kind {
    case .expression(let e, let silent): return expr(e) + (silent ? ";" : "")
    case .assign(let name, _, let value): return "\(name) = \(expr(value))"
    case .function(let name, _, let parameters, let body):
      let head = "fn \(name)(" + text(self.parameters(parameters)) + ")"
      if case .block = body.kind { return "\(head) \(expr(body))" }
      return "\(head) = \(expr(body))"
    case .importFile(let path, _): return "import \(Self.quoted(path))"
    case .use(let onDefault, let paths, _):
      let quoted = paths.map(Self.quoted)
      return onDefault
        ? (["use default"] + quoted).joined(separator: " + ") : "use " + quoted.joined(separator: " + ")
    }
  }

  /// Pieces with no expression in them (parameters' defaults are printed through ``expr(_:)``).
  private func text(_ pieces: [Piece]) -> String {
    pieces.map { piece in
      switch piece {
      case .text(let t): return t
      case .expr(let e): return expr(e)
      }
    }.joined()
  }

  /// A piece of the output still to write: text or an expression.
  private enum Piece {
    case text(String)
    case expr(Expr)
  }

  /// An expression, written with an explicit stack rather than recursion, so that a tree
  /// as deep as the parser accepts (``Parser/maxTreeDepth``) prints on any thread.
  private func expr(_ root: Expr) -> String {
    var out = ""
    var pending: [Piece] = [.expr(root)]
    while let piece = pending.popLast() {
      switch piece {
      case .text(let text): out += text
      case .expr(let e):
        // Pieces are pushed in reverse: the last pushed is written first.
        pending += pieces(e).reversed()
      }
    }
    return out
  }

  /// What one node prints as, its children left as pieces.
  private func pieces(_ e: Expr) -> [Piece] {
    switch e.kind {
    case .number(let v): return [.text(Self.number(v))]
    case .string(let s): return [.text(Self.quoted(s))]
    case .bool(let b): return [.text(b ? "true" : "false")]
    case .date(let d): return [.text(CivilDate.iso(d))]
    case .duration(let d): return [.text(Self.duration(d))]
    case .name(let n): return [.text(n)]
    case .symbol(let s): return [.text("`\(s)`")]
    case .list(let items): return [.text("[")] + joined(items.map { [.expr($0)] }) + [.text("]")]
    case .unary(.negate, let x): return [.text("(-"), .expr(x), .text(")")]
    case .unary(.not, let x): return [.text("(not "), .expr(x), .text(")")]
    case .binary(let op, let a, let b):
      return [.text("("), .expr(a), .text(" \(op.rawValue) "), .expr(b), .text(")")]
    case .call(let callee, let arguments):
      return [.expr(callee), .text("(")] + self.arguments(arguments) + [.text(")")]
    case .member(let receiver, let name, _, let arguments):
      let call: [Piece] = arguments.map { [.text("(")] + self.arguments($0) + [.text(")")] } ?? []
      return [.expr(receiver), .text(".\(name)")] + call
    case .index(let base, .at(let key)): return [.expr(base), .text("["), .expr(key), .text("]")]
    case .index(let base, .range(let from, let to)):
      let lower: [Piece] = from.map { [.expr($0), .text(" ")] } ?? []
      let upper: [Piece] = to.map { [.text(" "), .expr($0)] } ?? []
      return [.expr(base), .text("[")] + lower + [.text("..")] + upper + [.text("]")]
    case .lambda(let parameters, let body):
      return [.text("((")] + self.parameters(parameters) + [.text(") => "), .expr(body), .text(")")]
    case .block(let list):
      if list.isEmpty { return [.text("{}")] }
      var inner = self
      inner.indent += "  "
      return [.text("{\n"), .text(inner.statements(list)), .text("\n" + indent + "}")]
    }
  }

  /// Lists of pieces joined by `, `.
  private func joined(_ parts: [[Piece]]) -> [Piece] {
    var out: [Piece] = []
    for (k, part) in parts.enumerated() {
      if k > 0 { out.append(.text(", ")) }
      out += part
    }
    return out
  }

  private func parameters(_ list: [Parameter]) -> [Piece] {
    joined(list.map { p in p.defaultValue.map { [.text("\(p.name) = "), .expr($0)] } ?? [.text(p.name)] })
  }

  private func arguments(_ list: [Argument]) -> [Piece] {
    joined(list.map { a in a.label.map { [.text("\($0)="), .expr(a.value)] } ?? [.expr(a.value)] })
  }

  /// A number as the lexer reads it: integers without a fraction, others in Swift's
  /// shortest round-tripping form (`0.1`, `1e+16`).
  private static func number(_ v: Double) -> String {
    if v.isNaN { return "(0 / 0)" }
    if v.sign == .minus { return "(-\(number(-v)))" }
    if v.isInfinite { return "1e999" }
    if v == v.rounded(), v < 1e15 { return String(Int64(v)) }
    return v.description
  }

  private static func duration(_ d: DurationLiteral) -> String {
    switch d {
    case .days(let n): return "\(n)d"
    case .weeks(let n): return "\(n)w"
    case .months(let n): return "\(n)mo"
    case .years(let n): return "\(n)y"
    case .yearToDate: return "ytd"
    }
  }

  /// A string literal with `"`, `\`, newline and tab escaped.
  /// `s` as a Rotor string literal, quotes and escapes included (read back as `s`).
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }
}
