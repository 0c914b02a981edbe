/// A duration literal as written: `5d`, `2w`, `3mo`, `1y` or `ytd`.
public enum DurationLiteral: Sendable, Hashable {
  case days(Int)
  case weeks(Int)
  case months(Int)
  case years(Int)
  case yearToDate
}

/// What a token is.
public enum TokenKind: Sendable, Equatable {
  case number(Double)
  case string(String)
  /// A date literal, as a day number.
  case date(Int32)
  case duration(DurationLiteral)
  case identifier(String)
  /// A backtick symbol such as `` `^GSPC` ``: the text between the backticks.
  case symbol(String)
  // Keywords.
  case kwFn, kwTrue, kwFalse, kwAnd, kwOr, kwNot, kwImport, kwUse
  // Punctuation and operators.
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, dot, dotDot, semicolon, assign, arrow
  case plus, minus, star, slash, percent, caret
  case equal, notEqual, less, lessEqual, greater, greaterEqual
  /// A statement-ending newline (continuation rules already applied).
  case newline
  case eof

  /// How the token reads in messages: `'('`, `number`, `end of input`.
  public var display: String {
    switch self {
    case .number: return "number"
    case .string: return "string"
    case .date: return "date"
    case .duration: return "duration"
    case .identifier(let s): return "'\(s)'"
    case .symbol(let s): return "`\(s)`"
    case .newline: return "end of line"
    case .eof: return "end of input"
    default: return "'\(Self.spelling[self] ?? "?")'"
    }
  }

  static let spelling: [TokenKind: String] = [
    .kwFn: "fn", .kwTrue: "true", .kwFalse: "false", .kwAnd: "and", .kwOr: "or",
    .kwNot: "not", .kwImport: "import", .kwUse: "use",
    .leftParen: "(", .rightParen: ")", .leftBracket: "[", .rightBracket: "]",
    .leftBrace: "{", .rightBrace: "}", .comma: ",", .dot: ".", .dotDot: "..",
    .semicolon: ";", .assign: "=", .arrow: "=>", .plus: "+", .minus: "-", .star: "*",
    .slash: "/", .percent: "%", .caret: "^", .equal: "==", .notEqual: "!=", .less: "<",
    .lessEqual: "<=", .greater: ">", .greaterEqual: ">=",
  ]

  /// Binary operators, `not`, `,`, `=`, `=>`, `.` and `..`: a line ending in one of these
  /// continues (docs/language.md §2).
  var continuesLine: Bool {
    switch self {
    case .kwAnd, .kwOr, .kwNot, .comma, .assign, .arrow, .plus, .minus, .star, .slash, .percent,
      .caret, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .dot, .dotDot:
      return true
    default:
      return false
    }
  }
}

extension TokenKind: Hashable {}

/// A token and where it is.
public struct Token: Sendable {
  /// What it is.
  public let kind: TokenKind
  /// Where it is.
  public let range: SourceRange

  /// Creates a token.
  public init(_ kind: TokenKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}
