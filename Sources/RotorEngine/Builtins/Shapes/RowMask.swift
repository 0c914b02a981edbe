import RotorCore
import RotorSyntax

extension Builtin {
  /// The rows of `table` whose item of `mask` (a list of bools, one per row) is true.
  static func filtered(_ table: Table, mask: Value, _ args: Arguments) throws(Diagnostic) -> Table {
    guard case .list(let items, _) = mask else {
      throw args.error(
        "f", "must be a list of true/false, one per row, e.g. t[\"1y\"] > 0 (got a \(mask.kind.rawValue))")
    }
    guard items.count == table.rowCount else {
      throw args.error("f", "has \(items.count) items for a table of \(table.rowCount) rows")
    }
    var kept: [Int] = []
    for (k, item) in items.enumerated() {
      guard case .bool(let keep) = item else {
        throw args.error("f", "item \(k + 1) is a \(item.kind.rawValue), not true or false")
      }
      if keep { kept.append(k) }
    }
    return table.pickingRows(kept)
  }
}
