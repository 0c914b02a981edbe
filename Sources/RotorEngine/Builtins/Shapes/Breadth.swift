import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// What the breadth built-ins share: reading a universe argument, and turning tallies
/// into series over the panel's calendar.
extension Arguments {
  /// A universe argument: a non-empty list whose items are bars (their default series) or
  /// series, with a label per item (the list's labels, else each item's display name).
  func universe(_ name: String) throws(Diagnostic) -> (members: [Series], labels: [String]) {
    guard case .list(let items, let labels) = try value(name) else {
      throw error(name, "must be a list of symbols or series, e.g. universe() or sectors")
    }
    guard !items.isEmpty else {
      throw Diagnostic(
        "\(function): argument '\(name)' is an empty list",
        notes: ["give a universe such as universe(), members(\"Energy\"), sectors or [XLK, XLF]"])
    }
    // Members whose closes were never read decode them on all cores (a universe's first use).
    let undecoded = items.compactMap { item -> Bars? in
      guard case .bars(let b) = item, let field = b.defaultField, !b.isDecoded(field) else { return nil }
      return b
    }
    Parallel.forEach(undecoded.count) { _ = undecoded[$0].values(undecoded[$0].defaultField ?? .close) }
    var members: [Series] = []
    members.reserveCapacity(items.count)
    for (k, item) in items.enumerated() {
      guard let s = item.asSeries else {
        throw Diagnostic(
          "\(function): argument '\(name)' must be a list of symbols or series; item \(k + 1) is a \(item.kind.rawValue) (\(item.displayName))"
        )
      }
      members.append(s)
    }
    let names = labels ?? items.map(\.displayName)
    return (members, names)
  }

}

extension Panel {
  /// A series over the panel's calendar.
  func series(_ values: [Double], name: String) -> Series {
    Series(index: calendar, values: values, name: name)
  }
}

/// A universe's panel as the breadth built-ins read it: every member on every date, or,
/// with a point-in-time mask (`pit=true`), each member only on the dates it was in the index.
struct Breadth {
  /// The members laid out (shared, cached).
  let panel: Panel
  /// The membership mask, or `nil` to count every member on every date.
  let mask: Panel.Mask?

  private func tally(_ statistic: Panel.Statistic, _ context: CallContext) throws(Diagnostic) -> Panel.Tally {
    try panel.tally(statistic, mask: mask) { () throws(Diagnostic) in try context.checkInterrupt() }
  }

  /// One total of a statistic (missing on dates where no member counts).
  func total(_ statistic: Panel.Statistic, _ k: Int = 0, _ context: CallContext) throws(Diagnostic)
    -> [Double]
  {
    try tally(statistic, context).totals[k]
  }

  /// The share of counted members meeting the condition, in percent (missing where none count).
  func percent(_ statistic: Panel.Statistic, _ context: CallContext) throws(Diagnostic) -> [Double] {
    let t = try tally(statistic, context)
    return zip(t.totals[0], t.counted).map { hits, counted in counted > 0 ? 100 * hits / counted : .nan }
  }

  /// Advancers − decliners per date (missing where no member has two consecutive closes).
  func net(_ context: CallContext) throws(Diagnostic) -> [Double] {
    let t = try tally(.change, context)
    return zip(t.totals[0], t.totals[1]).map(-)
  }

  /// The McClellan oscillator of the net advances: ema(net, 19) − ema(net, 39), Rotor's EMA
  /// (SMA-seeded, missing values skipped).
  func mcclellan(_ context: CallContext) throws(Diagnostic) -> [Double] {
    let net = try net(context)
    return zip(Kernels.ema(net, 19), Kernels.ema(net, 39)).map(-)
  }

  /// The ratio-adjusted McClellan oscillator: the same EMAs of the net advances as a share
  /// of the issues that moved, in thousandths, (advancers − decliners) / (advancers +
  /// decliners) × 1000 (missing on a date where no member moved).
  func mcclellanRatio(_ context: CallContext) throws(Diagnostic) -> [Double] {
    let t = try tally(.change, context)
    let ratio = zip(t.totals[0], t.totals[1]).map { adv, dec in
      adv + dec > 0 ? (adv - dec) / (adv + dec) * 1000 : Double.nan
    }
    return zip(Kernels.ema(ratio, 19), Kernels.ema(ratio, 39)).map(-)
  }

  /// The daily-rebalanced equal-weight index: 100 on the first date of the calendar, then
  /// × (1 + mean return of the members that have one); missing on a date where none has
  /// one, the level carrying over.
  func equalWeight(_ context: CallContext) throws(Diagnostic) -> [Double] {
    let t = try tally(.returns, context)
    var out = [Double](repeating: .nan, count: panel.calendar.count)
    guard !out.isEmpty else { return out }
    var level = 100.0
    out[0] = level
    for p in 1..<out.count where t.counted[p] > 0 {
      level *= 1 + t.totals[0][p] / t.counted[p]
      out[p] = level
    }
    return out
  }
}

extension Arguments {
  /// The universe argument `u` as breadth reads it: its panel, masked by the dataset's
  /// membership history when `pit` is true (members are named by their labels, i.e. their
  /// symbols: a bars item by its symbol, another by its label; a member absent from the
  /// history never counts).
  func breadth(_ context: CallContext) throws(Diagnostic) -> Breadth {
    let (members, labels) = try universe("u")
    let panel = Panel.cached(members)
    guard has("pit"), try bool("pit") else { return Breadth(panel: panel, mask: nil) }
    guard let membership = context.dataset.membership else {
      throw error(
        "pit", "needs a membership history, and this dataset has none (the bundled data has the S&P 500's)")
    }
    // A member is named by its symbol when it is bars, else by its label.
    var symbols = labels
    if case .list(let items, _) = try value("u") {
      for (k, item) in items.enumerated() where k < symbols.count {
        if case .bars(let bars) = item { symbols[k] = bars.symbol }
      }
    }
    let spells = symbols.map { membership.spells[$0] ?? [] }
    guard spells.contains(where: { !$0.isEmpty }) else {
      throw error("pit", "none of the members is in the index's membership history (pass universe())")
    }
    return Breadth(panel: panel, mask: Panel.Mask(spells))
  }
}

extension Series {
  /// The value as of `day`: on the last date on or before it (missing before the first date).
  func valueOrMissing(asOf day: Int32) -> Double {
    index.positionAsOf(day).map { values[$0] } ?? .nan
  }

  /// The last non-missing value dated on or before `day` (pandas `Series.asof`); missing
  /// when there is none.
  func lastValue(onOrBefore day: Int32) -> Double {
    guard var p = index.positionAsOf(day) else { return .nan }
    while p > 0 && values[p].isNaN { p -= 1 }
    return values[p]
  }
}

extension Builtin {
  /// A universe → series breadth built-in: `name(u, extra...)`, computed on the universe's
  /// panel and named by the call.
  static func breadth(
    _ name: String, extra: [Param] = [], summary: String, formula: String, explanation: String,
    example: String,
    compute: @escaping @Sendable (Breadth, Arguments, CallContext) throws -> [Double]
  ) -> Builtin {
    Builtin(
      name, params: [Param("u", .list)] + extra + [Param("pit", .bool, default: .value(.bool(false)))],
      returns: [.series], effects: .pure, category: .universe,
      summary: summary, formula: formula, explanation: explanation, example: example
    ) { args, context in
      let breadth = try args.breadth(context)
      return .series(breadth.panel.series(try compute(breadth, args, context), name: args.callName))
    }
  }
}
