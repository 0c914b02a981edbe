import Foundation
import RotorCore
import RotorSyntax

/// Loads `--data` / `use` paths into a ``Dataset`` (docs/language.md §5, docs/data.md).
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
  ///
  /// With a `cache` (by default the one the environment names, see ``DatasetCache``), a load
  /// whose source files are unchanged since an earlier load (same paths, same file sizes and
  /// modification times) opens the parsed data from the cache instead of parsing the CSV
  /// again, and a load that parses writes the cache for next time. The cache never makes a
  /// load fail: a missing, unreadable, stale or corrupt cache file means parsing.
  public static func load(paths: [String], cache: DatasetCache? = DatasetCache.fromEnvironment())
    throws(Diagnostic) -> Dataset
  {
    guard !paths.isEmpty else { throw Diagnostic("no data paths given", kind: .data) }
    let origin = paths.joined(separator: ", ")
    // The sources of every path, in order; an unusable path is an error once every file
    // of the paths before it has been read without error (the order a sequential load has).
    var plans: [(files: [String], constituents: String?, isFile: Bool)] = []
    var pathError: Diagnostic?
    for path in paths {
      do throws(Diagnostic) {
        plans.append(try sources(of: path))
      } catch {
        pathError = error
        break
      }
    }
    let stamp = pathError == nil ? cache.flatMap { $0.stamp(paths: paths, plans: plans) } : nil
    if let cache, let stamp, let cached = cache.read(stamp, origin: origin) { return cached }

    // Parse every price file, both cores at once; the first error in file order wins.
    let files = plans.flatMap(\.files)
    let parsed = parseAll(files)
    var bars: [Bars] = []
    var have = Set<String>()
    var notes: [String] = []
    var constituentsFile: String?
    var scales: [String: [Bars.Field: Int]] = [:]
    var next = 0
    for plan in plans {
      if constituentsFile == nil { constituentsFile = plan.constituents }
      for file in plan.files {
        let (loaded, layout, fieldScales) = try parsed[next].get()
        next += 1
        // A long file given by itself picks up a constituents.csv beside it.
        if plan.isFile && layout.isLong && constituentsFile == nil {
          let beside = constituentsBeside(file)
          if FileManager.default.fileExists(atPath: beside) { constituentsFile = beside }
        }
        var skipped: [String] = []
        for (b, known) in zip(loaded, fieldScales) {
          if have.insert(b.symbol).inserted {
            bars.append(b)
            if !known.isEmpty { scales[b.symbol] = known }
          } else {
            skipped.append(b.symbol)
          }
        }
        if !skipped.isEmpty { notes.append(skipNote(skipped.sorted(), file: file)) }
      }
    }
    if let pathError { throw pathError }
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
    let dataset = Dataset(bars: bars, constituents: members, notes: notes, origin: origin)
    if let cache, let stamp { cache.write(dataset, stamp: stamp, scales: scales) }
    return dataset
  }

  /// The `constituents.csv` beside a file.
  static func constituentsBeside(_ file: String) -> String {
    ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("constituents.csv")
  }

  /// Reads and parses `files` on all cores; one result per file, in order.
  static func parseAll(_ files: [String]) -> [Result<
    (bars: [Bars], layout: PriceFileLoader.Layout, scales: [[Bars.Field: Int]]), Diagnostic
  >] {
    // Larger files first, so that the cores finish together.
    let order = files.count > 1 ? files.indices.sorted { fileSize(files[$0]) > fileSize(files[$1]) } : [0]
    let parsed = Parallel.map(files.count) { k in
      let file = files[order[k]]
      return Result { () throws(Diagnostic) in
        try PriceFileLoader.loadWithLayout(
          bytes: CSVReader.readFile(file), file: file, symbol: PriceFileLoader.symbolName(forFile: file))
      }
    }
    var results = parsed
    for k in files.indices { results[order[k]] = parsed[k] }
    return results
  }

  private static func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
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
