/// A whole script: its statements in order.
public struct Program: Sendable {
  /// The statements.
  public var statements: [Stmt]
  /// The source they came from.
  public let source: SourceFile

  /// Creates a program.
  public init(statements: [Stmt], source: SourceFile) {
    self.statements = statements
    self.source = source
  }
}

/// A binary operator.
public enum BinaryOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
  case power = "^"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case and, or

  /// Whether the result is a bool (comparison or logical operator).
  public var isLogical: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .remainder, .power: return false
    default: return true
    }
  }
}

/// A unary operator.
public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not
}

/// A call argument, positional or named (`fast=8`).
public struct Argument: Sendable {
  /// The name for a named argument.
  public let label: String?
  /// The value.
  public let value: Expr
  /// Where the whole argument is.
  public let range: SourceRange

  /// Creates an argument.
  public init(label: String?, value: Expr, range: SourceRange) {
    self.label = label
    self.value = value
    self.range = range
  }
}

/// A function or lambda parameter, with an optional default.
public struct Parameter: Sendable {
  /// Its name.
  public let name: String
  /// The default value's expression, evaluated at call time.
  public let defaultValue: Expr?
  /// Where it is.
  public let range: SourceRange

  /// Creates a parameter.
  public init(name: String, defaultValue: Expr?, range: SourceRange) {
    self.name = name
    self.defaultValue = defaultValue
    self.range = range
  }
}

/// The index part of `x[...]`.
public enum IndexSpec: Sendable {
  /// `x[d]`: the value as of `d`.
  case at(Expr)
  /// `x[a .. b]`, `x[a ..]`, `x[.. b]`: inclusive date range.
  case range(from: Expr?, to: Expr?)
}

/// An expression node and its source range.
public struct Expr: Sendable {
  /// What it is.
  public indirect enum Kind: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case date(Int32)
    case duration(DurationLiteral)
    /// An identifier: parameter, binding, built-in or dataset symbol.
    case name(String)
    /// A backtick symbol: always a dataset symbol.
    case symbol(String)
    case list([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `f(args)`.
    case call(callee: Expr, arguments: [Argument])
    /// `x.name(args)` (`arguments` is `nil` for `x.name` without parentheses).
    case member(receiver: Expr, name: String, nameRange: SourceRange, arguments: [Argument]?)
    case index(Expr, IndexSpec)
    /// `x => body` or `(a, b = 1) => body`.
    case lambda(parameters: [Parameter], body: Expr)
    /// `{ statements }` used as a function body: the value of the last expression.
    case block([Stmt])
  }

  /// The node.
  public let kind: Kind
  /// Where it is.
  public let range: SourceRange
  /// How many nodes deep the tree under this node is (1 for a leaf): what the parser's
  /// ``Parser/maxTreeDepth`` bounds, so that every recursive walk of a tree stays shallow.
  public let depth: Int

  /// Creates a node.
  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
    self.depth = 1 + Expr.childDepth(kind)
  }

  /// The depth of the deepest child of a node (0 for a leaf); each child knows its own, so
  /// this looks only one level down.
  private static func childDepth(_ kind: Kind) -> Int {
    switch kind {
    case .number, .string, .bool, .date, .duration, .name, .symbol: return 0
    case .list(let items): return items.reduce(0) { max($0, $1.depth) }
    case .unary(_, let x): return x.depth
    case .binary(_, let a, let b): return max(a.depth, b.depth)
    case .call(let callee, let arguments): return max(callee.depth, deepest(arguments))
    case .member(let receiver, _, _, let arguments):
      return max(receiver.depth, deepest(arguments ?? []))
    case .index(let base, .at(let key)): return max(base.depth, key.depth)
    case .index(let base, .range(let from, let to)):
      return max(base.depth, from?.depth ?? 0, to?.depth ?? 0)
    case .lambda(let parameters, let body): return max(body.depth, deepest(parameters))
    case .block(let statements): return statements.reduce(0) { max($0, $1.depth) }
    }
  }

  private static func deepest(_ arguments: [Argument]) -> Int {
    arguments.reduce(0) { max($0, $1.value.depth) }
  }

  private static func deepest(_ parameters: [Parameter]) -> Int {
    parameters.reduce(0) { max($0, $1.defaultValue?.depth ?? 0) }
  }
}

/// A statement.
public struct Stmt: Sendable {
  /// What it is.
  public enum Kind: Sendable {
    /// An expression whose value is shown unless `silent` (a trailing `;`).
    case expression(Expr, silent: Bool)
    /// `name = value`.
    case assign(name: String, nameRange: SourceRange, value: Expr)
    /// `fn name(params) = body` or `fn name(params) { ... }`.
    case function(name: String, nameRange: SourceRange, parameters: [Parameter], body: Expr)
    /// `import "path"`.
    case importFile(path: String, pathRange: SourceRange)
    /// `use "path"` (that dataset alone), `use default` (the default dataset) or
    /// `use default + "path" + ...` (the default dataset with your files over it).
    case use(onDefault: Bool, paths: [String], pathRanges: [SourceRange])
  }

  /// The node.
  public var kind: Kind
  /// Where it is.
  public let range: SourceRange

  /// Creates a statement.
  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// The depth of the deepest expression in the statement (see ``Expr/depth``).
  public var depth: Int {
    switch kind {
    case .expression(let e, _), .assign(_, _, let e): return e.depth
    case .function(_, _, let parameters, let body):
      return parameters.reduce(body.depth) { max($0, $1.defaultValue?.depth ?? 0) }
    case .importFile, .use: return 0
    }
  }
}
