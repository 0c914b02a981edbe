import Foundation
import RotorCore

/// A notebook as one self-contained HTML page: `rotor FILE --notebook OUT.html` and
/// `:save OUT.html`.
///
/// Everything is inside the file: the style sheet, the charts as inline `<svg>`, no scripts,
/// no links to fetch. Text is escaped, and the page is well-formed XML as well as HTML.
/// Each input is a `<section class="cell">`: its code, then its outputs (text in `<pre>`,
/// tables as `<table>`, charts in `<figure>`, notes in `<pre class="stderr">`); a failed
/// input shows its transcript and diagnostic.
extension Notebook {
  /// The page's HTML text.
  public func html(dataset: DataStamp, date: Date) -> String {
    let e = Notebook.escapeHTML
    var body = """
      <h1>\(e(title))</h1>
      <p class="stamp">\(e(Notebook.stamp(dataset, date: date)))</p>

      """
    for entry in entries {
      switch entry {
      case .code(let input, let outputs, let errors, let failed, let note):
        body += "<section class=\"cell\">\n"
        if failed {
          body += "<p class=\"failed\">Failed (not replayed):</p>\n"
          body += "<pre class=\"console error\">\(e(transcript(input) + errors))</pre>\n"
        } else {
          body += "<pre class=\"code\"><code>\(e(input))</code></pre>\n"
          body += Notebook.htmlOutputs(outputs)
          if !errors.isEmpty { body += "<pre class=\"stderr\">\(e(errors))</pre>\n" }
        }
        if let note { body += "<p class=\"note\">\(e(note))</p>\n" }
        body += "</section>\n"
      case .command(let command, let output):
        body += "<section class=\"cell\">\n<pre class=\"console\">\(e(transcript(command) + output))</pre>\n"
        body += "</section>\n"
      case .note(let text):
        body += "<p class=\"note\">\(e(text))</p>\n"
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="generator" content="Rotor \(e(RotorVersion.current))"/>
      <title>\(e(title))</title>
      <style>
      \(Notebook.htmlStyle)
      </style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// The outputs of one input: text in `<pre>`, tables, charts inline.
  private static func htmlOutputs(_ outputs: [Value]) -> String {
    var out = ""
    for piece in pieces(outputs) {
      switch piece {
      case .text(let text): out += "<pre class=\"output\">\(escapeHTML(text))</pre>\n"
      case .table(let table): out += htmlTable(table) + "\n"
      case .chart(let chart): out += "<figure class=\"chart\">\n\(inlineSVG(chart))</figure>\n"
      }
    }
    return out
  }

  /// A table as shown, as an HTML `<table>` (numeric columns right-aligned), followed by
  /// what was left out and its notes.
  package static func htmlTable(_ table: DisplayTable) -> String {
    func row(_ cells: [String], tag: String) -> String {
      let inner = cells.enumerated().map { k, cell in
        let align =
          k < table.rightAligned.count && table.rightAligned[k] ? " class=\"num\" align=\"right\"" : ""
        return "<\(tag)\(align)>\(escapeHTML(cell))</\(tag)>"
      }
      return "<tr>" + inner.joined() + "</tr>"
    }
    var out = "<table>\n<thead>\(row(table.header, tag: "th"))</thead>\n<tbody>\n"
    for cells in table.cells { out += row(cells, tag: "td") + "\n" }
    out += "</tbody>\n</table>"
    if let note = table.windowNote { out += "\n<p class=\"table-note\">\(escapeHTML(note))</p>" }
    for note in table.notes { out += "\n<p class=\"table-note\">Note: \(escapeHTML(note))</p>" }
    return out
  }

  /// Text safe in HTML and XML content and attributes: `&`, `<`, `>`, `"`, `'` escaped, and
  /// control characters XML refuses left out.
  package static func escapeHTML(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          continue
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The page's style sheet: plain and readable, light, no external fonts.
  static let htmlStyle = """
    body { margin: 0; background: #fafafa; color: #222;
      font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
    main { max-width: 980px; margin: 0 auto; padding: 24px; }
    h1 { font-size: 24px; margin: 0 0 4px; }
    .stamp { color: #666; font-size: 13px; margin: 0 0 20px; }
    .cell { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 12px 14px;
      margin: 0 0 14px; }
    pre { margin: 0 0 10px; padding: 8px 10px; overflow-x: auto; white-space: pre;
      font: 13px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    pre.code { background: #f3f5f8; border-left: 3px solid #4c78a8; }
    pre.output { background: #fff; }
    pre.stderr, pre.error { background: #fff4f2; color: #8a1f11; }
    pre.console { background: #f6f6f6; }
    .failed { color: #8a1f11; font-weight: 600; margin: 0 0 6px; }
    .note, .table-note { color: #666; font-style: italic; font-size: 13px; margin: 4px 0 10px; }
    table { border-collapse: collapse; margin: 0 0 6px; font-size: 13px;
      font-variant-numeric: tabular-nums; }
    th, td { border-bottom: 1px solid #e6e6e6; padding: 3px 10px; text-align: left; }
    th { border-bottom: 2px solid #ccc; }
    .num { text-align: right; }
    figure.chart { margin: 0 0 10px; }
    figure.chart svg { max-width: 100%; height: auto; }
    """
}
