import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Shapes shared by many built-ins, so that each built-in's file holds only its contract
/// and its kernel.
extension Builtin {
  /// A series → series built-in with a window `n`: `name(x, n)`.
  static func windowed(
    _ name: String, default defaultWindow: Double? = nil, summary: String, formula: String,
    explanation: String, example: String,
    kernel: @escaping @Sendable ([Double], Int) -> [Double]
  ) -> Builtin {
    Builtin(
      name,
      params: [
        Param("x", .series),
        Param("n", .window, default: defaultWindow.map { .value(.number($0)) } ?? .required),
      ],
      returns: [.series], effects: .pure, category: .transform, summary: summary, formula: formula,
      explanation: explanation, example: example
    ) { args, _ in
      let x = try args.series("x")
      return .series(x.with(values: kernel(x.values, try args.window("n")), name: args.callName))
    }
  }

  /// A series → series built-in with a lag `n` (a whole number, default 1).
  static func lagged(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    kernel: @escaping @Sendable ([Double], Int) -> [Double]
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .series), Param("n", .integer, default: .value(.number(1)))],
      returns: [.series], effects: .pure, category: .transform, summary: summary, formula: formula,
      explanation: explanation, example: example
    ) { args, _ in
      let x = try args.series("x")
      return .series(x.with(values: kernel(x.values, try args.integer("n")), name: args.callName))
    }
  }

  /// An elementwise built-in, `name(x)`: applied to every row of a series, or to a number.
  static func elementwise(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    _ op: @escaping @Sendable (Double) -> Double
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .seriesOrNumber)], returns: [.series, .number], effects: .pure,
      category: .transform, summary: summary, formula: formula, explanation: explanation,
      example: example
    ) { args, _ in
      if case .number(let v) = try args.value("x") { return .number(op(v)) }
      return .series(try args.series("x").map(name: args.callName, op))
    }
  }

  /// A series → number reduction: `name(x)`.
  static func reduction(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    _ reduce: @escaping @Sendable (Series) -> Double
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .series)], returns: [.number], effects: .pure, category: .reduction,
      summary: summary, formula: formula, explanation: explanation, example: example
    ) { args, _ in
      .number(reduce(try args.series("x")))
    }
  }

  /// A two-series built-in aligned on the intersection of dates: `name(a, b)`.
  static func pairwise(
    _ name: String, summary: String, formula: String, explanation: String, example: String,
    _ op: @escaping @Sendable (Double, Double) -> Double
  ) -> Builtin {
    Builtin(
      name, params: [Param("a", .series), Param("b", .series)], returns: [.series], effects: .pure,
      category: .transform, summary: summary, formula: formula, explanation: explanation,
      example: example
    ) { args, _ in
      .series(Series.combine(try args.series("a"), try args.series("b"), name: args.callName, op))
    }
  }
}

/// What selections cut: a series (bars act as their default series) or a time table.
struct DatedRows {
  private let value: Value
  /// The dates of the rows.
  let index: DateIndex

  /// Reads argument `name`; a cross-section table is an error.
  init(_ args: Arguments, _ name: String) throws(Diagnostic) {
    let raw = try args.value(name)
    if case .table(let table) = raw {
      guard case .dates(let index) = table.rows else {
        throw args.error(name, "must be a series or a table with dates, got a table of labels")
      }
      self.value = raw
      self.index = index
    } else {
      let series = try args.series(name)
      self.value = .series(series)
      self.index = series.index
    }
  }

  /// Number of rows.
  var count: Int { index.count }

  /// The rows in `range`, keeping the input's name (selections do not rename).
  func slice(_ range: Range<Int>) -> Value {
    switch value {
    case .table(let table): return .table(table.sliceRows(range))
    case .series(let series): return .series(series.slice(range))
    default: return value
    }
  }

  /// The rows whose dates fall in `from...to` (either end open when `nil`).
  func between(_ from: Int32?, _ to: Int32?) -> Value {
    let lo = from.map { index.lowerBound($0) } ?? 0
    let hi = to.map { index.upperBound($0) } ?? count
    return slice(lo..<Swift.max(lo, hi))
  }

  /// The series, when the rows are a series (for the one-argument reductions).
  var series: Series? {
    if case .series(let s) = value { return s }
    return nil
  }
}
