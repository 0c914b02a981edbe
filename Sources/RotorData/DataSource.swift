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
    let data: Data
    if path == "-" {
      do {
        data = try FileHandle.standardInput.readToEnd() ?? Data()
      } catch {
        throw Diagnostic("cannot read file: \(name)", kind: .data)
      }
    } else {
      data = try StreamSource.readFIFO(path)
    }
    let symbol = path == "-" ? "STDIN" : PriceFileLoader.symbolName(forFile: path)
    return try PriceFormats.parse(bytes: [UInt8](data), file: name, symbol: symbol)
  }

  /// How long a FIFO with no writer is waited for, in seconds: `ROTOR_FIFO_TIMEOUT`, else 30.
  public static func fifoTimeout(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Double
  {
    if let text = environment["ROTOR_FIFO_TIMEOUT"], let seconds = Double(text), seconds >= 0 {
      return seconds
    }
    return 30
  }

  /// Reads a FIFO to its end. Opening does not block; when nothing arrives within a second,
  /// "waiting for a writer on FIFO PATH…" goes to standard error, and when nothing has
  /// arrived after ``fifoTimeout(_:)`` seconds the load fails (a data error, exit status 2).
  static func readFIFO(_ path: String) throws(Diagnostic) -> Data {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw Diagnostic("cannot read file: \(path)", kind: .data) }
    defer { close(fd) }
    let timeout = fifoTimeout()
    let started = Date()
    var warned = false
    // Until the first bytes (or a writer's end) arrive.
    while true {
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let waited = Date().timeIntervalSince(started)
      let slice = warned ? timeout - waited : Swift.min(1, timeout - waited)
      if slice <= 0 {
        throw Diagnostic(
          "no writer on FIFO \(path) after \(StreamSource.seconds(timeout)) s",
          notes: ["ROTOR_FIFO_TIMEOUT sets how many seconds to wait (docs/data.md)"], kind: .data)
      }
      let ready = poll(&poller, 1, Int32(slice * 1000))
      if ready < 0 && errno != EINTR { throw Diagnostic("cannot read file: \(path)", kind: .data) }
      if ready > 0 { break }
      if ready == 0 && !warned && Date().timeIntervalSince(started) < timeout {
        warned = true
        FileHandle.standardError.write(
          Data("waiting for a writer on FIFO \(path)… (at most \(StreamSource.seconds(timeout)) s)\n".utf8))
      }
    }
    // A writer is there: read as it comes, blocking, to its end.
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
    var bytes = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw Diagnostic("cannot read file: \(path)", kind: .data) }
      if n == 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  /// True when `path` is `-` or names a FIFO.
  public static func isStream(_ path: String) -> Bool {
    if path == "-" { return true }
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
  }
}
