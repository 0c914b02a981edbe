import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let tail = Builtin(
    "tail", params: [Param("x", .rows), Param("n", .integer)], returns: [.series, .table], effects: .pure,
    category: .selection,
    summary: "The last n rows.",
    formula: "tail(x,n) = the last min(n, count) rows of x (pandas tail); n ≥ 0",
    explanation: """
      The most recent rows, e.g. the last week of a breadth reading. The result keeps the \
      input's name. Pitfall: rows are trading days; use last(x, 1mo) for a calendar span. Text output \
      shows every row asked for, up to 100 (rotor --rows N changes the limit); a \
      cross-section table is cut to its last n rows.
      """,
    example: "ratio(RSP, SPY).tail(5)"
  ) { args, _ in
    let x = try DatedRows(args, "x", labels: true)
    let n = try args.integer("n")
    guard n >= 0 else { throw args.error("n", "must be a whole number ≥ 0, got \(n)") }
    return x.selected(Swift.max(0, x.count - n)..<x.count, .last)
  }
}
