import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Every built-in, sorted by name. Each category folder keeps its own list
  /// (`<Category>/<Category>List.swift`); `RegistryTests` keeps the lists and the files
  /// under `Builtins/` in step.
  public static let all: [Builtin] =
    (transforms + selections + reductions + building + tables + universeList).sorted { $0.name < $1.name }
}
