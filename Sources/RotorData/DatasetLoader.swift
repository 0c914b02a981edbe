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
  /// The dataset of a command line or a `use`: every front end (`--data`, `--add-data`,
  /// `use`, the REPL's `:data`) loads through this one function.
  ///
  /// With no paths it is the default dataset (the bundled data overlaid by the local
  /// store); with paths, the data at `paths` (``load(paths:cache:)``), laid over the default
  /// dataset when `overDefault` is set (`--add-data`, `use default + "PATH"`).
  public static func open(paths: [String], overDefault: Bool = false) throws(Diagnostic) -> Dataset {
    if paths.isEmpty { return try Dataset.defaultLayered() }
    let yours = try load(paths: paths)
    guard overDefault else { return yours }
    return try Dataset.defaultLayered().overlaid(by: yours)
  }

  /// The dataset a ``DataChoice`` names.
  public static func open(_ choice: DataChoice) throws(Diagnostic) -> Dataset {
    try open(paths: choice.paths, overDefault: choice.onDefault)
  }

  /// Loads the data at `paths`, in order.
  ///
  /// With a `cache` (by default the one the environment names, see ``DatasetCache``), a load
  /// whose sources are unchanged since an earlier load (same paths, same file sizes and
  /// modification times; see ``DataSource/stampFiles``) opens the parsed data from the cache
  /// instead of parsing again, and a load that parses writes the cache for next time. The
  /// cache never makes a load fail: a missing, unreadable, stale or corrupt cache file means
  /// parsing.
  public static func load(paths: [String], cache proposed: DatasetCache? = DatasetCache.fromEnvironment())
    throws(Diagnostic) -> Dataset
  {
    guard !paths.isEmpty else { throw Diagnostic("no data paths given", kind: .data) }
    // A cache folder someone else could have written to is not used at all.
    var cache = proposed
    var cacheNote: String?
    if let proposed, !proposed.isTrusted {
      cacheNote = proposed.untrustedNote
      cache = nil
    }
    let origin = paths.joined(separator: ", ")
    // The sources of every path, in order; an unusable path is an error once every file
    // of the paths before it has been read without error (the order a sequential load has).
    var plans: [Plan] = []
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

    // Parse every source, both cores at once; the first error in file order wins.
    let parsed = parseAll(plans.flatMap(\.sources))
    var bars: [Bars] = []
    var have = Set<String>()
    var notes: [String] = cacheNote.map { [$0] } ?? []
    var constituentsFile: String?
    var scales: [String: [Bars.Field: Int]] = [:]
    var next = 0
    for plan in plans {
      if constituentsFile == nil { constituentsFile = plan.constituents }
      for source in plan.sources {
        let content = try parsed[next].get()
        next += 1
        // A long file given by itself picks up a constituents.csv beside it.
        if plan.isFile && content.isLong && constituentsFile == nil, let file = source as? FileSource {
          let beside = constituentsBeside(file.path)
          if FileManager.default.fileExists(atPath: beside) { constituentsFile = beside }
        }
        var skipped: [String] = []
        for (b, known) in zip(content.bars, content.scales) {
          if have.insert(b.symbol).inserted {
            bars.append(b)
            if !known.isEmpty { scales[b.symbol] = known }
          } else {
            skipped.append(b.symbol)
          }
        }
        if !skipped.isEmpty { notes.append(skipNote(skipped.sorted(), file: source.name)) }
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

  /// Reads and parses `sources` on all cores; one result per source, in order.
  static func parseAll(_ sources: [any DataSource]) -> [Result<SourceContent, Diagnostic>] {
    // Larger files first, so that the cores finish together.
    let sizes = sources.map(\.sizeHint)
    let order = sources.count > 1 ? sources.indices.sorted { sizes[$0] > sizes[$1] } : [0]
    let parsed = Parallel.map(sources.count) { k in
      let source = sources[order[k]]
      return Result { () throws(Diagnostic) in try source.load() }
    }
    var results = parsed
    for k in sources.indices { results[order[k]] = parsed[k] }
    return results
  }

  /// The sources of one path, and the `constituents.csv` that goes with them (if any).
  package struct Plan {
    /// The price sources, in reading order.
    package var sources: [any DataSource]
    /// The membership file of the path.
    package var constituents: String?
    /// True when the path is one file (a long file picks up a `constituents.csv` beside it).
    package var isFile: Bool
  }

  /// Whether a file in a folder is a price source: `*.csv`, or a Stooq `*.txt` (one that
  /// starts with `<TICKER>`).
  static func isPriceFile(name: String, path: String) -> Bool {
    let lower = name.lowercased()
    if lower.hasSuffix(".csv") { return true }
    guard lower.hasSuffix(".txt"), let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 11)).map { [UInt8]($0) } ?? []
    let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return String(decoding: head.dropFirst(start), as: UTF8.self).uppercased().hasPrefix("<TICKER>")
  }

  /// The sources of a path, and the `constituents.csv` that goes with them (if any).
  static func sources(of path: String) throws(Diagnostic) -> Plan {
    // A stream (stdin, a named pipe) is read as it comes, never stat-sized or cached.
    if StreamSource.isStream(path) { return Plan(sources: [StreamSource(path: path)], isFile: false) }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw Diagnostic("no such file or folder: \(path)", kind: .data)
    }
    let folder = path as NSString
    var info = stat()
    if !isFolder.boolValue, stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
      let what = (info.st_mode & S_IFMT) == S_IFSOCK ? "a socket" : "a device"
      throw Diagnostic(
        "\(path) is \(what), not a data file (give a file, a folder, a FIFO or -)", kind: .data)
    }
    if isFolder.boolValue {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: path)
      } catch {
        throw Diagnostic("cannot read folder: \(path)", kind: .data)
      }
      var files: [String] = []
      var constituents: String?
      for name in names.sorted() where !name.hasPrefix(".") {
        let full = folder.appendingPathComponent(name)
        // Regular files only (through symbolic links): a FIFO or device in the folder is
        // not opened.
        var info = stat()
        guard stat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
        guard isPriceFile(name: name, path: full) else { continue }
        if name.lowercased() == "constituents.csv" {
          constituents = full
        } else {
          files.append(full)
        }
      }
      if files.isEmpty { throw Diagnostic("no price files (*.csv) in folder: \(path)", kind: .data) }
      return Plan(sources: files.map(FileSource.init(path:)), constituents: constituents, isFile: false)
    }
    if folder.lastPathComponent.lowercased() == "constituents.csv" {
      return Plan(sources: [], constituents: path, isFile: true)
    }
    return Plan(sources: [FileSource(path: path)], isFile: true)
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
