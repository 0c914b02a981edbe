import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let rrg = Builtin(
    "rrg",
    params: [
      Param("u", .list), Param("bench", .series), Param("n", .window, default: .absent),
      Param("m", .window, default: .absent), Param("at", .date, default: .absent),
      Param("weekly", .bool, default: .value(.bool(false))),
    ],
    returns: [.table], effects: .pure, category: .universe,
    summary: "A relative rotation graph as a table: rs_ratio, rs_momentum and quadrant of each member.",
    formula: """
      rrg(u,bench,n=50,m=10,at=bench's last date): one row per member, in the list's order \
      (header symbol): rs_ratio(member,bench,n) and rs_momentum(member,bench,n,m) as of `at` \
      (last date on or before it; missing before the first), and quadrant: Leading \
      (ratio ≥ 100, momentum ≥ 100), Weakening (≥ 100, < 100), Lagging (< 100, < 100), \
      Improving (< 100, ≥ 100); an empty quadrant when either is missing. The table also \
      keeps each member's rs_ratio and rs_momentum history (not shown), from which \
      plot(rrg(...), tail=k) draws each member's last k points. n defaults to 50 and m to 10 \
      (rows: sessions). weekly=true computes on weekly closes: rs = member ÷ bench on their \
      common dates, then its last value of each ISO week (the week's last common session, \
      as weekly), and n, m count weeks (defaults n=10, m=4); the history and tails are weekly
      """,
    explanation: """
      The snapshot of sector rotation: members move clockwise through Improving → Leading → \
      Weakening → Lagging as their relative strength against the benchmark rises and \
      fades. Rotation traders favour Leading and Improving names and trim Weakening ones; \
      plot(rrg(...)) draws the quadrant scatter. Pitfall: it is relative only — in a bear \
      market the Leading sector may still be falling — and the quadrant of a member near \
      100/100 flips on small moves. Published RRGs are usually weekly: rrg(sectors, SPY, \
      weekly=true) reads the same way with less noise, each tail point a week.
      """,
    example: "rrg(sectors, SPY)"
  ) { args, context in
    let (members, labels) = try args.universe("u")
    let bench = try args.series("bench")
    let weekly = try args.bool("weekly")
    let n = args.has("n") ? try args.window("n") : weekly ? 10 : 50
    let m = args.has("m") ? try args.window("m") : weekly ? 4 : 10
    let at = args.has("at") ? try args.date("at") : bench.index.days.last
    var ratios: [Double] = []
    var momenta: [Double] = []
    var quadrants: [String] = []
    var trails: [String: RotationHistory.Trail] = [:]
    for (member, label) in zip(members, labels) {
      try context.checkInterrupt()
      let ratio =
        weekly
        ? weeklyRsRatio(member, bench, n, name: "rs_ratio") : rsRatio(member, bench, n, name: "rs_ratio")
      let momentum = rsMomentum(ratio, m, name: "rs_momentum")
      let r = at.map { ratio.valueOrMissing(asOf: $0) } ?? .nan
      let q = at.map { momentum.valueOrMissing(asOf: $0) } ?? .nan
      ratios.append(r)
      momenta.append(q)
      quadrants.append(quadrant(r, q))
      trails[label] = RotationHistory.Trail(ratio: ratio, momentum: momentum)
    }
    var table = Table(
      rows: .labels(header: "symbol", labels),
      columns: [
        Table.Column("rs_ratio", numbers: ratios), Table.Column("rs_momentum", numbers: momenta),
        Table.Column("quadrant", .strings(quadrants)),
      ])
    table.rotation = RotationHistory(benchmark: bench.name, asOf: at, trails: trails)
    table.rotation?.weekly = weekly
    return .table(table)
  }
}
