/// Turns source text into tokens, applying the line-continuation rules of docs/language.md §2.
///
/// A newline ends a statement unless it is inside `(` or `[`, or the line ends in a
/// binary operator, `,`, `=`, `=>`, `.` or `..`. Inside `{ }` newlines separate statements of the
/// block. `#` starts a comment that runs to the end of the line.
public struct Lexer {
  private let source: SourceFile
  private let bytes: [UInt8]
  private var pos = 0
  private var tokens: [Token] = []
  private var brackets: [(kind: UInt8, offset: Int)] = []
  private var diagnostics: [Diagnostic] = []

  /// Creates a lexer over a source file.
  public init(_ source: SourceFile) {
    self.source = source
    self.bytes = source.bytes
  }

  /// Tokenizes the whole source. The last token is always `.eof`.
  public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(source)
    lexer.run()
    return (lexer.tokens, lexer.diagnostics)
  }

  private static let keywords: [String: TokenKind] = [
    "fn": .kwFn, "true": .kwTrue, "false": .kwFalse, "and": .kwAnd, "or": .kwOr,
    "not": .kwNot, "import": .kwImport, "use": .kwUse,
  ]

  private mutating func run() {
    while pos < bytes.count {
      let c = bytes[pos]
      let start = pos
      switch c {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        pos += 1
      case UInt8(ascii: "\n"):
        pos += 1
        newline(at: start)
      case UInt8(ascii: "#"):
        while pos < bytes.count && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
      case UInt8(ascii: "\""):
        lexString()
      case UInt8(ascii: "`"):
        lexSymbol()
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        lexNumberDateOrDuration()
      case UInt8(ascii: "."):
        if peek(1) == UInt8(ascii: ".") {
          pos += 2
          add(.dotDot, start)
        } else {
          pos += 1
          add(.dot, start)
        }
      default:
        if isIdentStart(c) {
          lexIdentifier()
        } else {
          lexPunctuation(c)
        }
      }
    }
    for open in brackets.reversed() {
      let close = open.kind == UInt8(ascii: "(") ? ")" : open.kind == UInt8(ascii: "[") ? "]" : "}"
      diagnostics.append(
        Diagnostic(
          "'\(Character(Unicode.Scalar(open.kind)))' is never closed",
          at: SourceRange(open.offset, open.offset + 1), in: source,
          notes: ["expected '\(close)' before the end of input"], incompleteness: .unclosedBracket))
    }
    if let last = tokens.last, last.kind.continuesLine {
      diagnostics.append(
        Diagnostic(
          "expected an expression after \(last.kind.display)", at: last.range, in: source,
          incompleteness: .trailingOperator))
    }
    tokens.append(Token(.eof, SourceRange(bytes.count, bytes.count)))
  }

  private mutating func newline(at offset: Int) {
    if let top = brackets.last, top.kind != UInt8(ascii: "{") { return }
    guard let last = tokens.last else { return }
    if last.kind == .newline || last.kind == .semicolon || last.kind == .leftBrace { return }
    if last.kind.continuesLine { return }
    add(.newline, offset, end: offset + 1)
  }

  private func peek(_ k: Int) -> UInt8? {
    pos + k < bytes.count ? bytes[pos + k] : nil
  }

  private mutating func add(_ kind: TokenKind, _ start: Int, end: Int? = nil) {
    tokens.append(Token(kind, SourceRange(start, end ?? pos)))
  }

  private mutating func error(_ message: String, _ start: Int, _ end: Int, notes: [String] = []) {
    diagnostics.append(Diagnostic(message, at: SourceRange(start, end), in: source, notes: notes))
  }

  private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  private func isIdentStart(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
  }

  private func isIdentContinue(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }

  private mutating func lexIdentifier() {
    let start = pos
    while pos < bytes.count && isIdentContinue(bytes[pos]) { pos += 1 }
    let text = String(decoding: bytes[start..<pos], as: UTF8.self)
    if text == "ytd" {
      add(.duration(.yearToDate), start)
    } else {
      add(Self.keywords[text] ?? .identifier(text), start)
    }
  }

  private mutating func lexString() {
    let start = pos
    pos += 1
    var out: [UInt8] = []
    while pos < bytes.count && bytes[pos] != UInt8(ascii: "\"") {
      if bytes[pos] == UInt8(ascii: "\n") { break }
      if bytes[pos] == UInt8(ascii: "\\"), let next = peek(1) {
        switch next {
        case UInt8(ascii: "\""): out.append(next)
        case UInt8(ascii: "\\"): out.append(next)
        case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
        default:
          error(
            "unknown escape '\\\(Character(Unicode.Scalar(next)))' in string", pos, pos + 2,
            notes: ["strings know \\\" \\\\ \\n and \\t"])
        }
        pos += 2
        continue
      }
      out.append(bytes[pos])
      pos += 1
    }
    if pos >= bytes.count || bytes[pos] != UInt8(ascii: "\"") {
      error("unterminated string", start, pos, notes: ["close it with '\"' on the same line"])
    } else {
      pos += 1
    }
    add(.string(String(decoding: out, as: UTF8.self)), start)
  }

  private mutating func lexSymbol() {
    let start = pos
    pos += 1
    while pos < bytes.count && bytes[pos] != UInt8(ascii: "`") && bytes[pos] != UInt8(ascii: "\n") {
      pos += 1
    }
    let text = String(decoding: bytes[(start + 1)..<pos], as: UTF8.self)
    if pos >= bytes.count || bytes[pos] != UInt8(ascii: "`") {
      error("unterminated symbol", start, pos, notes: ["close it with '`', as in `^GSPC`"])
    } else {
      pos += 1
      if text.isEmpty { error("empty symbol ``", start, pos) }
    }
    add(.symbol(text), start)
  }

  private mutating func lexNumberDateOrDuration() {
    let start = pos
    // A date: exactly dddd-dd-dd, not followed by an identifier character or digit.
    if pos + 10 <= bytes.count, bytes[pos + 4] == UInt8(ascii: "-"), bytes[pos + 7] == UInt8(ascii: "-"),
      (0..<10).allSatisfy({ $0 == 4 || $0 == 7 || isDigit(bytes[pos + $0]) }),
      pos + 10 == bytes.count || !isIdentContinue(bytes[pos + 10])
    {
      pos += 10
      if let day = CivilDate.parseISO(bytes[start..<pos]) {
        add(.date(day), start)
      } else {
        error("invalid date '\(String(decoding: bytes[start..<pos], as: UTF8.self))'", start, pos)
        add(.date(0), start)
      }
      return
    }
    while pos < bytes.count && isDigit(bytes[pos]) { pos += 1 }
    let integerEnd = pos
    var isInteger = true
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
      isInteger = false
      pos += 1
      while pos < bytes.count && isDigit(bytes[pos]) { pos += 1 }
    }
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
      var k = 1
      if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { k = 2 }
      if let d = peek(k), isDigit(d) {
        isInteger = false
        pos += k
        while pos < bytes.count && isDigit(bytes[pos]) { pos += 1 }
      }
    }
    let text = String(decoding: bytes[start..<pos], as: UTF8.self)
    if isInteger, integerEnd == pos, let duration = lexDurationUnit(count: text, start: start) {
      add(.duration(duration), start)
      return
    }
    if pos < bytes.count && isIdentStart(bytes[pos]) {
      let unitStart = pos
      while pos < bytes.count && isIdentContinue(bytes[pos]) { pos += 1 }
      let unit = String(decoding: bytes[unitStart..<pos], as: UTF8.self)
      error(
        "unknown unit '\(unit)' after number", start, pos,
        notes: ["durations are written 5d, 2w, 3mo, 1y or ytd"])
      add(.number(0), start)
      return
    }
    add(.number(Double(text) ?? .nan), start)
  }

  private mutating func lexDurationUnit(count text: String, start: Int) -> DurationLiteral? {
    let units: [(String, (Int) -> DurationLiteral)] = [
      ("mo", { .months($0) }), ("d", { .days($0) }), ("w", { .weeks($0) }), ("y", { .years($0) }),
    ]
    for (unit, make) in units {
      let u = Array(unit.utf8)
      let end = pos + u.count
      guard end <= bytes.count, Array(bytes[pos..<end]) == u else { continue }
      if end < bytes.count && isIdentContinue(bytes[end]) { continue }
      guard let n = Int(text) else { return nil }
      pos = end
      return make(n)
    }
    return nil
  }

  private mutating func lexPunctuation(_ c: UInt8) {
    let start = pos
    let next = peek(1)
    func two(_ kind: TokenKind) {
      pos += 2
      add(kind, start)
    }
    func one(_ kind: TokenKind) {
      pos += 1
      add(kind, start)
    }
    switch c {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      brackets.append((c, start))
      one(c == UInt8(ascii: "(") ? .leftParen : c == UInt8(ascii: "[") ? .leftBracket : .leftBrace)
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      let open: UInt8 =
        c == UInt8(ascii: ")")
        ? UInt8(ascii: "(") : c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
      if let top = brackets.last, top.kind == open {
        brackets.removeLast()
      } else if let top = brackets.last {
        error(
          "'\(Character(Unicode.Scalar(c)))' does not match '\(Character(Unicode.Scalar(top.kind)))'",
          start, start + 1)
        brackets.removeLast()
      } else {
        error("unmatched '\(Character(Unicode.Scalar(c)))'", start, start + 1)
      }
      one(c == UInt8(ascii: ")") ? .rightParen : c == UInt8(ascii: "]") ? .rightBracket : .rightBrace)
    case UInt8(ascii: ","): one(.comma)
    case UInt8(ascii: ";"): one(.semicolon)
    case UInt8(ascii: "+"): one(.plus)
    case UInt8(ascii: "-"): one(.minus)
    case UInt8(ascii: "*"): one(.star)
    case UInt8(ascii: "/"): one(.slash)
    case UInt8(ascii: "%"): one(.percent)
    case UInt8(ascii: "^"): one(.caret)
    case UInt8(ascii: "="):
      if next == UInt8(ascii: "=") {
        two(.equal)
      } else if next == UInt8(ascii: ">") {
        two(.arrow)
      } else {
        one(.assign)
      }
    case UInt8(ascii: "!"):
      if next == UInt8(ascii: "=") {
        two(.notEqual)
      } else {
        pos += 1
        error("unexpected '!'", start, pos, notes: ["write 'not x' for negation, '!=' for inequality"])
      }
    case UInt8(ascii: "<"): next == UInt8(ascii: "=") ? two(.lessEqual) : one(.less)
    case UInt8(ascii: ">"): next == UInt8(ascii: "=") ? two(.greaterEqual) : one(.greater)
    default:
      // Skip one whole UTF-8 scalar so the message shows the character.
      var end = pos + 1
      while end < bytes.count && (bytes[end] & 0xC0) == 0x80 { end += 1 }
      let text = String(decoding: bytes[pos..<end], as: UTF8.self)
      pos = end
      error("unexpected character '\(text)'", start, end)
    }
  }
}
