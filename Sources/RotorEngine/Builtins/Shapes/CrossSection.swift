import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Cross-sectional reductions: the reductions (`mean`, `median`, `sum`, `count`, `min`,
/// `max`, `std`, `quantile`, `share`) given a list instead of a series (docs/language.md §4).
///
/// Aggregate versus uniform, as in q: `mean(series)` reduces over the dates and gives a
/// number; `mean(list of series)` reduces across the members on each date and gives a series
/// over the union of the members' dates (as the breadth built-ins), a member counting only on
/// the dates where it has a value; `mean(list of numbers)` gives a number.
enum CrossSection {
  /// What is computed across the members on each date.
  enum Statistic: Sendable {
    case sum, mean, count, min, max, std, share
    /// The median: the mean of the two middle values for an even count (pandas median).
    static var median: Statistic { .quantile(0.5) }
    /// The q-quantile, linearly interpolated between order statistics (pandas' default).
    case quantile(Double)

    /// Whether it needs every member's value on a date at once (else it accumulates).
    var needsColumn: Bool {
      switch self {
      case .std, .quantile: return true
      default: return false
      }
    }
  }

  /// A list argument read for a cross-sectional reduction.
  enum Items {
    /// Series (or bars, as their default series): reduced date by date.
    case series([Series])
    /// Numbers (bools as 1/0): reduced to one number.
    case numbers([Double])
  }

  /// The statistic of `members` on each date of the union of their dates, in
  /// O(members × dates): accumulated by scatter into contiguous per-date arrays, or, for
  /// order statistics and `std`, gathered into one date-major matrix (a date's members
  /// contiguous) and reduced per date.
  static func series(
    _ statistic: Statistic, _ members: [Series], name: String, function: String,
    check: () throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> Series {
    let panel = Panel(members)
    let values =
      statistic.needsColumn
      ? try columns(statistic, panel, check: check)
      : try accumulate(statistic, panel, function: function, check: check)
    return Series(index: panel.calendar, values: values, name: name)
  }

  /// Sum, mean, count, min, max and share: one pass over each member's rows.
  private static func accumulate(
    _ statistic: Statistic, _ panel: Panel, function: String, check: () throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> [Double] {
    let width = panel.calendar.count
    let start: Double
    switch statistic {
    case .min: start = .infinity
    case .max: start = -.infinity
    default: start = 0
    }
    var counted = [Double](repeating: 0, count: width)
    var total = [Double](repeating: start, count: width)
    // Neumaier compensation for sums and means.
    var compensation = [Double](repeating: 0, count: width)
    var notBool: Double? = nil
    try counted.withUnsafeMutableBufferPointer { (c) throws(Diagnostic) in
      try total.withUnsafeMutableBufferPointer { (t) throws(Diagnostic) in
        try compensation.withUnsafeMutableBufferPointer { (e) throws(Diagnostic) in
          try panel.forEachMember(check: check) { _, v, pos in
            switch statistic {
            case .sum, .mean:
              for i in 0..<v.count where !v[i].isNaN {
                let p = Int(pos[i])
                c[p] += 1
                let x = v[i]
                let s = t[p] + x
                e[p] += abs(t[p]) >= abs(x) ? (t[p] - s) + x : (x - s) + t[p]
                t[p] = s
              }
            case .count:
              for i in 0..<v.count where !v[i].isNaN { c[Int(pos[i])] += 1 }
            case .min:
              for i in 0..<v.count where !v[i].isNaN {
                let p = Int(pos[i])
                c[p] += 1
                if v[i] < t[p] { t[p] = v[i] }
              }
            case .max:
              for i in 0..<v.count where !v[i].isNaN {
                let p = Int(pos[i])
                c[p] += 1
                if v[i] > t[p] { t[p] = v[i] }
              }
            case .share:
              for i in 0..<v.count where !v[i].isNaN {
                let p = Int(pos[i])
                c[p] += 1
                if v[i] == 1 {
                  t[p] += 1
                } else if v[i] != 0 {
                  notBool = v[i]
                }
              }
            case .std, .quantile:
              break
            }
          }
        }
      }
    }
    if let bad = notBool {
      throw Diagnostic(
        "\(function): the members must be conditions (bool series such as s > s.sma(200)), got the value \(Value.shortest(bad))",
        notes: ["write the condition inside map: share(map(u, s => s > s.sma(200)))"])
    }
    var out = [Double](repeating: .nan, count: width)
    for p in 0..<width {
      let k = counted[p]
      switch statistic {
      case .count: out[p] = k
      case .sum: if k > 0 { out[p] = total[p] + compensation[p] }
      case .mean: if k > 0 { out[p] = (total[p] + compensation[p]) / k }
      case .min, .max: if k > 0 { out[p] = total[p] }
      case .share: if k > 0 { out[p] = 100 * total[p] / k }
      case .std, .quantile: break
      }
    }
    return out
  }

  /// Std and quantiles: the members' values gathered date-major (missing where a member has
  /// no row), then each date's present values reduced in a scratch buffer.
  private static func columns(
    _ statistic: Statistic, _ panel: Panel, check: () throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> [Double] {
    let width = panel.calendar.count
    let m = panel.members.count
    var matrix = [Double](repeating: .nan, count: width * m)
    try matrix.withUnsafeMutableBufferPointer { (a) throws(Diagnostic) in
      try panel.forEachMember(check: check) { k, v, pos in
        for i in 0..<v.count { a[Int(pos[i]) * m + k] = v[i] }
      }
    }
    var out = [Double](repeating: .nan, count: width)
    var scratch = [Double](repeating: 0, count: m)
    matrix.withUnsafeBufferPointer { a in
      scratch.withUnsafeMutableBufferPointer { s in
        for p in 0..<width {
          var k = 0
          for j in 0..<m {
            let x = a[p * m + j]
            if !x.isNaN {
              s[k] = x
              k += 1
            }
          }
          guard k > 0 else { continue }
          let present = UnsafeMutableBufferPointer(rebasing: s[0..<k])
          switch statistic {
          case .quantile(let q): out[p] = quantile(present, q)
          case .std: out[p] = std(UnsafeBufferPointer(present))
          default: break
          }
        }
      }
    }
    return out
  }

  /// The q-quantile of `a` (no NaN, rearranged): linear between the order statistics at
  /// ⌊h⌋ and ⌈h⌉, h = q·(k − 1) (pandas/numpy "linear"); the median is the mean of the two
  /// middle values, as pandas' median.
  static func quantile(_ a: UnsafeMutableBufferPointer<Double>, _ q: Double) -> Double {
    let k = a.count
    guard k > 0 else { return .nan }
    let h = q * Double(k - 1)
    let lo = Int(h.rounded(.down))
    Kernels.select(a, lo)
    let low = a[lo]
    let t = h - Double(lo)
    guard t > 0, lo + 1 < k else { return low }
    // After selection every element after `lo` is >= a[lo]: the next order statistic is their min.
    var high = a[lo + 1]
    for j in (lo + 1)..<k where a[j] < high { high = a[j] }
    if q == 0.5 { return (low + high) / 2 }
    // numpy's lerp: exact at both ends.
    return t < 0.5 ? low + (high - low) * t : high - (high - low) * (1 - t)
  }

  /// Sample standard deviation (ddof = 1), missing for fewer than two values; two-pass.
  private static func std(_ a: UnsafeBufferPointer<Double>) -> Double {
    let k = a.count
    guard k >= 2 else { return .nan }
    var sum = 0.0
    for x in a { sum += x }
    let mean = sum / Double(k)
    var s1 = 0.0
    var s2 = 0.0
    for x in a {
      let d = x - mean
      s1 += d
      s2 += d * d
    }
    return (Swift.max(s2 - s1 * s1 / Double(k), 0) / Double(k - 1)).squareRoot()
  }

  /// The statistic of a list of numbers (missing values skipped), as of a series.
  static func number(_ statistic: Statistic, _ values: [Double]) -> Double {
    switch statistic {
    case .sum: return Kernels.sum(values)
    case .mean: return Kernels.mean(values)
    case .count: return Double(Kernels.count(values))
    case .min: return Kernels.min(values)
    case .max: return Kernels.max(values)
    case .std: return Kernels.std(values)
    case .share:
      let present = values.filter { !$0.isNaN }
      return present.isEmpty ? .nan : 100 * Double(present.filter { $0 != 0 }.count) / Double(present.count)
    case .quantile(let q):
      var present = values.filter { !$0.isNaN }
      return present.withUnsafeMutableBufferPointer { quantile($0, q) }
    }
  }
}

extension Arguments {
  /// A list argument as cross-sectional items: all series/bars, or all numbers/bools.
  func crossSectionItems(_ name: String) throws(Diagnostic) -> CrossSection.Items {
    guard case .list(let items, _) = try value(name) else { throw error(name, "must be a list") }
    if items.allSatisfy({ $0.kind == .number || $0.kind == .bool }) {
      return .numbers(
        items.map {
          switch $0 {
          case .number(let v): return v
          case .bool(let b): return b ? 1 : 0
          default: return .nan
          }
        })
    }
    var members: [Series] = []
    members.reserveCapacity(items.count)
    for (k, item) in items.enumerated() {
      guard let s = item.asSeries else {
        throw error(
          name,
          "must be a list of series (reduced date by date) or of numbers; item \(k + 1) is a \(item.kind.rawValue) (\(item.displayName))"
        )
      }
      members.append(s)
    }
    return .series(members)
  }
}

extension Builtin {
  /// A reduction over a series (→ number), across a list of series date by date (→ series),
  /// or over a list of numbers (→ number): `name(x, extra...)`.
  static func crossReduction(
    _ name: String, extra: [Param] = [], summary: String, formula: String, explanation: String,
    example: String,
    statistic: @escaping @Sendable (Arguments) throws(Diagnostic) -> CrossSection.Statistic,
    reduce: @escaping @Sendable (Series, Arguments) throws -> Double
  ) -> Builtin {
    Builtin(
      name, params: [Param("x", .seriesOrList)] + extra, returns: [.number, .series], effects: .pure,
      category: .reduction, summary: summary, formula: formula, explanation: explanation,
      example: example
    ) { args, context in
      guard case .list = try args.value("x") else {
        return .number(try reduce(try args.series("x"), args))
      }
      let stat = try statistic(args)
      switch try args.crossSectionItems("x") {
      case .numbers(let values):
        return .number(CrossSection.number(stat, values))
      case .series(let members):
        return .series(
          try CrossSection.series(stat, members, name: args.callName, function: name) {
            () throws(Diagnostic) in try context.checkInterrupt()
          })
      }
    }
  }

  /// A one-argument reduction with a fixed cross-sectional statistic.
  static func crossReduction(
    _ name: String, _ statistic: CrossSection.Statistic, summary: String, formula: String,
    explanation: String, example: String, _ reduce: @escaping @Sendable (Series) -> Double
  ) -> Builtin {
    crossReduction(
      name, summary: summary, formula: formula, explanation: explanation, example: example,
      statistic: { _ in statistic }, reduce: { s, _ in reduce(s) })
  }
}
