import RotorCore
import RotorSyntax

extension Dataset {
  /// This dataset with `upper` laid over it (docs/data.md "Layers"): a symbol `upper` has
  /// replaces this one's whole (bars are never merged date by date); the other symbols stay.
  /// The constituents are `upper`'s when it has any, else this dataset's. Nothing is
  /// decoded: bars are looked up in `upper`, then here, when first asked for.
  public func overlaid(by upper: Dataset) -> Dataset {
    if upper.symbols.isEmpty { return self }
    var first = Int32.max
    var last = Int32.min
    var rows = 0
    var all = upper.symbols
    for symbol in upper.symbols {
      guard let e = upper.extent(of: symbol) else { continue }
      rows += e.rows
      first = min(first, e.first)
      last = max(last, e.last)
    }
    for symbol in symbols where !upper.contains(symbol) {
      all.append(symbol)
      guard let e = extent(of: symbol) else { continue }
      rows += e.rows
      if e.rows > 0 {
        first = min(first, e.first)
        last = max(last, e.last)
      }
    }
    all.sort()
    return Dataset(
      upper: upper, lower: self, symbols: all,
      constituents: upper.constituents.isEmpty ? constituents : upper.constituents,
      dateRange: first <= last ? first...last : nil, rowCount: rows)
  }

  /// The default dataset: the bundled data, overlaid by the local store when it exists and
  /// holds anything (docs/data.md "Layers"). Without a store this is one `stat` more than
  /// ``embedded()``; with one, the manifest is read and checked, the symbols on first use.
  public static func defaultLayered(storePath: String = LocalStore.defaultPath()) throws(Diagnostic)
    -> Dataset
  {
    let bundled = try embedded()
    guard LocalStore.exists(at: storePath) else { return bundled }
    let store = try LocalStore.open(storePath)
    if store.isEmpty { return bundled }
    return bundled.overlaid(by: store.dataset())
  }
}
