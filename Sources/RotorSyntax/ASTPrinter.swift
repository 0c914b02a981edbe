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
      let head = "fn \(name)(\(self.parameters(parameters)))"
      if case .block = body.kind { return "\(head) \(expr(body))" }
      return "\(head) = \(expr(body))"
    case .importFile(let path, _): return "import \(Self.quoted(path))"
    case .use(let onDefault, let paths, _):
      let quoted = paths.map(Self.quoted)
      return onDefault
        ? (["use default"] + quoted).joined(separator: " + ") : "use " + quoted.joined(separator: " + ")
    }
  }

  private func expr(_ e: Expr) -> String {
    switch e.kind {
    case .number(let v): return Self.number(v)
    case .string(let s): return Self.quoted(s)
    case .bool(let b): return b ? "true" : "false"
    case .date(let d): return CivilDate.iso(d)
    case .duration(let d): return Self.duration(d)
    case .name(let n): return n
    case .symbol(let s): return "`\(s)`"
    case .list(let items): return "[" + items.map(expr).joined(separator: ", ") + "]"
    case .unary(.negate, let x): return "(-\(expr(x)))"
    case .unary(.not, let x): return "(not \(expr(x)))"
    case .binary(let op, let a, let b): return "(\(expr(a)) \(op.rawValue) \(expr(b)))"
    case .call(let callee, let arguments): return "\(expr(callee))(\(self.arguments(arguments)))"
    case .member(let receiver, let name, _, let arguments):
      return "\(expr(receiver)).\(name)" + (arguments.map { "(\(self.arguments($0)))" } ?? "")
    case .index(let base, .at(let key)): return "\(expr(base))[\(expr(key))]"
    case .index(let base, .range(let from, let to)):
      let lower = from.map { expr($0) + " " } ?? ""
      let upper = to.map { " " + expr($0) } ?? ""
      return "\(expr(base))[\(lower)..\(upper)]"
    case .lambda(let parameters, let body): return "((\(self.parameters(parameters))) => \(expr(body)))"
    case .block(let list):
      if list.isEmpty { return "{}" }
      var inner = self
      inner.indent += "  "
      return "{\n" + inner.statements(list) + "\n" + indent + "}"
    }
  }

  private func parameters(_ list: [Parameter]) -> String {
    list.map { p in p.defaultValue.map { "\(p.name) = \(expr($0))" } ?? p.name }
      .joined(separator: ", ")
  }

  private func arguments(_ list: [Argument]) -> String {
    list.map { a in a.label.map { "\($0)=\(expr(a.value))" } ?? expr(a.value) }
      .joined(separator: ", ")
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
