import RotorSyntax

/// The store's table of contents, `manifest.tsv` (docs/data.md "The local store").
///
/// Text, one line per symbol, tab-separated: symbol, file, rows, first date, last date,
/// source. The first line is `rotor-store 1`; the last is `end COUNT CHECKSUM`, the FNV-1a 64
/// (hex) of every byte before that line, so a truncated or edited manifest is detected.
public struct StoreManifest: Sendable, Equatable {
  /// One stored symbol.
  public struct Entry: Sendable, Equatable {
    /// The symbol as written in the language (`SPY`, `^VIX`, `DGS10`).
    public var symbol: String
    /// The file in `symbols/`, named `SAFE-HASH.rotordata`.
    public var file: String
    /// Number of rows.
    public var rows: Int
    /// First and last date (day numbers).
    public var first: Int32
    /// Last date (day number).
    public var last: Int32
    /// Where it came from: `yahoo`, `fred`, or `repair`.
    public var source: String

    /// Creates an entry.
    public init(symbol: String, file: String, rows: Int, first: Int32, last: Int32, source: String) {
      self.symbol = symbol
      self.file = file
      self.rows = rows
      self.first = first
      self.last = last
      self.source = source
    }
  }

  /// The first line of every manifest.
  public static let header = "rotor-store 1"

  /// The entries by symbol.
  public var entries: [String: Entry] = [:]

  /// An empty manifest.
  public init() {}

  /// The text written to `manifest.tsv`, entries in symbol order.
  public func encoded() -> [UInt8] {
    var text = Self.header + "\n"
    for symbol in entries.keys.sorted() {
      guard let e = entries[symbol] else { continue }
      let fields = [
        e.symbol, e.file, String(e.rows), CivilDate.iso(e.first), CivilDate.iso(e.last), e.source,
      ]
      text += fields.joined(separator: "\t") + "\n"
    }
    var bytes = Array(text.utf8)
    let hash = DatasetCache.fnv1a(bytes)
    bytes += Array("end\t\(entries.count)\t\(Dataset.hex(hash))\n".utf8)
    return bytes
  }

  /// Parses a manifest; errors name `file:line` and say how to repair.
  public static func decode(_ bytes: [UInt8], file: String) throws(Diagnostic) -> StoreManifest {
    func damaged(_ what: String, line: Int) -> Diagnostic {
      LocalStore.damaged("\(what)", file: file, line: line)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw damaged("not UTF-8 text", line: 1)
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    guard lines.first == header else { throw damaged("not a Rotor store manifest", line: 1) }
    guard let endLine = lines.last, endLine.hasPrefix("end\t"), lines.count >= 2 else {
      throw damaged("incomplete (no end line)", line: lines.count)
    }
    let endParts = endLine.split(separator: "\t").map(String.init)
    let bodyLength = bytes.count - endLine.utf8.count - 1
    guard endParts.count == 3, let count = Int(endParts[1]), bodyLength >= 0,
      endParts[2] == Dataset.hex(DatasetCache.fnv1a(Array(bytes[0..<bodyLength])))
    else { throw damaged("checksum mismatch", line: lines.count) }
    var manifest = StoreManifest()
    for (k, line) in lines.enumerated().dropFirst().dropLast() {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 6, !f[0].isEmpty, let rows = Int(f[2]), let first = CivilDate.parseISO(f[3].utf8),
        let last = CivilDate.parseISO(f[4].utf8), LocalStore.isSafeFileName(f[1])
      else { throw damaged("malformed entry", line: k + 1) }
      guard manifest.entries[f[0]] == nil else { throw damaged("symbol \(f[0]) listed twice", line: k + 1) }
      manifest.entries[f[0]] = Entry(
        symbol: f[0], file: f[1], rows: rows, first: first, last: last, source: f[5])
    }
    guard manifest.entries.count == count else {
      throw damaged("expected \(count) entries", line: lines.count)
    }
    return manifest
  }
}
