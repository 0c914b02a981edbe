/// Which dataset to use: your files alone (`--data`, `use "PATH"`), the default dataset
/// (`use default`), or the default dataset with your files laid over it (`--add-data`,
/// `use default + "PATH"`). Later paths win per symbol.
public struct DataChoice: Sendable, Equatable, CustomStringConvertible {
  /// Whether the default dataset (bundled data, overlaid by the local store) is the base.
  public var onDefault: Bool
  /// The folders and files laid over the base, lowest first.
  public var paths: [String]

  /// Creates a choice.
  public init(onDefault: Bool, paths: [String]) {
    self.onDefault = onDefault
    self.paths = paths
  }

  /// How a script writes it: `"mine"`, `default`, `default + "mine"`.
  public var description: String {
    let quoted = paths.map { "\"\($0)\"" }
    return ((onDefault ? ["default"] : []) + quoted).joined(separator: " + ")
  }
}
