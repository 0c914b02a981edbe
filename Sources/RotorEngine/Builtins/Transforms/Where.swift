import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let `where` = Builtin(
    "where",
    params: [Param("c", .seriesOrNumber), Param("a", .seriesOrNumber), Param("b", .seriesOrNumber)],
    returns: [.series, .number], effects: .pure, category: .transform,
    summary: "Picks a where the condition holds and b elsewhere, row by row.",
    formula: """
      where(c,a,b)[t] = a[t] if c[t] is true, b[t] if false, missing if c[t] is missing; on \
      the dates common to the series among c, a and b (numbers apply to every date); with \
      c true or false (not a series), where(c,a,b) = a if c else b
      """,
    explanation: """
      The vectorised if: where(SPY > SPY.sma(200), 1, 0) is a trend regime flag, and \
      where(lag(SPY > SPY.sma(200)), SPY.ret(), 0) the returns of a strategy that holds SPY \
      only above its 200-day average (acting the next day). Pitfall: without the lag, the \
      signal uses the same close it trades on (look-ahead). Given a plain true or false, it \
      is the if-expression: where(n > 100, 100, n).
      """,
    example: "where(lag(SPY > SPY.sma(200)), SPY.ret(), 0).since(2025-01-02).sum()"
  ) { args, _ in
    switch try args.value("c") {
    case .bool(let holds): return try args.value(holds ? "a" : "b")
    case .number(let v):
      throw args.error(
        "c", "must be a condition (true, false or a bool series), got the number \(Value.shortest(v))")
    default: break
    }
    let c = try args.series("c")
    if !c.isBool, c.values.contains(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
      throw args.error("c", "must be a condition (a bool series such as SPY > SPY.sma(200)), got \(c.name)")
    }
    let a = try branch(args.value("a"))
    let b = try branch(args.value("b"))
    var index = c.index
    for case .series(let s) in [a, b] { index = Alignment.intersect(index, s.index).index }
    let cond = conform(c, to: index)
    let left = conformed(a, to: index)
    let right = conformed(b, to: index)
    var out = [Double](repeating: .nan, count: index.count)
    for i in out.indices where !cond[i].isNaN {
      out[i] = cond[i] != 0 ? left(i) : right(i)
    }
    return .series(Series(index: index, values: out, name: args.callName, isBool: isBool(a) && isBool(b)))
  }
}

/// A branch of `where`: a series (bars resolved), or a constant (numbers; bools as 1/0).
private enum Branch {
  case series(Series)
  case constant(Double, isBool: Bool)
}

private func branch(_ value: Value) -> Branch {
  switch value {
  case .number(let v): return .constant(v, isBool: false)
  case .bool(let b): return .constant(b ? 1 : 0, isBool: true)
  default: return value.asSeries.map { .series($0) } ?? .constant(.nan, isBool: false)
  }
}

private func isBool(_ b: Branch) -> Bool {
  switch b {
  case .series(let s): return s.isBool
  case .constant(_, let isBool): return isBool
  }
}

/// The values of `s` on `index`, whose dates are all dates of `s`.
private func conform(_ s: Series, to index: DateIndex) -> [Double] {
  if s.index.sameDates(as: index) { return s.values }
  var out = [Double]()
  out.reserveCapacity(index.count)
  var j = 0
  for day in index.days {
    while s.index.days[j] < day { j += 1 }
    out.append(s.values[j])
  }
  return out
}

private func conformed(_ b: Branch, to index: DateIndex) -> (Int) -> Double {
  switch b {
  case .series(let s):
    let values = conform(s, to: index)
    return { values[$0] }
  case .constant(let v, _):
    return { _ in v }
  }
}
