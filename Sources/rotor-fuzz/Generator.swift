import RotorCore
import RotorEngine
import RotorSyntax

/// Random Rotor programs from the grammar (`Grammar/rotor.ebnf`): mostly well-formed, with
/// every built-in called with arguments of roughly the right kinds, long operator chains,
/// deep nesting, extreme numbers, dates and durations, lambdas and maps, and now and then a
/// mutated character so the error paths run too.
struct ProgramGenerator {
  var random: SeededRandom
  /// Names bound so far in the program (assignments and functions).
  private var bound: [String] = []
  private var functions: [(name: String, arity: Int)] = []
  /// Parameter names in scope while generating a function or lambda body.
  private var locals: [String] = []

  init(seed: UInt64) { random = SeededRandom(seed: seed) }

  static let symbols = [
    "SPY", "QQQ", "IWM", "RSP", "XLK", "XLF", "XLE", "NVDA", "AAPL", "`^VIX`", "`^GSPC`", "`BRK.B`",
    "DIA", "NOSUCH", "`^RUT`",
  ]
  static let lists = ["sectors", "mag7", "[SPY, QQQ, IWM]", "[]", "[XLK, XLF, 1]"]
  static let numbers = [
    "0", "1", "2", "3", "5", "10", "20", "50", "200", "-1", "0.5", "1e300", "1e-300", "1e999", "2^62",
    "2^63", "9223372036854775807", "4294967296", "2147483648", "nan", "0.0001", "252", "-2^31",
    "100000", "1e9", "123456789012",
  ]
  static let dates = [
    "2024-01-02", "2024-07-11", "2018-01-01", "2026-10-06", "0001-01-01", "9999-12-31", "1970-01-01",
    "2024-02-29", "1927-12-30", "2000-01-01",
  ]
  static let durations = [
    "1d", "5d", "2w", "3mo", "1y", "ytd", "10000y", "120000mo", "3653000d", "521000w", "0d", "999999d",
    "10001y",
  ]
  static let strings = [
    #""""#, #""ab""#, #""SPY""#, #""a\nb""#, #""é✓""#, #""out.svg""#, #""\"q\"""#, #""%d %s""#,
  ]
  static let binaryOperators = ["+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">=", "and", "or"]
  /// Built-ins that touch files: never called.
  static let excluded: Set<String> = ["save"]
  static let builtins = Builtin.all.filter { !excluded.contains($0.name) }

  mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
  mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

  /// A program of a few statements, which run one after the other in one session (so that
  /// an error in one does not keep the others from running).
  mutating func program() -> [String] {
    bound = []
    functions = []
    var statements: [String] = []
    for _ in 0..<count(1...6) {
      var text = statement()
      if chance(8) { text = mutate(text) }
      if chance(5) { text += "; " + statement() }
      statements.append(text + "\n")
    }
    if chance(4) { statements += doubling() }
    return statements
  }

  /// A value doubled by repeated statements (`b = b + b`, `b = [b, b]`): strings, series
  /// names and shared lists growing toward their limits.
  mutating func doubling() -> [String] {
    let seed = pick(["\"ab\"", "SPY.close", "[1]", "[]", "[SPY]", "1", "2024-01-02"])
    let step = pick(["b = b + b", "b = [b, b]", "b = [b]", "b = b * b"])
    let times = step == "b = [b]" ? count(1...1_200) : count(1...40)
    return ["b = \(seed)\n"] + Array(repeating: step + "\n", count: times) + ["b\n"]
  }

  /// The line between statements in a program file.
  static let separator = "# ---\n"

  mutating func statement() -> String {
    switch count(0...9) {
    case 0, 1:
      let name = "v\(bound.count)"
      let line = "\(name) = \(expression(3))"
      bound.append(name)
      return line
    case 2:
      let name = "f\(functions.count)"
      let arity = count(0...2)
      let parameters = (0..<arity).map { "p\($0)" }
      let saved = locals
      locals += parameters
      defer { locals = saved }
      var head = "fn \(name)(\(parameters.joined(separator: ", "))"
      if chance(30) { head += (arity > 0 ? ", " : "") + "d = \(atom())" }
      head += ")"
      let body =
        chance(30)
        ? "{\n  t = \(expression(2))\n  \(expression(2))\n}"
        : "= \(expression(3))"
      // Recursion, so that the call-depth limit runs.
      let recursive = chance(15) ? " + \(name)(\(parameters.map { _ in "1" }.joined(separator: ", ")))" : ""
      functions.append((name, arity))
      return "\(head) \(body)\(recursive)"
    case 3:
      return longChain()
    case 4:
      return deepNesting()
    default:
      return expression(4) + (chance(20) ? ";" : "")
    }
  }

  /// An operator or method chain of 1,000 to 6,000 links (the tree-depth limit is 5,000).
  mutating func longChain() -> String {
    let n = chance(50) ? count(2...300) : count(1000...6000)
    switch count(0...6) {
    case 0: return "1" + String(repeating: " + 1", count: n)
    case 1: return "SPY.close" + String(repeating: " * 1", count: min(n, 2000))
    case 2: return "true" + String(repeating: " and true", count: n)
    case 3: return "false" + String(repeating: " or false", count: n)
    case 4: return "\"a\"" + String(repeating: " + \"a\"", count: n)
    case 5: return "SPY" + String(repeating: "[2024-01-02 ..]", count: min(n, 1500)) + ".count()"
    default: return "SPY" + String(repeating: ".sma(2)", count: min(n, 300)) + ".last()"
    }
  }

  /// Parentheses, brackets, `not` and `-` nested up to past the parser's limit of 200.
  mutating func deepNesting() -> String {
    let n = count(1...260)
    switch count(0...4) {
    case 0: return String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
    case 1: return String(repeating: "[", count: n) + "1" + String(repeating: "]", count: n)
    case 2: return String(repeating: "not ", count: n) + "true"
    case 3: return String(repeating: "- ", count: n) + "1"
    default: return String(repeating: "2 ^ ", count: n) + "1"
    }
  }

  mutating func expression(_ budget: Int) -> String {
    if budget <= 0 || chance(25) { return atom() }
    switch count(0...11) {
    case 0, 1:
      return "\(expression(budget - 1)) \(pick(Self.binaryOperators)) \(expression(budget - 1))"
    case 2: return (chance(50) ? "-" : "not ") + expression(budget - 1)
    case 3, 4, 5: return call(budget)
    case 6: return "\(expression(budget - 1))[\(index(budget))]"
    case 7: return "[" + (0..<count(0...4)).map { _ in expression(budget - 1) }.joined(separator: ", ") + "]"
    case 8: return "map(\(pick(Self.lists)), \(lambda(budget)))"
    case 9: return "(\(expression(budget - 1)))"
    case 10 where !functions.isEmpty:
      let f = pick(functions)
      return "\(f.name)(" + (0..<f.arity).map { _ in expression(budget - 1) }.joined(separator: ", ") + ")"
    default:
      return "\(expression(budget - 1)).\(pick(["close", "open", "high", "low", "volume", "nosuch"]))"
    }
  }

  mutating func lambda(_ budget: Int) -> String {
    let name = "x\(locals.count)"
    locals.append(name)
    defer { locals.removeLast() }
    return "\(name) => \(expression(budget - 1))"
  }

  mutating func index(_ budget: Int) -> String {
    switch count(0...4) {
    case 0: return pick(Self.dates)
    case 1: return "\(pick(Self.dates)) .. \(pick(Self.dates))"
    case 2: return "\(pick(Self.dates)) .."
    case 3: return ".. \(pick(Self.dates))"
    default: return expression(budget - 1)
    }
  }

  /// A built-in called with arguments of about the right kinds, by position, by name or as
  /// a method.
  mutating func call(_ budget: Int) -> String {
    let builtin = pick(Self.builtins)
    var arguments: [String] = []
    for param in builtin.params {
      if case .required = param.defaultValue {
        arguments.append(argument(param.kind, budget))
      } else if chance(40) {
        arguments.append(argument(param.kind, budget))
      } else {
        break
      }
    }
    if builtin.variadic { for _ in 0..<count(0...3) { arguments.append(argument(.any, budget)) } }
    if chance(10) { arguments.append(argument(.any, budget)) }  // one too many
    if chance(10), !arguments.isEmpty { arguments.removeLast() }  // one too few
    if chance(15), let option = (builtin.options + builtin.params).randomElement(using: &random) {
      arguments.append("\(option.name)=\(argument(option.kind, budget))")
    }
    if chance(40), let first = arguments.first, !first.contains("=") {
      let rest = arguments.dropFirst().joined(separator: ", ")
      return "(\(first)).\(builtin.name)(\(rest))"
    }
    return "\(builtin.name)(\(arguments.joined(separator: ", ")))"
  }

  mutating func argument(_ kind: Builtin.Kind, _ budget: Int) -> String {
    if chance(15) { return expression(budget - 1) }
    switch kind {
    case .series, .rows, .seriesOrNumber:
      return chance(70) ? pick(Self.symbols) + (chance(30) ? ".close" : "") : expression(budget - 1)
    case .window, .integer: return pick(Self.numbers)
    case .number: return pick(Self.numbers)
    case .date: return pick(Self.dates)
    case .countOrSpan: return chance(50) ? pick(Self.numbers) : pick(Self.durations)
    case .string: return pick(Self.strings)
    case .bool: return chance(50) ? "true" : "false"
    case .function: return chance(80) ? lambda(budget) : pick(["sma", "ratio", "mean", "f0"])
    case .list, .seriesOrList: return chance(70) ? pick(Self.lists) : "universe()"
    case .any: return atom()
    }
  }

  mutating func atom() -> String {
    switch count(0...9) {
    case 0: return pick(Self.numbers)
    case 1: return pick(Self.strings)
    case 2: return pick(Self.dates) + (chance(30) ? " + \(pick(Self.numbers))" : "")
    case 3: return pick(Self.durations)
    case 4: return chance(50) ? "true" : "false"
    case 5 where !locals.isEmpty: return pick(locals)
    case 6 where !bound.isEmpty: return pick(bound)
    case 7: return pick(Self.lists)
    default: return pick(Self.symbols)
    }
  }

  /// The text with one character dropped, doubled or replaced.
  mutating func mutate(_ text: String) -> String {
    var scalars = Array(text.unicodeScalars)
    guard !scalars.isEmpty else { return text }
    let at = count(0...(scalars.count - 1))
    let noise: [Unicode.Scalar] = [
      "(", ")", "[", "]", "{", "}", ",", ".", "=", "\"", "`", "#", "\n", ";", "é",
    ]
    switch count(0...2) {
    case 0: scalars.remove(at: at)
    case 1: scalars.insert(scalars[at], at: at)
    default: scalars[at] = pick(noise)
    }
    var out = ""
    out.unicodeScalars.append(contentsOf: scalars)
    return out
  }
}
