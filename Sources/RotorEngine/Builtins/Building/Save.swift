import Foundation
import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let save = Builtin(
    "save", params: [Param("value", .any), Param("path", .string)], returns: [.string], effects: .io,
    category: .building,
    summary: "Writes a value to a .csv, .json, .md or .svg file; returns a one-line confirmation.",
    formula: """
      save(x, "f.csv") writes x as --format csv prints it (a chart: its data); save(x, \
      "f.json") writes the one JSON object of --format json; save(x, "f.md") writes a \
      Markdown table of every row (series, tables, lists of series or labelled numbers; \
      numbers rounded as text output shows them); save(chart, "f.svg") writes a chart made by \
      plot as a standalone SVG. Files end with a newline and are replaced atomically (a symbolic link is followed and stays a link; a device, pipe or folder is refused); CSV and JSON are written as they are produced, and a save stopped part way (Ctrl-C, --timeout) leaves the old file as it was. The \
      path is relative to the current directory. Returns "saved N rows to PATH" (items for a \
      plain list, 1 value for a scalar, "saved chart to PATH"); end the statement with ';' \
      to hide it.
      """,
    explanation: """
      Hands results to a spreadsheet, pandas or a report: save(perf(sectors), "perf.csv"), \
      save(perf(sectors), "perf.md") for a document, save(plot(ratio(RSP, SPY)), "rsp.svg") \
      for a picture. Pitfall: an existing file of that name is replaced without asking.
      """,
    example: "save(SPY.last(1mo), \"/tmp/rotor-spy-1mo.csv\")"
  ) { args, context in
    let value = try args.value("value")
    let path = try args.string("path")
    // CSV and JSON are written to the file as they are produced (nil here); the others whole.
    var text: String?
    let format = OutputFormat(fileExtension: (path as NSString).pathExtension)
    switch format {
    case .csv?, .json?: text = nil
    case .svg?:
      guard case .chart(let chart) = value else {
        throw Diagnostic(
          "save: a .svg file holds a chart; draw one first: save(plot(x), \"\(path)\")",
          notes: ["got a \(value.kind.rawValue); .csv, .json and .md save data"])
      }
      text = SVGChart.render(chart)
    case .markdown?:
      guard let markdown = MarkdownRenderer.render(value) else {
        throw Diagnostic("save: a chart has no Markdown of its own; save it as .svg and link it")
      }
      text = markdown
    case .text?, nil:
      let extensions = OutputFormat.saved.map { "." + $0.fileExtension }
      throw Diagnostic("save: cannot save to '\(path)': use \(OutputFormat.list(extensions))")
    }
    let rows: String
    switch value {
    case .chart: rows = "chart"
    case .backtest(let b):
      rows = plural(
        format == .csv ? b.curves.rowCount : b.holdings.rowCount, format == .csv ? "row" : "rebalance")
    case .series(let s): rows = plural(s.count, "row")
    case .bars(let b): rows = plural(b.index.count, "row")
    case .table(let t): rows = plural(t.rowCount, "row")
    case .list(let items, _):
      // As the renderers lay it out (TableLayout): a list of series is a time table.
      if case .timeTable(let series)? = TableLayout(value) {
        rows = plural(Table.timeTable(series).rowCount, "row")
      } else {
        rows = plural(items.count, "item")
      }
    case .function, .nothing:
      throw args.error("value", "must be data (a series, table, list or scalar), got \(value.kind.rawValue)")
    default: rows = "1 value"
    }
    let resolved = context.resolvePath(path)
    try context.checkWrite(path)
    do {
      try OutputFile.write(to: resolved, shown: path) { file in
        guard var text else { return try stream(value, format == .csv ? .csv : .json, to: file, context) }
        if text.hasSuffix("\n") { text.removeLast() }
        file.append(text + "\n")
      }
    } catch let failure as OutputFile.Failure {
      throw Diagnostic("save: " + failure.message)
    } catch {
      // Stopped part way (Ctrl-C, the time limit): the file was not written.
      throw Diagnostic.interrupted
    }
    return .string("saved \(rows) to \(path)")
  }
}

/// Writes a value's CSV or JSON to `file` a chunk at a time, and a final newline. Stops,
/// throwing ``OutputSink/Stopped``, on Ctrl-C or at the time limit; stops quietly when a
/// write failed (the file reports it).
private func stream(
  _ value: Value, _ format: OutputFormat, to file: OutputFile.Writer, _ context: CallContext
)
  throws(OutputSink.Stopped)
{
  let sink = OutputSink(
    shouldStop: { context.isInterrupted() || file.failure != nil }, output: { file.append($0) })
  do {
    if format == .csv {
      try CSVRenderer.write(value, to: sink)
    } else {
      try JSONRenderer.write(value, to: sink)
    }
    try sink.write("\n")
    try sink.flush()
  } catch {
    if file.failure == nil { throw error }
  }
}

private func plural(_ n: Int, _ noun: String) -> String {
  "\(n) \(noun)\(n == 1 ? "" : "s")"
}
