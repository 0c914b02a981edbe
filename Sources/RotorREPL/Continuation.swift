import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Multi-line input: when a chunk needs another line, and how a chunk goes into history.
public enum Continuation {
  /// Whether `text` stopped too early (an open bracket, a trailing operator, `,`, `=` or
  /// `=>`): the parser's only complaints are about the end of the input, as Lua's
  /// `incomplete()` decides. A real syntax error is reported at once instead.
  public static func needsMore(_ text: String) -> Bool {
    let (_, diagnostics) = Parser.parse(SourceFile(name: "<repl>", text: text))
    return !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncompleteInput)
  }

  /// Whether `text` has an open bracket or block (`(`, `[`, `{`): the REPL then reads on
  /// through blank lines, so pasted code with blank lines inside a block runs as a script.
  public static func isOpen(_ text: String) -> Bool {
    let (_, diagnostics) = Parser.parse(SourceFile(name: "<repl>", text: text))
    return diagnostics.contains { $0.incompleteness == .unclosedBracket }
      && diagnostics.allSatisfy(\.isIncompleteInput)
  }

  /// The chunk as one history line, so that up-arrow recalls it whole and it reads well:
  /// newlines that merely continue a statement become spaces, newlines between the
  /// statements of a `{ }` block become `; `, comments are dropped. A chunk holding several
  /// top-level statements, or one the rewrite would change, is kept as typed.
  public static func historyEntry(_ chunk: String) -> String {
    let text = chunk.hasSuffix("\n") ? String(chunk.dropLast()) : chunk
    guard text.contains("\n") else { return text }
    let source = SourceFile(name: "<history>", text: text)
    let (tokens, problems) = Lexer.tokenize(source)
    guard problems.isEmpty else { return text }
    var out = ""
    var previousEnd = 0
    var braces = 0
    var afterSeparator = false
    for token in tokens where token.kind != .eof {
      let gap = source.slice(SourceRange(previousEnd, token.range.start))
      previousEnd = token.range.end
      switch token.kind {
      case .newline:
        if braces == 0 { return text }
        out = trimmedRight(out) + "; "
        afterSeparator = true
        continue
      case .leftBrace: braces += 1
      case .rightBrace: braces -= 1
      default: break
      }
      if afterSeparator {
        afterSeparator = false
      } else if gap.contains("\n") || gap.contains("#") {
        out = trimmedRight(out)
        if !out.isEmpty { out += " " }
      } else {
        out += gap
      }
      out += source.slice(token.range)
    }
    return sameTokens(out, as: tokens) ? out : text
  }

  private static func trimmedRight(_ s: String) -> String {
    var s = s
    while let last = s.last, last == " " || last == "\t" { s.removeLast() }
    return s
  }

  /// Whether `rewritten` lexes to `original`'s tokens (newlines read as `;`) and parses cleanly.
  private static func sameTokens(_ rewritten: String, as original: [Token]) -> Bool {
    let source = SourceFile(name: "<history>", text: rewritten)
    let (tokens, problems) = Lexer.tokenize(source)
    guard problems.isEmpty, Parser.parse(source).diagnostics.isEmpty else { return false }
    let before = original.map { $0.kind == .newline ? TokenKind.semicolon : $0.kind }
    return before == tokens.map(\.kind)
  }
}
