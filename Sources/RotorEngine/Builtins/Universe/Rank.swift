import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let rank = Builtin(
    "rank", params: [Param("list", .list)], returns: [.list], effects: .pure, category: .universe,
    summary: "Ranks a list of numbers: 1 = the largest; ties share their average rank.",
    formula: """
      rank(list)[i] = 1 + (number of values larger than list[i]) + (ties − 1) / 2, as pandas \
      rank(ascending=False, method='average'); missing values get a missing rank; labels are kept
      """,
    explanation: """
      Turns returns into league positions: rank 1 is the leader, as rotation tables are read. \
      rank(map(sectors, s => s.change(3mo))) ranks sectors by 3-month return; tracking \
      a sector's rank over time shows it rotating in or out of leadership. Pitfall: ranks hide \
      how far apart the values are.
      """,
    example: "rank(map(sectors, s => s.change(3mo)))"
  ) { args, _ in
    guard case .list(let items, let labels) = try args.value("list") else {
      throw args.error("list", "must be a list")
    }
    var values: [Double] = []
    values.reserveCapacity(items.count)
    for (k, item) in items.enumerated() {
      guard case .number(let v) = item else {
        throw args.error(
          "list",
          "must hold numbers; item \(k + 1) is a \(item.kind.rawValue) (rank a list made by map, e.g. rank(map(sectors, s => s.change(3mo))))"
        )
      }
      values.append(v)
    }
    let order = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] > values[$1] }
    var ranks = [Double](repeating: .nan, count: values.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
      let average = Double(start + 1 + end) / 2
      for p in start..<end { ranks[order[p]] = average }
      start = end
    }
    return .list(ranks.map { .number($0) }, labels: labels)
  }
}
