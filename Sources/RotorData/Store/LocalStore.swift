import Foundation
import RotorCore
import RotorSyntax

/// The local store: data fetched by `rotor update`, one file per symbol plus a manifest
/// (docs/data.md "The local store").
///
/// Layout of the folder: `manifest.tsv` (the commit point), `symbols/SAFE-HASH.rotordata`
/// (one packed single-symbol dataset each, checksummed; never rewritten in place: a new
/// version is a new file), `lock` (flock'd by writers). Readers take no lock: every file
/// they can see through the manifest is complete.
public final class LocalStore: @unchecked Sendable {
  /// The store's folder.
  public let path: String
  /// The manifest as read when opened (or as last committed by this object).
  public private(set) var manifest: StoreManifest

  /// The stored symbols, sorted.
  public var symbols: [String] { manifest.entries.keys.sorted() }

  /// Whether nothing is stored.
  public var isEmpty: Bool { manifest.entries.isEmpty }

  /// The manifest's path.
  public var manifestPath: String { path + "/manifest.tsv" }

  private init(path: String, manifest: StoreManifest) {
    self.path = path
    self.manifest = manifest
  }

  /// The store's folder: `$ROTOR_DATA_HOME`, else `$XDG_DATA_HOME/rotor`, else
  /// `~/.local/share/rotor`.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    if let home = environment["ROTOR_DATA_HOME"], !home.isEmpty { return home }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/rotor" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.local/share/rotor"
  }

  /// Whether a store (a manifest) exists at `path`: one `stat`, for the start of every run.
  public static func exists(at path: String) -> Bool {
    var info = stat()
    return stat(path + "/manifest.tsv", &info) == 0
  }

  /// Opens the store at `path` (an absent folder or manifest is an empty store). A damaged
  /// manifest is a data error naming it, with the repair command.
  public static func open(_ path: String) throws(Diagnostic) -> LocalStore {
    let file = path + "/manifest.tsv"
    guard FileManager.default.fileExists(atPath: file) else {
      return LocalStore(path: path, manifest: StoreManifest())
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw damaged("cannot read", file: file, line: nil)
    }
    return LocalStore(path: path, manifest: try StoreManifest.decode(Array(data), file: file))
  }

  /// The stored bars of `symbol`, or `nil` when it is not stored. A missing or damaged file
  /// is a data error naming it.
  public func bars(_ symbol: String) throws(Diagnostic) -> Bars? {
    guard let entry = manifest.entries[symbol] else { return nil }
    let file = path + "/symbols/" + entry.file
    guard let storage = Self.readWhole(file) else {
      throw Self.damaged("missing or unreadable", file: file, line: nil)
    }
    let packed: PackedDataset
    do {
      packed = try PackedDataset(owning: storage, range: 0..<storage.count, name: file, verifyChecksum: true)
    } catch {
      throw Self.damaged(error.message, file: file, line: nil)
    }
    guard packed.symbols == [symbol], let bars = try? packed.bars(at: 0), bars.index.count == entry.rows
    else {
      throw Self.damaged(
        "does not hold the \(entry.rows) rows of \(symbol) the manifest lists", file: file, line: nil)
    }
    return bars
  }

  /// Everything stored, as a dataset whose symbols are read (and checked) on first access:
  /// opening it reads only the manifest. A damaged file shows as ``Dataset/problem(_:)``.
  public func dataset() -> Dataset {
    var extents: [String: (rows: Int, first: Int32, last: Int32)] = [:]
    for (symbol, e) in manifest.entries { extents[symbol] = (e.rows, e.first, e.last) }
    let snapshot = LocalStore(path: path, manifest: manifest)
    let source = LazySource(
      extents: extents, identity: Dataset.hex(DatasetCache.fnv1a(manifest.encoded()))
    ) {
      symbol in
      Result { () throws(Diagnostic) -> Bars in
        guard let bars = try snapshot.bars(symbol) else {
          throw LocalStore.damaged("does not list \(symbol)", file: snapshot.manifestPath, line: nil)
        }
        return bars
      }
    }
    return Dataset(lazy: source, origin: "store \(path)")
  }

  // MARK: Writing (callers hold the lock, see `StoreLock`)

  /// Stores `bars` for its symbol, replacing what was stored: writes the new file, then the
  /// manifest (the commit point), then removes the old file. Any crash leaves either the
  /// old or the new state readable.
  public func commit(_ bars: Bars, source: String) throws(Diagnostic) {
    try commit([(bars, source)])
  }

  /// Stores several symbols in one commit (see ``commit(_:source:)``).
  public func commit(_ items: [(bars: Bars, source: String)]) throws(Diagnostic) {
    guard !items.isEmpty else { return }
    try Self.makeFolder(path + "/symbols")
    var next = manifest
    for (bars, source) in items {
      guard let first = bars.index.days.first, let last = bars.index.days.last else { continue }
      let bytes = PackedDataset.pack(Dataset(bars: [bars]))
      let hash = DatasetCache.fnv1a(bytes)
      let name = Self.safeName(bars.symbol) + "-" + Dataset.hex(hash) + ".rotordata"
      try Self.writeAtomically(bytes, to: path + "/symbols/" + name)
      next.entries[bars.symbol] = StoreManifest.Entry(
        symbol: bars.symbol, file: name, rows: bars.index.count, first: first, last: last, source: source)
    }
    try Self.writeAtomically(next.encoded(), to: manifestPath)
    let old = manifest
    manifest = next
    for (symbol, entry) in old.entries where next.entries[symbol]?.file != entry.file {
      unlink(path + "/symbols/" + entry.file)
    }
  }

  /// Removes files in `symbols/` that the manifest does not list, and temporary manifests
  /// (left by an interrupted update). Returns how many.
  @discardableResult
  public func removeUnlisted() -> Int {
    let listed = Set(manifest.entries.values.map(\.file))
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path + "/symbols")) ?? []
    var removed = 0
    for name in names where !listed.contains(name) {
      if unlink(path + "/symbols/" + name) == 0 { removed += 1 }
    }
    let top = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    for name in top where name.hasPrefix("manifest.tsv.tmp-") {
      if unlink(path + "/" + name) == 0 { removed += 1 }
    }
    return removed
  }

  /// Rebuilds the manifest from the intact files in `symbols/` (`rotor update --repair`):
  /// damaged files are removed; of several intact files of one symbol the newest is kept.
  /// Returns one line per thing done.
  public static func repair(_ path: String) throws(Diagnostic) -> [String] {
    var report: [String] = []
    let folder = path + "/symbols"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    var best: [String: (bars: Bars, file: String, modified: Double)] = [:]
    for name in names {
      let file = folder + "/" + name
      guard name.hasSuffix(".rotordata"), isSafeFileName(name),
        let data = FileManager.default.contents(atPath: file),
        let packed = try? PackedDataset(bytes: Array(data), name: file), packed.symbols.count == 1,
        let bars = try? packed.bars(at: 0), !bars.index.days.isEmpty
      else {
        unlink(file)
        report.append("removed damaged file \(file)")
        continue
      }
      var info = stat()
      let modified =
        stat(file, &info) == 0 ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 : 0
      if let other = best[bars.symbol], other.modified >= modified {
        continue
      }
      best[bars.symbol] = (bars, name, modified)
    }
    var manifest = StoreManifest()
    let previous = try? open(path).manifest
    for (symbol, item) in best {
      let days = item.bars.index.days
      guard let first = days.first, let last = days.last else { continue }
      manifest.entries[symbol] = StoreManifest.Entry(
        symbol: symbol, file: item.file, rows: days.count, first: first, last: last,
        source: previous?.entries[symbol]?.source ?? "repair")
    }
    try makeFolder(path)
    try writeAtomically(manifest.encoded(), to: path + "/manifest.tsv")
    let store = LocalStore(path: path, manifest: manifest)
    let unlisted = store.removeUnlisted()
    if unlisted > 0 { report.append("removed \(unlisted) superseded file\(unlisted == 1 ? "" : "s")") }
    report.append(
      "manifest rebuilt: \(manifest.entries.count) symbol\(manifest.entries.count == 1 ? "" : "s")")
    return report
  }

  // MARK: Files

  /// A whole file read into a new buffer (the caller owns it), or `nil` when it cannot be read.
  static func readWhole(_ file: String) -> UnsafeMutableRawBufferPointer? {
    let fd = Foundation.open(file, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_size >= 0 else { return nil }
    let size = Int(info.st_size)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
    var offset = 0
    while offset < size, let base = buffer.baseAddress {
      let n = read(fd, base + offset, size - offset)
      if n <= 0 { break }
      offset += n
    }
    guard offset == size else {
      buffer.deallocate()
      return nil
    }
    return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size])
  }

  /// A data error about a damaged store file, with the repair command.
  static func damaged(_ what: String, file: String, line: Int?) -> Diagnostic {
    var d = Diagnostic.data("local store file damaged: \(what)", file: file, line: line)
    d.notes.append("run `rotor update --repair` to rebuild the store from its intact files")
    return d
  }

  /// Creates a folder and its parents.
  static func makeFolder(_ folder: String) throws(Diagnostic) {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw Diagnostic.data("cannot create folder: \(FileProblem.plain(error))", file: folder)
    }
  }

  /// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path`
  /// and fsyncs the folder: readers see the old or the new file, never a part.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
    let temp = path + ".tmp-\(getpid())"
    let fd = Foundation.open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw ioError("cannot create", temp) }
    var ok = bytes.withUnsafeBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return true }
      var offset = 0
      while offset < raw.count {
        let n = write(fd, base + offset, raw.count - offset)
        if n <= 0 { return false }
        offset += n
      }
      return true
    }
    ok = ok && fsync(fd) == 0
    close(fd)
    guard ok, rename(temp, path) == 0 else {
      unlink(temp)
      throw ioError("cannot write", path)
    }
    let folder = (path as NSString).deletingLastPathComponent
    let dfd = Foundation.open(folder.isEmpty ? "." : folder, O_RDONLY)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  private static func ioError(_ what: String, _ path: String) -> Diagnostic {
    Diagnostic.data("\(what): \(String(cString: strerror(errno)))", file: path)
  }

  /// A symbol as a file-name part: letters, digits, `.`, `_`, `-` kept, anything else `%XX`.
  static func safeName(_ symbol: String) -> String {
    var out = ""
    for b in symbol.utf8 {
      let c = Character(UnicodeScalar(b))
      if c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
        && !(out.isEmpty && c == ".")
      {
        out.append(c)
      } else {
        out += String(format: "%%%02X", b)
      }
    }
    return out
  }

  /// Whether a manifest's file name stays inside `symbols/`.
  static func isSafeFileName(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
  }
}
