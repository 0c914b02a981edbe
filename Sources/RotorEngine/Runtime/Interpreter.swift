import Foundation
import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Evaluates Rotor programs: a tree walk over the AST (docs/language.md §2–§3).
///
/// Name lookup: parameters and block locals, then global bindings, then built-ins,
/// then dataset symbols. Errors are thrown as ``Diagnostic``s located at the node
/// that failed; nothing is printed here.
public final class Interpreter {
  /// The deepest nesting of user-function calls before an error.
  public static let maxCallDepth = 200
  /// The deepest nesting of expression evaluations (across calls) before an error: what
  /// bounds the stack an evaluation uses (docs/language.md "Limits"; evaluation runs on a
  /// ``DeepStack`` thread).
  public static let maxEvaluationDepth = 10_000

  /// The dataset symbols resolve against.
  public internal(set) var dataset: Dataset
  /// Global bindings: `x = ...`, `fn`, the prelude.
  public internal(set) var globals: [String: Value] = [:]
  /// Called for every value `print` shows.
  var onShow: (Value) -> Void = { _ in }
  /// Polled between statements and calls; returns true when the user pressed Ctrl-C.
  public var isInterrupted: @Sendable () -> Bool = { false }
  /// The value the last top-level statement showed: what the name `_` means (REPL and
  /// scripts alike), unless `_` is bound.
  public var lastShown: Value?
  /// What `import` and `use` do at the top level of a script (the session); without it
  /// they are refused, as they are inside blocks and functions.
  weak var topLevel: (any TopLevelStatements)?
  /// Safe mode (`--safe`, docs/security.md): no `save`, no `import`/`use` of files outside
  /// the script's folder, no cache writes.
  public var safeMode = false
  /// The directory relative paths resolve against.
  public var workingDirectory: String = FileManager.default.currentDirectoryPath

  /// Called with each `check(...)`/`alert(...)` result; without it the result's line is shown.
  var onCheck: ((CheckResult) -> Void)?
  /// The sides of the comparison the `check`/`alert` call being made was written as.
  var pendingCheckSides: CheckSides?

  var callDepth = 0
  var evaluationDepth = 0
  /// Counts calls between memory checks (``checkResources()``).
  var resourceTicks = 0
  var currentRange = SourceRange.none
  /// Testing only: `rotate` reads its signals this many calendar rows after each rebalance
  /// date (a deliberate peek), so that the look-ahead test can prove it catches one. Always
  /// 0 outside tests; not reachable from the language.
  package var signalPeek = 0

  /// Creates an interpreter over a dataset.
  public init(dataset: Dataset) {
    self.dataset = dataset
  }

  func show(_ value: Value) { onShow(value) }

  func checkInterrupt() throws(Diagnostic) {
    if isInterrupted() { throw Diagnostic.interrupted }
  }

  /// Checks the memory limit every 64th call (reading the resident size costs a system
  /// call): at each call, list literal and map item.
  func checkResources() throws(Diagnostic) {
    resourceTicks &+= 1
    if resourceTicks & 63 == 0 { try ResourceLimits.checkMemory() }
  }

  func resolvePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      return home + path.dropFirst(1)
    }
    return (workingDirectory as NSString).appendingPathComponent(path)
  }

  /// Binds a global name.
  public func define(_ name: String, _ value: Value) {
    globals[name] = value
  }

  /// Removes every binding.
  public func resetBindings() {
    globals.removeAll()
    lastShown = nil
  }

  /// Switches the dataset (`use`, `:data`).
  public func use(_ newDataset: Dataset) {
    dataset = newDataset
  }

  // MARK: Expressions

  func evaluate(_ expr: Expr, _ scope: Scope?, _ source: SourceFile) throws(Diagnostic) -> Value {
    evaluationDepth += 1
    defer { evaluationDepth -= 1 }
    if evaluationDepth > Interpreter.maxEvaluationDepth {
      throw Diagnostic(
        "expression nests deeper than \(Interpreter.maxEvaluationDepth) levels as it runs",
        at: expr.range, in: source,
        notes: ["a function that calls itself on a long expression nests its depth each time"])
    }
    do {
      return try evaluateUnlocated(expr, scope, source)
    } catch {
      throw error.located(in: source, default: expr.range)
    }
  }

  private func evaluateUnlocated(_ expr: Expr, _ scope: Scope?, _ source: SourceFile) throws(Diagnostic)
    -> Value
  {
    switch expr.kind {
    case .number(let v): return .number(v)
    case .string(let s): return .string(s)
    case .bool(let b): return .bool(b)
    case .date(let d): return .date(d)
    case .duration(let d): return .duration(try CalendarSpan.checked(d))
    case .name(let name): return try lookup(name, scope, at: expr.range, source)
    case .symbol(let symbol): return try symbolValue(symbol, at: expr.range, source)
    case .list(let items):
      var values: [Value] = []
      values.reserveCapacity(items.count)
      try ResourceLimits.checkList(count: items.count)
      for item in items { values.append(try evaluate(item, scope, source)) }
      try ResourceLimits.checkList(values)
      try checkResources()
      return .list(values)
    case .unary(let op, let operand):
      return try Operators.unary(op, try evaluate(operand, scope, source), operandExpr: operand)
    case .binary(let op, let lhs, let rhs):
      let left = try evaluate(lhs, scope, source)
      if case .bool(let b) = left, op == .and || op == .or {
        if op == .and && !b { return .bool(false) }
        if op == .or && b { return .bool(true) }
      }
      let right = try evaluate(rhs, scope, source)
      return try Operators.binary(op, left, right, lhs: lhs, rhs: rhs)
    case .call(let callee, let arguments):
      return try evaluateCall(callee, arguments, scope, source, range: expr.range)
    case .member(let receiver, let name, let nameRange, let arguments):
      return try evaluateMember(
        receiver, name, nameRange, arguments, scope, source, range: expr.range)
    case .index(let base, let spec):
      return try Indexing.index(try evaluate(base, scope, source), spec, dataset: dataset) {
        (e) throws(Diagnostic) in
        try self.evaluate(e, scope, source)
      }
    case .lambda(let parameters, let body):
      return .function(
        Callable.user(
          UserFunction(
            name: "<lambda>", parameters: parameters, body: body, closure: scope, source: source)))
    case .block(let statements):
      let local = Scope(parent: scope)
      var last: Value = .nothing
      for statement in statements {
        try checkInterrupt()
        last = try execute(statement, local, source, show: false) ?? .nothing
      }
      return last
    }
  }

  /// Every name visible from a scope (for suggestions and completion).
  public func visibleNames(includeSymbols: Bool = true) -> [String] {
    var names = Array(globals.keys) + Interpreter.constants.keys + Builtin.all.map(\.name)
    if includeSymbols { names += dataset.symbols }
    return names
  }

  /// Predefined names (docs/language.md §1): `nan`, the missing number. A binding of the
  /// same name hides it.
  static let constants: [String: Value] = ["nan": .number(.nan)]

  func lookup(_ name: String, _ scope: Scope?, at range: SourceRange, _ source: SourceFile)
    throws(Diagnostic) -> Value
  {
    if let v = scope?.lookup(name) ?? globals[name] { return v }
    if name == "_", let lastShown { return lastShown }
    if let constant = Interpreter.constants[name] { return constant }
    if let builtin = Builtin.named(name) { return .function(Callable.builtin(builtin)) }
    if let bars = dataset.bars(name) { return .bars(bars) }
    if let problem = dataset.problem(name) { throw problem }
    let candidates = (scope?.allNames ?? []) + visibleNames()
    throw Diagnostic(
      "unknown name '\(name)'", at: range, in: source,
      notes: [Suggestions.foreignHint(for: name), Suggestions.note(for: name, in: candidates)]
        .compactMap { $0 })
  }

  func symbolValue(_ symbol: String, at range: SourceRange, _ source: SourceFile) throws(Diagnostic)
    -> Value
  {
    if let bars = dataset.bars(symbol) { return .bars(bars) }
    if let problem = dataset.problem(symbol) { throw problem }
    throw Diagnostic(
      "unknown symbol `\(symbol)`", at: range, in: source,
      notes: Suggestions.note(for: symbol, in: dataset.symbols).map { [$0] } ?? [])
  }

  /// Resolves the name in call position: a function value first, then a built-in.
  func callable(_ name: String, _ scope: Scope?, at range: SourceRange, _ source: SourceFile)
    throws(Diagnostic) -> Callable
  {
    let bound = scope?.lookup(name) ?? globals[name]
    if case .function(let f)? = bound, let callable = f as? Callable { return callable }
    if let builtin = Builtin.named(name) { return .builtin(builtin) }
    if let bound {
      throw Diagnostic(
        "'\(name)' is a \(bound.kind.rawValue), not a function", at: range, in: source)
    }
    let functions =
      Builtin.all.map(\.name) + globals.compactMap { if case .function = $0.value { $0.key } else { nil } }
    throw Diagnostic(
      "unknown function '\(name)'", at: range, in: source,
      notes: [Suggestions.foreignHint(for: name), Suggestions.note(for: name, in: functions)]
        .compactMap { $0 })
  }

  func evaluateArguments(_ arguments: [Argument], _ scope: Scope?, _ source: SourceFile)
    throws(Diagnostic) -> [Binder.Given]
  {
    var given: [Binder.Given] = []
    given.reserveCapacity(arguments.count)
    for argument in arguments {
      given.append((argument.label, try evaluate(argument.value, scope, source)))
    }
    return given
  }

  func evaluateCall(
    _ callee: Expr, _ arguments: [Argument], _ scope: Scope?, _ source: SourceFile,
    range: SourceRange
  ) throws(Diagnostic) -> Value {
    let function: Callable
    if case .name(let name) = callee.kind {
      function = try callable(name, scope, at: callee.range, source)
    } else {
      let value = try evaluate(callee, scope, source)
      guard case .function(let fv) = value, let f = fv as? Callable else {
        throw Diagnostic(
          "a \(value.kind.rawValue) cannot be called", at: callee.range, in: source)
      }
      function = f
    }
    let given: [Binder.Given]
    if case .builtin(let builtin) = function, builtin.name == "check" || builtin.name == "alert",
      let sides = try checkSides(arguments.first, scope, source)
    {
      given =
        [(arguments[0].label, sides.value)]
        + (try evaluateArguments(Array(arguments.dropFirst()), scope, source))
      pendingCheckSides = sides.sides
    } else {
      given = try evaluateArguments(arguments, scope, source)
    }
    defer { pendingCheckSides = nil }
    return try call(function, given, at: range)
  }

  /// `check(a > b, …)`, `alert(a > b, …)`: evaluates the comparison keeping its two sides,
  /// so the report can show them and tell a missing side from a false comparison; nil for
  /// any other argument.
  func checkSides(_ argument: Argument?, _ scope: Scope?, _ source: SourceFile) throws(Diagnostic)
    -> (value: Value, sides: CheckSides)?
  {
    let comparisons: Set<BinaryOperator> = [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]
    guard let argument, argument.label == nil || argument.label == "condition",
      case .binary(let op, let lhs, let rhs) = argument.value.kind, comparisons.contains(op)
    else { return nil }
    let left = try evaluate(lhs, scope, source)
    let right = try evaluate(rhs, scope, source)
    do {
      let value = try Operators.binary(op, left, right, lhs: lhs, rhs: rhs)
      let sides = CheckSides(
        op: op, left: left, right: right, leftText: source.slice(lhs.range),
        rightText: source.slice(rhs.range))
      return (value, sides)
    } catch {
      throw error.located(in: source, default: argument.value.range)
    }
  }

  func evaluateMember(
    _ receiverExpr: Expr, _ name: String, _ nameRange: SourceRange, _ arguments: [Argument]?,
    _ scope: Scope?, _ source: SourceFile, range: SourceRange
  ) throws(Diagnostic) -> Value {
    try checkDottedSymbol(receiverExpr, name, scope, source, range: range)
    let receiver = try evaluate(receiverExpr, scope, source)
    if arguments == nil, let field = try Fields.field(of: receiver, name) {
      return field
    }
    let function = try callable(name, scope, at: nameRange, source)
    if case .builtin(let builtin) = function, builtin.name == "where", !Self.isCondition(receiver) {
      throw Diagnostic(
        "x.where(...) puts x in where's first place, the condition, and \(receiver.displayName) is not one",
        at: range, in: source,
        notes: [
          "where(c, a, b) picks a where c holds and b elsewhere; pandas' x.where(cond) is where(cond, x, nan)"
        ])
    }
    var given: [Binder.Given] = [(nil, receiver)]
    given += try evaluateArguments(arguments ?? [], scope, source)
    return try call(function, given, at: range)
  }

  /// `BRK.B` typed without backticks reads as the field `B` of an unknown name `BRK`: when
  /// `BRK` is unbound and `BRK.B` is a symbol, says to write it in backticks.
  func checkDottedSymbol(
    _ receiverExpr: Expr, _ member: String, _ scope: Scope?, _ source: SourceFile, range: SourceRange
  ) throws(Diagnostic) {
    guard case .name(let base) = receiverExpr.kind, scope?.lookup(base) == nil, globals[base] == nil,
      Interpreter.constants[base] == nil, Builtin.named(base) == nil, dataset.bars(base) == nil,
      dataset.bars(base + "." + member) != nil
    else { return }
    throw Diagnostic(
      "unknown name '\(base)'", at: range, in: source,
      notes: ["a symbol with a dot is written in backticks: `\(base).\(member)`"])
  }

  /// True when a value can be where's condition: a bool, or a series of 1, 0 and missing.
  static func isCondition(_ value: Value) -> Bool {
    switch value {
    case .bool: return true
    case .series(let s): return s.isBool || s.values.allSatisfy { $0.isNaN || $0 == 0 || $0 == 1 }
    default: return false
    }
  }

  /// Calls a built-in or user function with evaluated arguments.
  func call(_ function: Callable, _ given: [Binder.Given], at range: SourceRange) throws(Diagnostic)
    -> Value
  {
    try checkInterrupt()
    try checkResources()
    let saved = currentRange
    currentRange = range
    defer { currentRange = saved }
    switch function {
    case .builtin(let builtin):
      let arguments = try Binder.bind(builtin, given)
      do {
        return try builtin.body(arguments, CallContext(interpreter: self))
      } catch let diagnostic as Diagnostic {
        throw diagnostic
      } catch {
        throw Diagnostic("\(builtin.name): \(FileProblem.plain(error))")
      }
    case .user(let f):
      return try callUser(f, given)
    }
  }

  func callUser(_ f: UserFunction, _ given: [Binder.Given]) throws(Diagnostic) -> Value {
    guard callDepth < Interpreter.maxCallDepth else {
      throw Diagnostic(
        "too many nested calls (more than \(Interpreter.maxCallDepth)) in '\(f.name)'",
        notes: ["a function that calls itself needs a case that stops"])
    }
    callDepth += 1
    defer { callDepth -= 1 }
    let names = f.parameters.map(\.name)
    let bound = try Binder.match(f.name, parameters: names, variadic: false, signature: nil, given)
    let local = Scope(bound.values, parent: f.closure)
    for parameter in f.parameters where local.values[parameter.name] == nil {
      guard let defaultExpr = parameter.defaultValue else {
        throw Diagnostic("\(f.name): missing argument '\(parameter.name)'")
      }
      local.values[parameter.name] = try evaluate(defaultExpr, local, f.source)
    }
    return try evaluate(f.body, local, f.source)
  }

  // MARK: Statements

  /// Statements that act on the session rather than on values: only at the top level.
  protocol TopLevelStatements: AnyObject {
    /// `import "path"`: runs another script's definitions.
    func importFile(_ path: String, from source: SourceFile, at range: SourceRange) throws(Diagnostic)
    /// `use "path"`, `use default`, `use default + "path"`: switches the dataset.
    func use(_ choice: DataChoice, from source: SourceFile, at range: SourceRange) throws(Diagnostic)
  }

  /// Runs one statement; returns the value to show, if any.
  func execute(_ statement: Stmt, _ scope: Scope?, _ source: SourceFile, show: Bool) throws(Diagnostic)
    -> Value?
  {
    switch statement.kind {
    case .expression(let expr, let silent):
      let value = try evaluate(expr, scope, source)
      if case .nothing = value { return nil }
      return show && silent ? nil : value
    case .assign(let name, _, let valueExpr):
      let value = try evaluate(valueExpr, scope, source)
      if let scope { scope.values[name] = value } else { globals[name] = value }
      return nil
    case .function(let name, _, let parameters, let body):
      let f = UserFunction(
        name: name, parameters: parameters, body: body, closure: scope, source: source)
      if let scope {
        scope.values[name] = .function(Callable.user(f))
      } else {
        globals[name] = .function(Callable.user(f))
      }
      return nil
    case .importFile(let path, let range):
      guard scope == nil, let topLevel else { throw notAtTopLevel(statement, source) }
      try topLevel.importFile(path, from: source, at: range)
      return nil
    case .use(let onDefault, let paths, _):
      guard scope == nil, let topLevel else { throw notAtTopLevel(statement, source) }
      try topLevel.use(DataChoice(onDefault: onDefault, paths: paths), from: source, at: statement.range)
      return nil
    }
  }

  private func notAtTopLevel(_ statement: Stmt, _ source: SourceFile) -> Diagnostic {
    Diagnostic(
      "'import' and 'use' are only allowed at the top level of a script", at: statement.range,
      in: source)
  }
}
