import Foundation
import RotorData
import RotorSyntax

/// `rotor export DIR [SYMBOL ...]`: writes the dataset as per-symbol CSV files that load back
/// to the same data (docs/data.md, "Export").
enum ExportCommand {
  static let usage = """
    usage: rotor export [--data PATH]... DIR [SYMBOL ...]

      Writes the dataset (the bundled one, or the --data paths) into the folder DIR, which
      must not exist or be empty: one SYMBOL.csv per symbol
      (date,open,high,low,close,adj_close,volume: the columns the symbol has) and
      constituents.csv when the dataset has constituents. `rotor --data DIR` loads it back
      to the same data, bit for bit. With SYMBOLs, only those (and their constituents).

      --data PATH                load prices from a folder or file (repeatable; - is stdin)
      --help

    exit status: 0 ok, 2 usage or data error
    """

  /// Runs the command on the arguments after `export`; returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    var paths: [String] = []
    var positional: [String] = []
    var i = 0
    var onlyPositional = false
    while i < arguments.count {
      let arg = arguments[i]
      i += 1
      if onlyPositional || !arg.hasPrefix("-") {
        positional.append(arg)
      } else if arg == "--" {
        onlyPositional = true
      } else if arg == "-h" || arg == "--help" {
        print(usage)
        return 0
      } else if arg == "--data" {
        guard i < arguments.count else { return usageError("--data needs a value") }
        paths.append(arguments[i])
        i += 1
      } else if arg.hasPrefix("--data=") {
        paths.append(String(arg.dropFirst("--data=".count)))
      } else {
        return usageError("unknown option '\(arg)'")
      }
    }
    guard let directory = positional.first else { return usageError("export needs a folder") }
    do throws(Diagnostic) {
      let dataset = try DatasetLoader.open(paths: paths)
      for note in dataset.notes { Console.error("note: \(note)\n") }
      let written = try DatasetExport.write(dataset, symbols: Array(positional.dropFirst()), to: directory)
      Console.error("export: wrote \(written) files to \(directory)\n")
      return 0
    } catch {
      Console.error((DiagnosticRenderer.render(error, color: false) + "\n"))
      return 2
    }
  }

  private static func usageError(_ message: String) -> Int32 {
    Console.error("rotor export: error: \(message)\n\(usage)\n")
    return 2
  }
}
