import PropertyBased
import RotorSyntax

/// Generators of well-formed Rotor programs and of Rotor-flavoured noise.
///
/// A program is decoded from a list of small choice numbers, each picking one branch (a
/// missing number reads as 0, the simplest branch). The property library shrinks that list
/// by dropping numbers and moving them toward 0, so a failing program shrinks toward a
/// smaller tree of simpler nodes without a hand-written shrinker.
enum SyntaxGen {
  /// Well-formed programs of one to three statements.
  static let program = Gen.int(in: 0...999).array(of: 0...80).map { choices in
    var decoder = Decoder(choices: choices)
    return Generated(program: decoder.program())
  }

  /// A generated program that reports itself, in failures and shrinking, as its source.
  struct Generated: CustomStringConvertible {
    let program: Program
    var description: String { ASTPrinter.print(program).debugDescription }
  }

  /// Text biased toward Rotor's characters and tokens, with some odd bytes among them.
  static let noise = Gen.int(in: 0...(fragments.count - 1)).array(of: 0...40).map { picks in
    picks.map { fragments[$0] }.joined()
  }

  static let fragments: [String] = [
    " ", " ", "\n", "\t", "\r", "(", ")", "[", "]", "{", "}", ",", ";", ".", "..", "=", "=>",
    "==", "!=", "!", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "^", "#", "\"", "\\", "`",
    "a", "x", "SPY", "_", "fn", "not", "and", "or", "import", "use", "true", "ytd", "0", "7",
    "12", "3.5", "1e", "1e6", "5d", "2w", "3mo", "1y", "3m", "2024-01-02", "2024-13-40", "é",
    "🌍", "\u{0}", "\u{7f}", "\u{a0}", "\u{200b}", "\u{2028}",
  ]
}

/// Turns choice numbers into a syntax tree; ranges are all ``SourceRange/none``.
struct Decoder {
  var choices: [Int]
  var position = 0

  static let names = ["a", "x", "SPY", "rs", "_t", "x2", "sma", "ratio", "fast"]
  static let symbols = ["^GSPC", "BRK.B", "^RUT", "a b"]
  static let strings = ["", "RSP", "say \"hi\"", "back\\slash", "tab\tnew\nline", "é🌍", "#"]
  static let numbers: [Double] = [0, 1, 50, 0.5, 1e6, 2.5e-3, 1e16, 0.1, 123.25]
  static let binary: [BinaryOperator] = [
    .add, .subtract, .multiply, .divide, .remainder, .power, .equal, .notEqual, .less,
    .lessEqual, .greater, .greaterEqual, .and, .or,
  ]

  /// The next choice, in `0..<n`.
  mutating func next(_ n: Int) -> Int {
    defer { position += 1 }
    return position < choices.count ? choices[position] % n : 0
  }

  mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }

  mutating func program() -> Program {
    let count = 1 + next(3)
    let statements = (0..<count).map { _ in statement(top: true) }
    return Program(statements: statements, source: SourceFile(name: "generated", text: ""))
  }

  mutating func statement(top: Bool) -> Stmt {
    switch next(top ? 6 : 3) {
    case 1: return Stmt(.assign(name: pick(Self.names), nameRange: .none, value: expr(3)), .none)
    case 2: return Stmt(.expression(expr(3), silent: true), .none)
    case 3:
      let parameters = self.parameters()
      let body = next(2) == 0 ? expr(3) : block()
      return Stmt(
        .function(name: pick(Self.names), nameRange: .none, parameters: parameters, body: body), .none)
    case 4: return Stmt(.importFile(path: pick(Self.strings), pathRange: .none), .none)
    case 5: return Stmt(.use(onDefault: false, paths: [pick(Self.strings)], pathRanges: [.none]), .none)
    default: return Stmt(.expression(expr(3), silent: false), .none)
    }
  }

  /// A block: a few statements, the last an expression.
  mutating func block() -> Expr {
    var statements = (0..<next(3)).map { _ in statement(top: false) }
    statements.append(Stmt(.expression(expr(2), silent: next(4) == 0), .none))
    return Expr(.block(statements), .none)
  }

  mutating func expr(_ depth: Int) -> Expr {
    let kind = depth == 0 ? 0 : next(10)
    let e: Expr.Kind
    switch kind {
    case 1: e = .unary(next(2) == 0 ? .negate : .not, expr(depth - 1))
    case 2, 3: e = .binary(pick(Self.binary), expr(depth - 1), expr(depth - 1))
    case 4:
      let callee = next(3) == 0 ? expr(depth - 1) : Expr(.name(pick(Self.names)), .none)
      e = .call(callee: callee, arguments: arguments(depth - 1))
    case 5:
      let arguments = next(2) == 0 ? nil : self.arguments(depth - 1)
      e = .member(receiver: expr(depth - 1), name: pick(Self.names), nameRange: .none, arguments: arguments)
    case 6: e = .index(expr(depth - 1), index(depth - 1))
    case 7: e = .list((0..<next(4)).map { _ in expr(depth - 1) })
    case 8: e = .lambda(parameters: parameters(), body: next(3) == 0 ? block() : expr(depth - 1))
    default: e = atom()
    }
    return Expr(e, .none)
  }

  mutating func atom() -> Expr.Kind {
    switch next(9) {
    case 1: return .number(Double(next(1000)) / Double(1 + next(8)))
    case 2: return .string(pick(Self.strings))
    case 3: return .date(CivilDate.days(year: 1900 + next(200), month: 1 + next(12), day: 1 + next(28)) ?? 0)
    case 4:
      let n = next(100)
      let options: [DurationLiteral] = [.days(n), .weeks(n), .months(n), .years(n), .yearToDate]
      return .duration(pick(options))
    case 5: return .bool(next(2) == 0)
    case 6: return .symbol(pick(Self.symbols))
    case 7: return .number(pick(Self.numbers))
    default: return .name(pick(Self.names))
    }
  }

  mutating func index(_ depth: Int) -> IndexSpec {
    switch next(4) {
    case 1: return .range(from: expr(depth), to: expr(depth))
    case 2: return .range(from: expr(depth), to: nil)
    case 3: return .range(from: nil, to: expr(depth))
    default: return .at(expr(depth))
    }
  }

  /// Distinct names; any defaults come last.
  mutating func parameters() -> [Parameter] {
    let names = Array(Self.names.shuffledPrefix(next(4), using: &self))
    let plain = next(names.count + 1)
    return names.enumerated().map { i, name in
      Parameter(name: name, defaultValue: i < plain ? nil : expr(1), range: .none)
    }
  }

  /// Positional arguments, then named ones with distinct labels.
  mutating func arguments(_ depth: Int) -> [Argument] {
    let positional = (0..<next(3)).map { _ in Argument(label: nil, value: expr(depth), range: .none) }
    let labels = Self.names.shuffledPrefix(next(3), using: &self)
    return positional + labels.map { Argument(label: $0, value: expr(depth), range: .none) }
  }
}

extension Array {
  /// `count` distinct elements, chosen by the decoder.
  fileprivate func shuffledPrefix(_ count: Int, using decoder: inout Decoder) -> [Element] {
    var pool = self
    return (0..<Swift.min(count, pool.count)).map { _ in pool.remove(at: decoder.next(pool.count)) }
  }
}
