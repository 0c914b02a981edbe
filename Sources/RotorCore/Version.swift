/// Rotor's version, shown by `--version` and stamped into notebooks.
public enum RotorVersion {
  /// The current version.
  public static let current = "0.1.0"
}
