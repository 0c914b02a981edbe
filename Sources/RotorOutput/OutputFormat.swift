import RotorCore

/// The three output formats of `--format` (docs/language.md §6).
public enum OutputFormat: String, Sendable, CaseIterable {
  case text, csv, json

  /// Renders a shown value in this format (without a trailing newline); `options` size and
  /// colour text charts.
  public func render(_ value: Value, options: RenderOptions = .plain) -> String {
    switch self {
    case .text: return TextRenderer.render(value, options: options)
    case .csv: return CSVRenderer.render(value)
    case .json: return JSONRenderer.render(value)
    }
  }
}
