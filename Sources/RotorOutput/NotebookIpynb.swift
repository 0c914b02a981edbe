import Foundation
import RotorCore

/// A notebook as a Jupyter notebook (nbformat 4.5): `rotor FILE --notebook OUT.ipynb` and
/// `:save OUT.ipynb`.
///
/// A markdown cell holds the title and the stamp; each input is a code cell (its
/// `language_info` is `rotor`, so no kernel is needed to open it) with its outputs: text as
/// `text/plain`, tables as `text/html`, `text/markdown` and `text/plain`, charts inline as
/// `image/svg+xml`, notes as a `stderr` stream, and a failed input's diagnostic as an
/// `error` output. REPL meta-commands and remarks are markdown cells.
extension Notebook {
  /// The notebook's JSON text.
  public func ipynb(dataset: DataStamp, date: Date) -> String {
    var cells: [[String: Any]] = []
    func markdownCell(_ text: String) {
      cells.append([
        "cell_type": "markdown", "id": "cell-\(cells.count + 1)", "metadata": [String: Any](),
        "source": Notebook.lines(text),
      ])
    }
    markdownCell(
      """
      # \(MarkdownRenderer.escape(title))

      \(Notebook.stamp(dataset, date: date))

      The code cells without an error, run in order as one Rotor script, show these outputs \
      again.
      """)
    var count = 0
    for entry in entries {
      switch entry {
      case .code(let input, let values, let errors, let failed, let note):
        count += 1
        var outputs = Notebook.ipynbOutputs(values, count: count)
        if failed {
          let lines = errors.split(separator: "\n").map(String.init)
          let message = lines.first { $0.contains("error: ") } ?? lines.first ?? "error"
          outputs.append([
            "output_type": "error", "ename": "error",
            "evalue": message.components(separatedBy: "error: ").dropFirst().joined(separator: "error: "),
            "traceback": lines,
          ])
        } else if !errors.isEmpty {
          outputs.append(["output_type": "stream", "name": "stderr", "text": Notebook.lines(errors)])
        }
        if let note {
          outputs.append(["output_type": "stream", "name": "stdout", "text": [note + "\n"]])
        }
        let metadata: [String: Any] = failed ? ["rotor": ["failed": true]] : [:]
        let cell: [String: Any] = [
          "cell_type": "code", "id": "cell-\(cells.count + 1)", "execution_count": count,
          "metadata": metadata, "source": Notebook.lines(input), "outputs": outputs,
        ]
        cells.append(cell)
      case .command(let command, let output):
        markdownCell(Notebook.fenced(transcript(command) + output, info: "console"))
      case .note(let text):
        markdownCell("*\(text)*")
      }
    }
    let notebook: [String: Any] = [
      "cells": cells,
      "metadata": [
        "language_info": [
          "name": "rotor", "file_extension": ".rotor", "mimetype": "text/x-rotor",
          "version": RotorVersion.current,
        ]
      ],
      "nbformat": 4, "nbformat_minor": 5,
    ]
    let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? JSONSerialization.data(withJSONObject: notebook, options: options) else {
      return "{}\n"
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The outputs of one code cell: the last is its `execute_result`, the others
  /// `display_data`.
  private static func ipynbOutputs(_ values: [Value], count: Int) -> [[String: Any]] {
    let pieces = pieces(values)
    return pieces.enumerated().map { k, piece in
      var data: [String: Any]
      switch piece {
      case .text(let text):
        data = ["text/plain": lines(text)]
      case .table(let table):
        let markdown = MarkdownRenderer.table(table)
        data = [
          "text/plain": lines(markdown), "text/markdown": lines(markdown),
          "text/html": lines(htmlTable(table)),
        ]
      case .chart(let chart):
        data = [
          "image/svg+xml": lines(inlineSVG(chart)),
          "text/plain": ["chart: " + (chart.title.isEmpty ? "untitled" : chart.title)],
        ]
      }
      if k == pieces.count - 1 {
        return [
          "output_type": "execute_result", "execution_count": count, "data": data,
          "metadata": [String: Any](),
        ]
      }
      return ["output_type": "display_data", "data": data, "metadata": [String: Any]()]
    }
  }

  /// Text as nbformat's list of lines, each but the last ending in a newline.
  static func lines(_ text: String) -> [String] {
    var out: [String] = []
    var line = ""
    for ch in text {
      line.append(ch)
      if ch == "\n" {
        out.append(line)
        line = ""
      }
    }
    if !line.isEmpty { out.append(line) }
    return out
  }

  /// A chart's SVG without its XML declaration, to sit inside another document.
  package static func inlineSVG(_ chart: Chart) -> String {
    let svg = SVGChart.render(chart)
    guard svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: "\n") else { return svg }
    return String(svg[svg.index(after: end)...])
  }
}
