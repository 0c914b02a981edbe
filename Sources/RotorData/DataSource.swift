import Foundation
import RotorCore
import RotorSyntax

/// One place prices come from in a load (docs/data.md, "Paths"): a file, or a stream (stdin,
/// a named pipe). ``DatasetLoader`` turns each `--data` / `use` path into a list of sources,
/// reads them all, and keys its cache on their stamps.
public protocol DataSource: Sendable {
  /// The name diagnostics and notes use (the path, or `<stdin>`).
  var name: String { get }
  /// The files whose size and modification time identify the source's current content, for
  /// the load cache; `nil` when the content cannot be identified without reading it (a
  /// stream), which means the load is not cached.
  var stampFiles: [String]? { get }
  /// A size hint for ordering the reads (larger first), 0 when unknown.
  var sizeHint: Int { get }
  /// Reads and parses the source. Any problem is a located ``Diagnostic``; nothing is
  /// returned then.
  func load() throws(Diagnostic) -> SourceContent
}

/// What a ``DataSource`` held.
public struct SourceContent: Sendable {
  /// One bars value per symbol, in order of first appearance.
  public var bars: [Bars]
  /// Per symbol, the fields the fast path found to be exact scaled decimals (for the cache).
  public var scales: [[Bars.Field: Int]]
  /// True for a long file (one with a symbol column): given by itself it picks up a
  /// `constituents.csv` beside it.
  public var isLong: Bool
}

/// A regular file, in any of the formats of ``PriceFormats``, told apart by its header.
public struct FileSource: DataSource {
  /// The file's path.
  public let path: String

  /// The source for the file at `path`.
  public init(path: String) { self.path = path }

  public var name: String { path }
  public var stampFiles: [String]? { [path] }
  public var sizeHint: Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  public func load() throws(Diagnostic) -> SourceContent {
    try PriceFormats.parse(
      bytes: CSVReader.readFile(path), file: path, symbol: PriceFileLoader.symbolName(forFile: path))
  }
}

/// A stream read to its end once: standard input (path `-`) or a named pipe. Never
/// memory-mapped or stat-sized, never cached; a per-symbol file on it is named by the path
/// (`STDIN` for `-`).
public struct StreamSource: DataSource {
  /// The path (`-` for standard input).
  public let path: String

  /// The source for the stream at `path` (`-`: standard input).
  public init(path: String) { self.path = path }

  public var name: String { path == "-" ? "<stdin>" : path }
  public var stampFiles: [String]? { nil }
  public var sizeHint: Int { 0 }

  public func load() throws(Diagnostic) -> SourceContent {
    let handle: FileHandle? = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
    guard let handle else { throw Diagnostic("cannot read file: \(path)", kind: .data) }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw Diagnostic("cannot read file: \(name)", kind: .data)
    }
    let symbol = path == "-" ? "STDIN" : PriceFileLoader.symbolName(forFile: path)
    return try PriceFormats.parse(bytes: [UInt8](data), file: name, symbol: symbol)
  }

  /// True when `path` is `-` or names a FIFO.
  public static func isStream(_ path: String) -> Bool {
    if path == "-" { return true }
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
  }
}
