/// A named piece of Rotor source text with a table of line starts.
///
/// Offsets are UTF-8 byte offsets into `text`. A `SourceFile` is a class so that
/// diagnostics can refer to the text they point into without copying it.
public final class SourceFile: Sendable {
  /// The name shown in diagnostics: a path, `<expr>` or `<stdin>`.
  public let name: String
  /// The whole text.
  public let text: String
  /// The text as UTF-8 bytes, the lexer's input.
  public let bytes: [UInt8]
  /// Offset of the first byte of each line.
  public let lineStarts: [Int]

  /// Creates a source file from its name and text.
  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.bytes = Array(text.utf8)
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
    self.lineStarts = starts
  }

  /// The 1-based line and column of a byte offset; columns count characters.
  public func location(of offset: Int) -> SourceLocation {
    let clamped = max(0, min(offset, bytes.count))
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
    }
    let start = lineStarts[lo]
    let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
    return SourceLocation(line: lo + 1, column: prefix.count + 1)
  }

  /// The text of a 1-based line, without its newline.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  /// The text covered by a range.
  public func slice(_ range: SourceRange) -> String {
    let lo = max(0, min(range.start, bytes.count))
    let hi = max(lo, min(range.end, bytes.count))
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// Line number, from 1.
  public let line: Int
  /// Column number in characters, from 1.
  public let column: Int

  /// Creates a location.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 byte offsets in a source file.
public struct SourceRange: Sendable, Hashable {
  /// First byte.
  public var start: Int
  /// One past the last byte.
  public var end: Int

  /// Creates a range; `end` is clamped to be at least `start`.
  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }

  /// An empty range, used for values that come from no source text.
  public static let none = SourceRange(0, 0)
}

extension SourceFile {
  /// A source file from raw bytes, which must be UTF-8: otherwise an error located at the
  /// first byte that is not (`file:line:col: error: invalid UTF-8 …`).
  public static func decoding(name: String, bytes: [UInt8]) throws(Diagnostic) -> SourceFile {
    guard let bad = firstInvalidUTF8(bytes) else {
      return SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
    }
    // The text up to the bad byte is valid, so offsets before it are the same in the
    // repaired text the diagnostic shows.
    let shown = SourceFile(
      name: name,
      text: String(decoding: bytes[..<bad], as: UTF8.self) + "\u{FFFD}"
        + String(decoding: bytes[(bad + 1)...].prefix(while: { $0 != UInt8(ascii: "\n") }), as: UTF8.self))
    let hex = String(bytes[bad], radix: 16, uppercase: true)
    throw Diagnostic(
      "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)): a script must be UTF-8 text",
      at: SourceRange(bad, bad + 1), in: shown, kind: .usage)
  }

  /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, lo) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: (length, hi) = (3, 0x9F)
      case 0xF0: (length, lo) = (4, 0x90)
      case 0xF1...0xF3: length = 4
      case 0xF4: (length, hi) = (4, 0x8F)
      default: return i
      }
      guard i + length <= n else { return i }
      for k in 1..<length {
        let c = bytes[i + k]
        let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
        if c < l || c > h { return i }
      }
      i += length
    }
    return nil
  }
}
