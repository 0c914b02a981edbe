import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// A built-in function: its contract (used by the binder, `:help`, completion and
/// `Grammar/builtins.md`) and its body.
///
/// Each built-in lives in its own file under `Builtins/<Category>/`, as one
/// `static let` in an extension of `Builtin`, and is listed in ``Builtin/all``.
public struct Builtin: Sendable {
  /// Where the built-in is listed in `:help` (docs/language.md §4's groups).
  public enum Category: String, Sendable, CaseIterable {
    case transform = "Series → series"
    case table = "Series → table"
    case selection = "Selection"
    case reduction = "Reductions"
    case universe = "Universe, breadth and lists"
    case building = "Building and output"
  }

  /// What an argument must be; the binder checks it before the body runs.
  public enum Kind: Sendable, Equatable {
    /// A series, or bars (their default series).
    case series
    /// A whole number ≥ 1: a window in rows.
    case window
    /// A whole number (any sign).
    case integer
    /// Any number.
    case number
    case date
    /// A whole number ≥ 0 of rows, or a duration.
    case countOrSpan
    case string
    case bool
    case function
    case list
    /// A series or a number (broadcast).
    case seriesOrNumber
    /// A series, or a list (of series, reduced across members date by date, or of numbers).
    case seriesOrList
    /// Something with dated rows: a series, bars, or a time table (for selections).
    case rows
    /// Anything.
    case any
  }

  /// What happens when an argument is not given.
  public enum Default: Sendable {
    /// It must be given.
    case required
    /// This value is used.
    case value(Value)
    /// The body sees it as absent (and picks a behaviour).
    case absent
  }

  /// One parameter.
  public struct Param: Sendable {
    /// Its name: also the keyword for named arguments.
    public let name: String
    /// What it accepts.
    public let kind: Kind
    /// What happens when it is not given.
    public let defaultValue: Default

    /// Creates a parameter.
    public init(_ name: String, _ kind: Kind, default defaultValue: Default = .required) {
      self.name = name
      self.kind = kind
      self.defaultValue = defaultValue
    }

    /// How it reads in a signature: `n`, `n=14`, `[d]`.
    public var signature: String {
      switch defaultValue {
      case .required: return name
      case .value(let v): return "\(name)=\(v.displayName)"
      case .absent: return "[\(name)]"
      }
    }
  }

  /// What calling the built-in does besides returning its value; parallel `map` runs only
  /// functions whose every call is to a `.pure` built-in (see `ParallelMap`).
  public enum Effects: Sendable, Equatable {
    /// Only computes its result from its arguments and the dataset.
    case pure
    /// Calls a function it is given (`map`, `filter`, `sort`): as pure as that function.
    case callsFunctions
    /// Shows, draws or writes something (`print`, `plot`, `save`).
    case io
  }

  /// The body: bound arguments in, value out. Errors thrown here are reported at the call.
  public typealias Body = @Sendable (Arguments, CallContext) throws -> Value

  /// The name users call.
  public let name: String
  /// The parameters in positional order.
  public let params: [Param]
  /// Named-only options, given as `name=value` after the arguments (`plot(x, title="…")`):
  /// bound and checked like parameters, never filled by position.
  public let options: [Param]
  /// Whether extra positional and named arguments are accepted (as `print(...)`).
  public let variadic: Bool
  /// The kinds it can return, in the order the signature line shows them.
  public let returns: [Value.Kind]
  /// What calling it does besides returning a value.
  public let effects: Effects
  /// Its group.
  public let category: Category
  /// One line, shown in completion lists and `:help`.
  public let summary: String
  /// The formula or exact convention.
  public let formula: String
  /// What it measures and how it is read, for a student.
  public let explanation: String
  /// A Rotor expression that runs on the bundled dataset (tested).
  public let example: String
  /// The implementation.
  public let body: Body

  /// Creates a built-in.
  public init(
    _ name: String, params: [Param], options: [Param] = [], variadic: Bool = false,
    returns: [Value.Kind], effects: Effects, category: Category, summary: String, formula: String,
    explanation: String = "",
    example: String, body: @escaping Body
  ) {
    self.name = name
    self.params = params
    self.options = options
    self.variadic = variadic
    self.returns = returns
    self.effects = effects
    self.category = category
    self.summary = summary
    self.formula = formula
    self.explanation = explanation
    self.example = example
    self.body = body
  }

  /// `sma(x, n) -> series`; options follow the parameters: `plot(x, ..., title="")`.
  public var signature: String {
    var parts = params.map(\.signature)
    if variadic { parts.append("...") }
    parts += options.map(\.signature)
    return "\(name)(\(parts.joined(separator: ", "))) -> \(returns.map(\.rawValue).joined(separator: " | "))"
  }

  /// The parameter or option called `name`.
  public func parameter(named name: String) -> Param? {
    params.first { $0.name == name } ?? options.first { $0.name == name }
  }

  /// Whether a value of this kind can be the first argument (for completion after `.`).
  public func acceptsReceiver(_ kind: Value.Kind) -> Bool {
    guard let first = params.first else { return false }
    return Binder.accepts(first.kind, kind)
  }
}
