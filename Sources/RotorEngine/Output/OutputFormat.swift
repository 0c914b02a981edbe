/// The three output formats of `--format` (SPEC §6).
public enum OutputFormat: String, Sendable, CaseIterable {
  case text, csv, json

  /// Renders a shown value in this format (without a trailing newline).
  public func render(_ value: Value) -> String {
    switch self {
    case .text: return TextRenderer.render(value)
    case .csv: return CSVRenderer.render(value)
    case .json: return JSONRenderer.render(value)
    }
  }
}
