/// The formats a notebook is written in, chosen by the file's extension: the one list behind
/// `rotor --notebook OUT` and the REPL's `:save` (docs/language.md §6).
public enum NotebookFormat: String, Sendable, CaseIterable {
  /// Markdown, charts as SVG files beside it (`.md`).
  case markdown
  /// A Jupyter notebook, nbformat 4.5, charts inside (`.ipynb`).
  case ipynb
  /// One self-contained HTML page, charts inline (`.html`).
  case html

  /// The file extension, without the dot.
  public var fileExtension: String {
    switch self {
    case .markdown: return "md"
    case .ipynb: return "ipynb"
    case .html: return "html"
    }
  }

  /// The format of a path's extension (any case), if it names one.
  public init?(path: String) {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    let ext = path[path.index(after: dot)...].lowercased()
    guard let format = NotebookFormat.allCases.first(where: { $0.fileExtension == ext }) else { return nil }
    self = format
  }

  /// The accepted extensions as prose: `.md, .ipynb or .html`.
  public static var accepted: String {
    OutputFormat.list(allCases.map { "." + $0.fileExtension })
  }
}
