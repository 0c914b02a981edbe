import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Looks a built-in up by name.
  public static func named(_ name: String) -> Builtin? {
    byName[name]
  }

  private static let byName: [String: Builtin] = Dictionary(
    all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

  /// The built-ins grouped by category, in docs/language.md §4 order, each group sorted by name.
  public static var byCategory: [(Category, [Builtin])] {
    Category.allCases.map { category in (category, all.filter { $0.category == category }) }
      .filter { !$0.1.isEmpty }
  }
}
