import Foundation
import RotorCore
import RotorSyntax

/// Writes a dataset as a folder that ``DatasetLoader`` reads back to the same data, bit for
/// bit (docs/data.md, "Export"): one per-symbol `SYMBOL.csv` per symbol
/// (`date,open,high,low,close,adj_close,volume`, the columns the symbol has), and
/// `constituents.csv` (`symbol,name,sector`) when the dataset has constituents.
///
/// Numbers are written as Swift's shortest round-trip decimal (`description`; whole numbers
/// below 10^15 without `.0`), which the reader parses back to the same Double; a missing
/// value is an empty cell.
public enum DatasetExport {
  /// Writes `symbols` (all when empty) of `dataset` into the folder `directory`, which must
  /// not exist or be empty. The files are written into a temporary folder beside it that is
  /// renamed into place at the end, so a failed export leaves nothing behind.
  /// Returns the number of files written.
  @discardableResult
  public static func write(_ dataset: Dataset, symbols: [String] = [], to directory: String)
    throws(Diagnostic)
    -> Int
  {
    let chosen = symbols.isEmpty ? dataset.symbols : symbols
    var seen: Set<String> = []
    for symbol in chosen {
      guard dataset.contains(symbol) else {
        throw Diagnostic("no symbol \(symbol) in the dataset", kind: .data)
      }
      guard !symbol.isEmpty, !symbol.contains("/"), !symbol.hasPrefix("."),
        symbol.lowercased() != "constituents"
      else {
        throw Diagnostic("symbol '\(symbol)' cannot be a file name", kind: .data)
      }
      guard seen.insert(symbol.lowercased()).inserted else {
        throw Diagnostic("symbol \(symbol) given twice (or differs only in case)", kind: .data)
      }
    }
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    if fm.fileExists(atPath: directory, isDirectory: &isFolder) {
      let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? ["?"]
      guard isFolder.boolValue, entries.isEmpty else {
        throw Diagnostic("export folder exists and is not empty: \(directory)", kind: .data)
      }
    }
    let parent = (directory as NSString).deletingLastPathComponent
    let temporary = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(
      ".\((directory as NSString).lastPathComponent).export-\(getpid())")
    do {
      try? fm.removeItem(atPath: temporary)
      try fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)
      for symbol in chosen {
        guard let bars = dataset.bars(symbol) else {
          throw Diagnostic("cannot decode symbol \(symbol)", kind: .data)
        }
        try Data(csv(bars)).write(
          to: URL(fileURLWithPath: (temporary as NSString).appendingPathComponent(symbol + ".csv")))
      }
      let members = dataset.constituents.filter { seen.contains($0.symbol.lowercased()) }
      if !members.isEmpty {
        try Data(constituentsCSV(members).utf8).write(
          to: URL(fileURLWithPath: (temporary as NSString).appendingPathComponent("constituents.csv")))
      }
      if fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }
      try fm.moveItem(atPath: temporary, toPath: directory)
      return chosen.count + (members.isEmpty ? 0 : 1)
    } catch let error as Diagnostic {
      try? fm.removeItem(atPath: temporary)
      throw error
    } catch {
      try? fm.removeItem(atPath: temporary)
      throw Diagnostic("cannot write \(directory): \(FileProblem.plain(error))", kind: .data)
    }
  }

  /// One symbol as a per-symbol CSV file.
  public static func csv(_ bars: Bars) -> [UInt8] {
    let fields = bars.presentFields
    let columns = fields.map { bars.values($0) ?? [] }
    var out = "date," + fields.map(\.rawValue).joined(separator: ",") + "\n"
    out.reserveCapacity(bars.index.days.count * (11 + 12 * fields.count))
    for (row, day) in bars.index.days.enumerated() {
      out += CivilDate.iso(day)
      for column in columns {
        out += ","
        let v = column[row]
        if v.isNaN { continue }
        // Whole numbers (volumes) without `.0`; -0.0 keeps its sign.
        if v.rounded() == v && abs(v) < 1e15 && !(v == 0 && v.sign == .minus) {
          out += String(Int64(v))
        } else {
          out += v.description
        }
      }
      out += "\n"
    }
    return Array(out.utf8)
  }

  /// The constituents as `symbol,name,sector`, quoted where needed.
  public static func constituentsCSV(_ members: [Constituent]) -> String {
    func quoted(_ s: String) -> String {
      let plain =
        !s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        && s.trimmingCharacters(in: .whitespaces) == s
      return plain ? s : "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return "symbol,name,sector\n"
      + members.map { "\(quoted($0.symbol)),\(quoted($0.name)),\(quoted($0.sector))\n" }.joined()
  }
}
