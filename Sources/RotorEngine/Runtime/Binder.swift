import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Matches call arguments to parameters: positional then named, defaults, and the
/// central argument checks (docs/language.md §3: windows are whole numbers ≥ 1).
public enum Binder {
  /// An argument as evaluated at the call site.
  public typealias Given = (label: String?, value: Value)

  /// Binds arguments to a built-in's parameters, checking kinds.
  public static func bind(_ builtin: Builtin, _ given: [Given]) throws(Diagnostic) -> Arguments {
    let params = builtin.params
    let options = builtin.options
    var bound: [(name: String, value: Value)] = []
    bound.reserveCapacity(params.count + options.count)
    var rest: [Given] = []
    if given.count <= params.count && given.allSatisfy({ $0.label == nil }) {
      // Positional arguments only (the common call): the first parameters, in order.
      for (param, argument) in zip(params, given) {
        try check(builtin.name, param, argument.value)
        bound.append((param.name, argument.value))
      }
      for param in params.dropFirst(given.count) + options {
        try fillDefault(builtin, param, into: &bound)
      }
    } else {
      let matched = try match(
        builtin.name, parameters: params.map(\.name), options: options.map(\.name),
        variadic: builtin.variadic, signature: { builtin.signature }, given)
      rest = matched.rest
      for param in params + options {
        if let v = matched.values[param.name] {
          try check(builtin.name, param, v)
          bound.append((param.name, v))
        } else {
          try fillDefault(builtin, param, into: &bound)
        }
      }
    }
    return Arguments(function: builtin.name, bound: bound, rest: rest, given: given)
  }

  /// Binds `param`'s default, or throws when it is required.
  private static func fillDefault(
    _ builtin: Builtin, _ param: Builtin.Param, into bound: inout [(name: String, value: Value)]
  ) throws(Diagnostic) {
    switch param.defaultValue {
    case .required:
      throw Diagnostic(
        "\(builtin.name): missing argument '\(param.name)'",
        notes: ["signature: \(builtin.signature)"])
    case .value(let v): bound.append((param.name, v))
    case .absent: break
    }
  }

  /// Matches call arguments to parameter names, for built-ins and user functions alike:
  /// named arguments by name, positional ones to the first parameters not yet given.
  /// `options` are matched by name only. Extra arguments go to `rest` when `variadic`, else
  /// they are an error; `signature`, when given, is built only for an error and added to
  /// its notes.
  static func match(
    _ function: String, parameters: [String], options: [String] = [], variadic: Bool,
    signature: (() -> String)?, _ given: [Given]
  ) throws(Diagnostic) -> (values: [String: Value], rest: [Given]) {
    var values: [String: Value] = [:]
    if given.count <= parameters.count && given.allSatisfy({ $0.label == nil }) {
      // Positional arguments only (`map`'s and `filter`'s calls): the first parameters.
      values.reserveCapacity(given.count)
      for (name, argument) in zip(parameters, given) { values[name] = argument.value }
      return (values, [])
    }
    var rest: [Given] = []
    var position = 0
    for argument in given {
      if let label = argument.label {
        if parameters.contains(label) || options.contains(label) {
          if values[label] != nil { throw Diagnostic("\(function): argument '\(label)' given twice") }
          values[label] = argument.value
        } else if variadic {
          rest.append(argument)
        } else {
          let note = Suggestions.note(for: label, in: parameters + options)
          throw Diagnostic(
            "\(function): no parameter named '\(label)'",
            notes: (note.map { [$0] } ?? []) + (signature.map { ["signature: \($0())"] } ?? []))
        }
      } else {
        while position < parameters.count && values[parameters[position]] != nil { position += 1 }
        if position < parameters.count {
          values[parameters[position]] = argument.value
          position += 1
        } else if variadic {
          rest.append(argument)
        } else {
          throw Diagnostic(
            "\(function): too many arguments (takes \(parameters.count), got \(given.count))",
            notes: signature.map { ["signature: \($0())"] } ?? [])
        }
      }
    }
    return (values, rest)
  }

  /// Checks one argument against its parameter's kind.
  static func check(_ function: String, _ param: Builtin.Param, _ value: Value) throws(Diagnostic) {
    let name = param.name
    switch param.kind {
    case .window:
      guard case .number(let v) = value else {
        throw Diagnostic(
          "\(function): argument '\(name)' must be a whole number ≥ 1, got \(value.kind.rawValue)")
      }
      guard v >= 1, v == v.rounded(), v <= 1e9 else {
        let most = v > 1e9 && v == v.rounded() ? " and at most 10^9" : ""
        throw Diagnostic(
          "\(function): argument '\(name)' must be a whole number ≥ 1\(most), got \(Value.shortest(v))")
      }
    case .integer:
      guard case .number(let v) = value, v == v.rounded(), abs(v) <= 1e9 else {
        let most = value.isLargeWholeNumber ? " of at most 10^9 in size" : ""
        throw Diagnostic(
          "\(function): argument '\(name)' must be a whole number\(most), got \(describe(value))")
      }
    case .countOrSpan:
      if case .duration = value { return }
      guard case .number(let v) = value, v >= 0, v == v.rounded(), v <= 1e9 else {
        let most = value.isLargeWholeNumber ? " (at most 10^9)" : ""
        throw Diagnostic(
          "\(function): argument '\(name)' must be a whole number ≥ 0\(most) or a duration such as 3mo, got \(describe(value))"
        )
      }
    default:
      guard accepts(param.kind, value.kind) else {
        throw Diagnostic(
          "\(function): argument '\(name)' must be \(expected(param.kind)), got \(value.kind.rawValue)")
      }
    }
  }

  /// Whether a parameter kind accepts a value kind.
  static func accepts(_ kind: Builtin.Kind, _ valueKind: Value.Kind) -> Bool {
    switch kind {
    case .series: return valueKind == .series || valueKind == .bars
    case .window, .integer, .number: return valueKind == .number
    case .date: return valueKind == .date
    case .countOrSpan: return valueKind == .number || valueKind == .duration
    case .string: return valueKind == .string
    case .bool: return valueKind == .bool
    case .function: return valueKind == .function
    case .list: return valueKind == .list
    case .seriesOrNumber: return [.series, .bars, .number, .bool].contains(valueKind)
    case .seriesOrList: return [.series, .bars, .list].contains(valueKind)
    case .rows: return [.series, .bars, .table].contains(valueKind)
    case .any: return valueKind != .nothing
    }
  }

  static func expected(_ kind: Builtin.Kind) -> String {
    switch kind {
    case .series: return "a series"
    case .window: return "a whole number ≥ 1"
    case .integer: return "a whole number"
    case .number: return "a number"
    case .date: return "a date"
    case .countOrSpan: return "a whole number or a duration"
    case .string: return "a string"
    case .bool: return "true or false"
    case .function: return "a function"
    case .list: return "a list"
    case .seriesOrNumber: return "a series or a number"
    case .seriesOrList: return "a series or a list (of series or numbers)"
    case .rows: return "a series or a table with dates"
    case .any: return "a value"
    }
  }

  static func describe(_ value: Value) -> String {
    if case .number(let v) = value { return Value.shortest(v) }
    return value.kind.rawValue
  }
}

extension Value {
  /// A whole number past the binder's 10^9 limit on counts and windows (for its messages).
  fileprivate var isLargeWholeNumber: Bool {
    guard case .number(let v) = self else { return false }
    return v.isFinite && v == v.rounded() && abs(v) > 1e9
  }
}
