import Foundation
import RotorSyntax

/// Loads `--data` / `use` paths into a ``Dataset`` (SPEC §5, docs/data.md).
///
/// A path is a folder (every `*.csv` in it except `constituents.csv`: per-symbol
/// `SYMBOL.csv` files, or long files with a symbol column, told apart by their header),
/// a long CSV file, or a single per-symbol CSV file (the symbol is the file name). A
/// symbol found in more than one file is taken whole from the first (paths in the order
/// given, files in a folder in name order); a note names the symbols skipped. The first
/// `constituents.csv` found (in a folder given, or beside a long file given) defines
/// the universe; members without data are left out, with a note. Any error stops the
/// load: nothing half-loaded is returned.
public enum DatasetLoader {
  /// Loads the data at `paths`, in order.
  public static func load(paths: [String]) throws(Diagnostic) -> Dataset {
    guard !paths.isEmpty else { throw Diagnostic("no data paths given", kind: .data) }
    var bars: [Bars] = []
    var have = Set<String>()
    var notes: [String] = []
    var constituentsFile: String?
    for path in paths {
      let (files, constituents, isFile) = try sources(of: path)
      if constituentsFile == nil { constituentsFile = constituents }
      for file in files {
        var reader = try CSVReader(contentsOf: file)
        let layout = try PriceFileLoader.layout(&reader)
        let loaded = try PriceFileLoader.readRows(
          &reader, layout: layout, defaultSymbol: PriceFileLoader.symbolName(forFile: file))
        // A long file given by itself picks up a constituents.csv beside it.
        if isFile && layout.isLong && constituentsFile == nil {
          let beside = ((file as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("constituents.csv")
          if FileManager.default.fileExists(atPath: beside) { constituentsFile = beside }
        }
        var skipped: [String] = []
        for b in loaded {
          if have.insert(b.symbol).inserted {
            bars.append(b)
          } else {
            skipped.append(b.symbol)
          }
        }
        if !skipped.isEmpty { notes.append(skipNote(skipped.sorted(), file: file)) }
      }
    }
    var members: [Constituent] = []
    if let constituentsFile {
      members = try loadConstituents(path: constituentsFile)
      let missing = members.filter { !have.contains($0.symbol) }.map(\.symbol)
      if !missing.isEmpty {
        notes.append(
          "\(constituentsFile): \(missing.count) member\(missing.count == 1 ? "" : "s") without price data "
            + "left out of the universe: \(list(missing))")
      }
    }
    return Dataset(bars: bars, constituents: members, notes: notes, origin: paths.joined(separator: ", "))
  }

  /// The price files of a path, and the `constituents.csv` that goes with it (if any).
  static func sources(of path: String) throws(Diagnostic) -> (
    files: [String], constituents: String?, isFile: Bool
  ) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw Diagnostic("no such file or folder: \(path)", kind: .data)
    }
    let folder = path as NSString
    if isFolder.boolValue {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: path)
      } catch {
        throw Diagnostic("cannot read folder: \(path)", kind: .data)
      }
      var files: [String] = []
      var constituents: String?
      for name in names.sorted() where !name.hasPrefix(".") && name.lowercased().hasSuffix(".csv") {
        let full = folder.appendingPathComponent(name)
        var isSub: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isSub), !isSub.boolValue else {
          continue
        }
        if name.lowercased() == "constituents.csv" {
          constituents = full
        } else {
          files.append(full)
        }
      }
      if files.isEmpty { throw Diagnostic("no price files (*.csv) in folder: \(path)", kind: .data) }
      return (files, constituents, false)
    }
    if folder.lastPathComponent.lowercased() == "constituents.csv" { return ([], path, true) }
    return ([path], nil, true)
  }

  /// Reads `constituents.csv`: columns `symbol`/`ticker` (required), `name`/`security`
  /// and `sector`/`gics sector` (optional), matched case-insensitively.
  public static func loadConstituents(path: String) throws(Diagnostic) -> [Constituent] {
    var reader = try CSVReader(contentsOf: path)
    guard try reader.nextRow() else { throw Diagnostic.data("empty file", file: path, line: 1) }
    var symbol: Int?
    var name: Int?
    var sector: Int?
    for i in 0..<reader.count {
      switch reader.string(i).trimmingCharacters(in: .whitespaces).lowercased() {
      case "symbol", "ticker": symbol = symbol ?? i
      case "name", "security", "company": name = name ?? i
      case "sector", "gics sector": sector = sector ?? i
      default: break
      }
    }
    guard let symbol else { throw Diagnostic.data("missing symbol column", file: path, line: reader.line) }
    let width = reader.count
    var result: [Constituent] = []
    var lines: [String: Int] = [:]
    while try reader.nextRow() {
      guard reader.count == width else {
        throw Diagnostic.data(
          "expected \(width) fields, found \(reader.count)", file: path, line: reader.line,
          column: min(reader.count, width) + 1)
      }
      let s = reader.string(symbol).trimmingCharacters(in: .whitespaces)
      if s.isEmpty {
        throw Diagnostic.data("missing symbol", file: path, line: reader.line, column: symbol + 1)
      }
      if let earlier = lines[s] {
        throw Diagnostic.data(
          "duplicate symbol \(s) (also on line \(earlier))", file: path, line: reader.line, column: symbol + 1
        )
      }
      lines[s] = reader.line
      result.append(
        Constituent(
          symbol: s, name: name.map { reader.string($0) } ?? "",
          sector: sector.map { reader.string($0) } ?? ""))
    }
    return result
  }

  private static func skipNote(_ symbols: [String], file: String) -> String {
    "\(file): \(symbols.count) symbol\(symbols.count == 1 ? "" : "s") already loaded from an earlier "
      + "source, skipped here: \(list(symbols))"
  }

  /// Up to 30 names, then a count of the rest.
  private static func list(_ names: [String]) -> String {
    names.count <= 30
      ? names.joined(separator: ", ")
      : names.prefix(30).joined(separator: ", ") + " and \(names.count - 30) more"
  }
}
