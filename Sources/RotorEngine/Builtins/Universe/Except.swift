import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let except = Builtin(
    "except", params: [Param("list", .list), Param("other", .list)], returns: [.list], effects: .pure,
    category: .universe,
    summary: "The items of a list that are not in another list (as q's except).",
    formula: "except(a,b) = [item of a whose name is not the name of an item of b], order kept",
    explanation: """
      Takes a group out of a universe, to compare the group with everyone else: \
      equal_weight(universe().except(mag7)) is the average stock without the Magnificent \
      Seven. Items match by name (the symbol for bars, the display name otherwise).
      """,
    example: "universe().except(mag7).count()"
  ) { args, _ in
    guard case .list(let items, let labels) = try args.value("list") else {
      throw args.error("list", "must be a list")
    }
    let drop = Set(try args.list("other").map(\.displayName))
    var kept: [Value] = []
    var keptLabels: [String] = []
    for (k, item) in items.enumerated() where !drop.contains(item.displayName) {
      kept.append(item)
      if let labels { keptLabels.append(labels[k]) }
    }
    return .list(kept, labels: labels == nil ? nil : keptLabels)
  }
}
