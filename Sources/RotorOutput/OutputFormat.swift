import RotorCore

/// Every format Rotor writes, with its names and file extensions: the one list behind
/// `--format` (docs/language.md §6), `save(value, "file.EXT")` and the notebook.
public enum OutputFormat: String, Sendable, CaseIterable {
  case text, csv, json, markdown, svg

  /// The formats `--format` prints shown values in.
  public static let printed: [OutputFormat] = [.text, .csv, .json]
  /// The formats `save` writes, chosen by the file's extension.
  public static let saved: [OutputFormat] = [.csv, .json, .markdown, .svg]

  /// File extensions, without the dot; the first is the one Rotor writes.
  public var extensions: [String] {
    switch self {
    case .text: return ["txt"]
    case .csv: return ["csv"]
    case .json: return ["json"]
    case .markdown: return ["md", "markdown"]
    case .svg: return ["svg"]
    }
  }

  /// The extension Rotor gives files of this format (`md` for Markdown).
  public var fileExtension: String { extensions[0] }

  /// The format of a file name's extension (`csv`, `md`, …; any case), if it is one.
  public init?(fileExtension: String) {
    let lowered = fileExtension.lowercased()
    guard let format = OutputFormat.allCases.first(where: { $0.extensions.contains(lowered) }) else {
      return nil
    }
    self = format
  }

  /// The format `--format NAME` names, if it prints shown values.
  public init?(printedName name: String) {
    guard let format = OutputFormat(rawValue: name), OutputFormat.printed.contains(format) else {
      return nil
    }
    self = format
  }

  /// Names or extensions as prose: `text, csv or json`, `.csv, .json, .md or .svg`.
  public static func list(_ words: [String]) -> String {
    guard let last = words.last else { return "" }
    return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
  }

  /// Renders a shown value in this format (without a trailing newline); `options` size and
  /// colour text charts. Markdown falls back to text for a chart, SVG draws only charts
  /// (anything else as text).
  public func render(_ value: Value, options: RenderOptions = .plain) -> String {
    switch self {
    case .text: return TextRenderer.render(value, options: options)
    case .csv: return CSVRenderer.render(value)
    case .json: return JSONRenderer.render(value)
    case .markdown: return MarkdownRenderer.render(value) ?? TextRenderer.render(value, options: options)
    case .svg:
      guard case .chart(let chart) = value else { return TextRenderer.render(value, options: options) }
      return SVGChart.render(chart)
    }
  }
}
