import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let plot = Builtin(
    "plot", params: [],
    options: [
      Param("title", .string, default: .value(.string(""))),
      Param("scale", .string, default: .value(.string("auto"))),
      Param("panels", .any, default: .absent),
      Param("tail", .integer, default: .absent),
    ],
    variadic: true, returns: [.chart], effects: .io, category: .building,
    summary: "Draws series as a line chart, or an rrg table as the four-quadrant rotation graph.",
    formula: """
      plot(x, y, ..., title="", scale="auto", panels) → a line chart of series, bars (their \
      default series), lists of series and time tables (every numeric column); a named \
      argument that is not an option is a line named by it (plot(rs=ratio(RSP, SPY))); lines \
      share the union of their dates. scale="shared" draws every line in its own units on \
      one axis; scale="rebased" draws each as its % change since the first date on which \
      all have a value, a line derived from an earlier one (its name holds the other's, \
      levels within a factor of 1.5: x.sma(50) of x) on its source's value, so it stays \
      where it is against it; "auto" (the default) rebases when some family of lines would \
      fill less than half of a shared axis and every value is positive; scale="log" draws \
      one logarithmic axis (equal distances are equal % moves), labelled even over a short \
      span. panels=true stacks one panel per argument, panels=[1, 1, 2] puts each argument \
      in the panel numbered, panels=false keeps one; not given, lines that would be \
      flattened and cannot be rebased (a value ≤ 0: an oscillator beside a cumulative line) \
      are stacked, one panel per argument, on one date axis. plot(rrg(u, bench), tail=k) → \
      the relative rotation graph: rs_ratio across, rs_momentum up, axes crossing at 100/100, \
      quadrants Leading (top right), Weakening, Lagging, Improving, each member labelled, \
      with a tail through its last k points (trading days, the current one included). \
      plot(rotate(...)) → the backtest's equity and benchmark (log scale when they more than \
      double, unless scale= is given) above a panel of their drawdowns. \
      plot(corr_matrix(list)) → a heatmap: a square table whose columns are named as its \
      rows, one cell per value on a blue–white–red scale from −1 to 1, values printed. Shown \
      as a terminal chart (braille cells, sized to the terminal); save(chart, "f.svg") \
      writes it as SVG
      """,
    explanation: """
      Rotation is read from pictures: plot(ratio(RSP, SPY).since(2024-01-01)) shows the \
      average stock against the cap-weighted index at a glance, and plot(rrg(sectors, \
      SPY), tail=5) shows which sectors are moving clockwise from Improving into Leading. \
      Pitfall: lines of very different levels are rebased to % changes, so a rebased chart \
      compares moves, not levels — read the caption beside it; breadth lines in different \
      units (plot(ad_line(u), mcclellan(u), new_highs(u))) get stacked panels instead.
      """,
    example: """
      plot(ratio(RSP, SPY).since(2024-01-01), ratio(IWM, QQQ).since(2024-01-01), title="rotation")
      """
  ) { args, _ in
    let title = try args.string("title")
    var tail: Int?
    if args.has("tail") {
      let v = try args.integer("tail")
      guard v >= 0, v <= 10_000 else {
        throw args.error("tail", "must be a whole number ≥ 0 (points of history per member)")
      }
      tail = v
    }
    let scaleName = try args.string("scale")
    guard scaleName == "auto" || Chart.Scale(rawValue: scaleName) != nil else {
      throw args.error("scale", "must be \"auto\", \"shared\", \"rebased\" or \"log\"")
    }
    let scale = Chart.Scale(rawValue: scaleName)
    let items = args.rest
    guard !items.isEmpty else {
      throw Diagnostic("plot: nothing to draw: give a series, e.g. plot(SPY) or plot(rs=ratio(RSP, SPY))")
    }
    if case .backtest(let backtest) = items[0].value {
      guard items.count == 1 else {
        throw Diagnostic("plot: a backtest is plotted on its own: plot(rotate(...))")
      }
      return .chart(backtestChart(backtest, title: title, scale: scale))
    }
    if case .table(let table) = items[0].value, let map = Chart.Heatmap.of(table) {
      guard items.count == 1, tail == nil else {
        throw Diagnostic("plot: a matrix is plotted on its own: plot(corr_matrix(sectors))")
      }
      return .chart(Chart(title: title, content: .heatmap(map)))
    }
    if case .table(let table) = items[0].value, case .labels = table.rows {
      guard items.count == 1 else {
        throw Diagnostic("plot: an rrg table is plotted on its own: plot(rrg(sectors, SPY))")
      }
      return .chart(Chart(title: title, content: .rotation(try rotation(table, tail: tail ?? 0))))
    }
    if tail != nil {
      throw args.error("tail", "is for a relative rotation graph: plot(rrg(sectors, SPY), tail=5)")
    }
    var lines: [Series] = []
    var names: [String] = []
    var argumentOf: [Int] = []
    for (k, (label, value)) in items.enumerated() {
      let drawn: [Series]
      do throws(Diagnostic) {
        drawn = try plotLines(value, label: label, position: k + 1)
      } catch {
        throw misspeltOption(label, error)
      }
      lines += drawn
      names += try plotLines(value, label: nil, position: k + 1).map(\.name)
      argumentOf += Array(repeating: k, count: drawn.count)
    }
    guard lines.contains(where: { $0.values.contains(where: \.isFinite) }) else {
      throw Diagnostic("plot: nothing to draw: every value is missing")
    }
    let bases = Chart.families(lines, names: names)
    let panels = try panelLayout(args, lines: lines, bases: bases, argumentOf: argumentOf, auto: scale == nil)
    var panelScales: [Chart.Scale] = []
    if scale == nil && panels.count > 1 {
      panelScales = panels.map { members in
        Chart.automaticScale(members.map { lines[$0] }, bases: members.map { bases[$0] })
      }
    }
    let chosen = scale ?? (panels.count > 1 ? .shared : Chart.automaticScale(lines, bases: bases))
    if chosen == .rebased, lines.contains(where: { $0.values.contains { $0 <= 0 } }) {
      throw args.error(
        "scale", "\"rebased\" needs positive values (a % change from zero or less means nothing)")
    }
    if chosen == .log, lines.contains(where: { $0.values.contains { $0 <= 0 } }) {
      throw args.error("scale", "\"log\" needs positive values")
    }
    return .chart(
      Chart(
        title: title, content: .lines(lines, chosen), bases: bases, panels: panels, panelScales: panelScales))
  }

  /// A backtest's chart: equity and benchmark on one axis (log when not told otherwise and
  /// the curve spans more than a doubling), their drawdowns in a panel below.
  private static func backtestChart(_ b: Backtest, title: String, scale: Chart.Scale?) -> Chart {
    var lines = [b.equity.renamed("strategy")]
    if let benchmark = b.benchmark { lines.append(benchmark.renamed(b.benchmarkName ?? "benchmark")) }
    let top = Array(lines.indices)
    lines.append(b.drawdown.renamed("strategy drawdown"))
    if let d = b.benchmarkDrawdown { lines.append(d.renamed((b.benchmarkName ?? "benchmark") + " drawdown")) }
    let values = top.flatMap { lines[$0].values.filter(\.isFinite) }
    let wide = (values.max() ?? 1) / Swift.max(values.min() ?? 1, 1e-9) > 2
    let curveScale = scale ?? (wide ? .log : .shared)
    return Chart(
      title: title.isEmpty ? b.title : title, content: .lines(lines, curveScale), bases: Array(lines.indices),
      panels: [top, Array(top.count..<lines.count)], panelScales: [curveScale, .shared])
  }

  /// The panels of a line chart: `panels=true` one per argument, `panels=false` one for all,
  /// `panels=[1, 1, 2]` the panel of each argument; not given, one panel unless lines of
  /// very different units would be flattened (then one per argument, a derived line kept
  /// with its source).
  private static func panelLayout(
    _ args: Arguments, lines: [Series], bases: [Int], argumentOf: [Int], auto: Bool
  ) throws(Diagnostic) -> [[Int]] {
    func grouped(_ key: (Int) -> Int) -> [[Int]] {
      let groups = Dictionary(grouping: lines.indices, by: key)
      return groups.keys.sorted().compactMap { groups[$0] }
    }
    guard args.has("panels") else {
      guard auto, let narrowest = Chart.narrowestSpan(lines, bases: bases), narrowest < Chart.flatShare,
        lines.contains(where: { s in s.values.contains { $0.isFinite && $0 <= 0 } })
      else { return [] }
      // One panel per argument (a table's columns stay together), a derived line with its source.
      var key: [Int: Int] = [:]
      for k in lines.indices { key[argumentOf[k]] = Swift.min(key[argumentOf[k]] ?? k, bases[k]) }
      return grouped { key[argumentOf[$0]] ?? $0 }
    }
    switch try args.value("panels") {
    case .bool(let each): return each ? grouped { argumentOf[$0] } : []
    case .list(let items, _):
      let count = Set(argumentOf).count
      let numbers = items.compactMap { item -> Int? in
        if case .number(let v) = item, v >= 1, v <= 100, v == v.rounded() { return Int(v) }
        return nil
      }
      guard numbers.count == items.count, numbers.count == count else {
        throw args.error(
          "panels",
          "must be true, false or one panel number (1, 2, …) per line argument, e.g. panels=[1, 1, 2]")
      }
      return grouped { numbers[argumentOf[$0]] }
    default:
      throw args.error("panels", "must be true, false or a list of panel numbers, e.g. panels=[1, 1, 2]")
    }
  }

  /// A named argument that could not be drawn and is close to an option's name (`titel=`)
  /// gets the option suggested.
  private static func misspeltOption(_ label: String?, _ error: Diagnostic) -> Diagnostic {
    guard let label, let note = Suggestions.note(for: label, in: Builtin.plot.options.map(\.name)) else {
      return error
    }
    var error = error
    error.notes.append(note)
    return error
  }

  /// The lines one argument of `plot` gives.
  private static func plotLines(_ value: Value, label: String?, position: Int) throws(Diagnostic) -> [Series]
  {
    switch value {
    case .series, .bars:
      guard let s = value.asSeries else { return [] }
      return [label.map { s.renamed($0) } ?? s]
    case .list(let items, let labels):
      guard let series = TableLayout.series(items, bars: true) else { throw notDrawn(value, position) }
      return series.enumerated().map { i, s in labels.map { s.renamed($0[i]) } ?? s }
    case .table(let table):
      guard case .dates(let index) = table.rows else {
        throw Diagnostic(
          "plot: argument \(position) is a table of labels; plot draws series over dates, or an rrg(...) table on its own"
        )
      }
      return table.columns.compactMap { column in
        guard let values = column.numbers else { return nil }
        var s = Series(index: index, values: values, name: column.name)
        s.isPercent = table.percentColumns.contains(column.name)
        return s
      }
    default:
      throw notDrawn(value, position)
    }
  }

  /// The error for an argument `plot` cannot draw.
  private static func notDrawn(_ value: Value, _ position: Int) -> Diagnostic {
    Diagnostic(
      "plot: argument \(position) is a \(value.kind.rawValue); plot draws series, lists of series and tables with dates"
    )
  }

  /// A relative rotation graph from a table with rs_ratio and rs_momentum columns (as
  /// `rrg` makes), with tails from the history `rrg` keeps on its table.
  private static func rotation(_ table: Table, tail: Int) throws(Diagnostic) -> Chart.Rotation {
    guard case .labels(_, let symbols) = table.rows, let ratios = table.column(named: "rs_ratio")?.numbers,
      let momenta = table.column(named: "rs_momentum")?.numbers
    else {
      throw Diagnostic(
        "plot: a table of labels plots only as a relative rotation graph, with columns rs_ratio and rs_momentum: plot(rrg(sectors, SPY))"
      )
    }
    if tail > 1 && table.rotation == nil {
      throw Diagnostic(
        "plot: tail= needs the history rrg(...) keeps on its table; plot(rrg(u, bench), tail=5)")
    }
    var quadrantColumn: [String]?
    if case .strings(let q)? = table.column(named: "quadrant")?.data { quadrantColumn = q }
    var members: [Chart.Rotation.Member] = []
    for (i, symbol) in symbols.enumerated() where ratios[i].isFinite && momenta[i].isFinite {
      let asOf = table.rotation?.asOf
      var current = Chart.Rotation.Point(day: asOf, ratio: ratios[i], momentum: momenta[i])
      var trail = table.rotation?.points(of: symbol, count: Swift.max(1, tail)) ?? []
      if let last = trail.last, last.ratio == current.ratio, last.momentum == current.momentum {
        current.day = last.day
        trail.removeLast()
      }
      trail = Array(trail.suffix(Swift.max(0, tail - 1))) + [current]
      members.append(
        Chart.Rotation.Member(
          symbol: symbol, trail: trail, quadrant: quadrantColumn?[i] ?? quadrant(ratios[i], momenta[i])))
    }
    guard !members.isEmpty else {
      throw Diagnostic("plot: no member of the rrg table has both rs_ratio and rs_momentum to draw")
    }
    var graph = Chart.Rotation(
      members: members, tail: tail, benchmark: table.rotation?.benchmark, asOf: table.rotation?.asOf)
    if table.rotation?.weekly == true { graph.step = "weeks" }
    return graph
  }
}
