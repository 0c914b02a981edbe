import Foundation
import RotorCore
import RotorSyntax

/// A fast byte-level CSV scanner (RFC 4180 plus the usual relaxations).
///
/// The file is read into memory once; ``nextRow()`` then records where each field of
/// the current row starts and ends, without creating a `String` per cell. Handles
/// quoted fields with `""` escapes (which may span lines), `\n`, `\r\n` and `\r` line
/// ends, a UTF-8 byte order mark, and a missing final newline. Completely empty lines
/// are skipped. Spaces and tabs around an unquoted field are not part of it.
///
/// Columns in diagnostics are 1-based field numbers, lines are the 1-based line on
/// which the row starts.
public struct CSVReader {
  /// The file name used in diagnostics.
  public let file: String
  @usableFromInline package let bytes: [UInt8]
  /// Where the next row starts.
  private(set) var position: Int
  private var nextLine = 1
  /// The line on which the current row starts (1-based).
  public private(set) var line = 0
  // Per field of the current row: content start, content end, and whether it held `""`.
  private var starts: [Int] = []
  private var ends: [Int] = []
  private var escaped: [Bool] = []
  /// The number of fields in the current row.
  public private(set) var count = 0

  /// A reader over `bytes`; `file` names it in diagnostics.
  public init(bytes: [UInt8], file: String) {
    self.file = file
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    self.position = hasBOM ? 3 : 0
  }

  /// Reads the file at `path` into memory.
  public init(contentsOf path: String) throws(Diagnostic) {
    self.init(bytes: try CSVReader.readFile(path), file: path)
  }

  /// The bytes of a file, read once (straight into the array, no intermediate copy).
  public static func readFile(_ path: String) throws(Diagnostic) -> [UInt8] {
    guard let bytes = RegularFile.bytes(path) else {
      throw Diagnostic("cannot read file: \(path)", kind: .data)
    }
    return bytes
  }

  /// True when nothing but a byte order mark and blank lines is left.
  public var isAtEnd: Bool {
    var p = position
    while p < bytes.count, bytes[p] == 10 || bytes[p] == 13 { p += 1 }
    return p >= bytes.count
  }

  /// Advances to the next non-empty row; `false` at the end of the file.
  public mutating func nextRow() throws(Diagnostic) -> Bool {
    count = 0
    let n = bytes.count
    // Skip empty lines.
    while position < n {
      let b = bytes[position]
      if b == 10 {
        position += 1
        nextLine += 1
      } else if b == 13 {
        position += (position + 1 < n && bytes[position + 1] == 10) ? 2 : 1
        nextLine += 1
      } else {
        break
      }
    }
    if position >= n { return false }
    line = nextLine
    var p = position
    let bytes = self.bytes
    try bytes.withUnsafeBufferPointer { (buf) throws(Diagnostic) in
      while true {
        // One field, starting at p.
        while p < n, buf[p] == 32 || buf[p] == 9 { p += 1 }
        var start = p
        var end = p
        var hadEscape = false
        if p < n && buf[p] == 34 {  // quoted
          p += 1
          start = p
          while true {
            guard p < n else {
              throw Diagnostic.data("unterminated quoted field", file: file, line: line, column: count + 1)
            }
            let b = buf[p]
            if b == 34 {
              if p + 1 < n && buf[p + 1] == 34 {
                hadEscape = true
                p += 2
                continue
              }
              end = p
              p += 1
              break
            }
            if b == 10 || (b == 13 && !(p + 1 < n && buf[p + 1] == 10)) { nextLine += 1 }
            p += 1
          }
          while p < n, buf[p] == 32 || buf[p] == 9 { p += 1 }
          if p < n && buf[p] != 44 && buf[p] != 10 && buf[p] != 13 {
            throw Diagnostic.data(
              "unexpected character after a closing quote", file: file, line: line, column: count + 1)
          }
        } else {
          while p < n {
            let b = buf[p]
            if b == 44 || b == 10 || b == 13 { break }
            p += 1
          }
          end = p
          while end > start, buf[end - 1] == 32 || buf[end - 1] == 9 { end -= 1 }
        }
        appendField(start, end, hadEscape)
        if p < n && buf[p] == 44 {
          p += 1
          continue
        }
        // End of row: newline or end of file.
        if p < n {
          p += (buf[p] == 13 && p + 1 < n && buf[p + 1] == 10) ? 2 : 1
          nextLine += 1
        }
        break
      }
    }
    position = p
    return true
  }

  private mutating func appendField(_ start: Int, _ end: Int, _ hadEscape: Bool) {
    if count < starts.count {
      starts[count] = start
      ends[count] = end
      escaped[count] = hadEscape
    } else {
      starts.append(start)
      ends.append(end)
      escaped.append(hadEscape)
    }
    count += 1
  }

  /// The text of field `i` of the current row (quotes removed, `""` unescaped).
  public func string(_ i: Int) -> String {
    let s = String(decoding: bytes[starts[i]..<ends[i]], as: UTF8.self)
    return escaped[i] ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
  }

  /// The raw bytes of field `i` (inside the quotes, `""` not unescaped).
  public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { buf in
      try body(UnsafeBufferPointer(rebasing: buf[starts[i]..<ends[i]]))
    }
  }

  /// Whether field `i` holds exactly these bytes (quotes removed, no unescaping).
  public func field(_ i: Int, equals other: [UInt8]) -> Bool {
    let range = starts[i]..<ends[i]
    return range.count == other.count && bytes[range].elementsEqual(other)
  }

  /// The raw bytes of field `i` as an array.
  public func fieldBytes(_ i: Int) -> [UInt8] {
    Array(bytes[starts[i]..<ends[i]])
  }

  /// Whether field `i` is a missing value: empty, `null` or `NaN` (any case).
  public func isMissing(_ i: Int) -> Bool {
    withField(i) { CSVReader.isMissing($0) }
  }

  package static func isMissing(_ f: UnsafeBufferPointer<UInt8>) -> Bool {
    if f.isEmpty { return true }
    if f.count == 3 { return (f[0] | 0x20) == 110 && (f[1] | 0x20) == 97 && (f[2] | 0x20) == 110 }
    if f.count == 4 {
      return (f[0] | 0x20) == 110 && (f[1] | 0x20) == 117 && (f[2] | 0x20) == 108 && (f[3] | 0x20) == 108
    }
    return false
  }

  /// Field `i` as a number; NaN when missing. A malformed or out-of-range number is an
  /// error at this row and field. The value is exactly Swift's `Double(String)`.
  public func double(_ i: Int) throws(Diagnostic) -> Double {
    let value = withField(i) { NumberParser.parse($0) }
    guard let value else {
      throw Diagnostic.data(
        "malformed number '\(clipped(string(i)))'", file: file, line: line, column: i + 1)
    }
    if value.isInfinite {
      throw Diagnostic.data(
        "number out of range '\(clipped(string(i)))'", file: file, line: line, column: i + 1)
    }
    return value
  }

  /// Field `i` as a day number. Accepts `YYYY-MM-DD`, optionally followed by a time
  /// (after `T` or a space) that is ignored.
  public func day(_ i: Int) throws(Diagnostic) -> Int32 {
    // nil: malformed; .some(nil): well-formed but impossible.
    let result: Int32?? = withField(i) { f in
      guard f.count >= 10, f.count == 10 || f[10] == 84 || f[10] == 32 else { return nil }
      var (y, m, d) = (0, 0, 0)
      for k in 0..<10 {
        let b = f[k]
        if k == 4 || k == 7 {
          if b != 45 { return nil }
        } else {
          guard b >= 48 && b <= 57 else { return nil }
          let digit = Int(b) - 48
          if k < 4 { y = y * 10 + digit } else if k < 7 { m = m * 10 + digit } else { d = d * 10 + digit }
        }
      }
      return .some(CivilDate.days(year: y, month: m, day: d))
    }
    guard let wellFormed = result else {
      throw Diagnostic.data("malformed date '\(clipped(string(i)))'", file: file, line: line, column: i + 1)
    }
    guard let day = wellFormed else {
      throw Diagnostic.data("impossible date '\(clipped(string(i)))'", file: file, line: line, column: i + 1)
    }
    return day
  }

  /// Field `i` as a day number from `YYYYMMDD` (Stooq's dates).
  package func compactDay(_ i: Int) throws(Diagnostic) -> Int32 {
    let result: Int32?? = withField(i) { f in
      guard f.count == 8, f.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
      let n = f.reduce(0) { $0 * 10 + Int($1) - 48 }
      return .some(CivilDate.days(year: n / 10000, month: n / 100 % 100, day: n % 100))
    }
    guard let wellFormed = result else {
      throw Diagnostic.data("malformed date '\(clipped(string(i)))'", file: file, line: line, column: i + 1)
    }
    guard let day = wellFormed else {
      throw Diagnostic.data("impossible date '\(clipped(string(i)))'", file: file, line: line, column: i + 1)
    }
    return day
  }

  private func clipped(_ s: String) -> String {
    s.count <= 40 ? s : String(s.prefix(37)) + "..."
  }
}

/// Exact decimal text → `Double`, giving the same value as Swift's `Double(String)`.
package enum NumberParser {
  /// The C locale, so that `strtod` always reads `.` as the decimal point (even after a
  /// front end calls `setlocale`). `1 << LC_NUMERIC` is `LC_NUMERIC_MASK` on glibc and Darwin.
  package nonisolated(unsafe) static let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)

  package static let exactPowers: [Double] = (0...22).map { e in
    var p = 1.0
    for _ in 0..<e { p *= 10 }
    return p
  }

  /// Parses `[+-]digits[.digits][e[+-]digits]` (or `.digits`); NaN for a missing value
  /// (empty, `null`, `NaN`); `nil` when malformed.
  package static func parse(_ f: UnsafeBufferPointer<UInt8>) -> Double? {
    if CSVReader.isMissing(f) { return .nan }
    let n = f.count
    var p = 0
    var negative = false
    if f[0] == 43 || f[0] == 45 {
      negative = f[0] == 45
      p = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits accumulated into mantissa
    var exponent = 0  // decimal exponent adjustment
    var sawDigit = false
    var overflow = false
    while p < n, f[p] >= 48 && f[p] <= 57 {
      sawDigit = true
      accumulate(f[p], &mantissa, &digits, &exponent, &overflow, fraction: false)
      p += 1
    }
    if p < n && f[p] == 46 {
      p += 1
      while p < n, f[p] >= 48 && f[p] <= 57 {
        sawDigit = true
        accumulate(f[p], &mantissa, &digits, &exponent, &overflow, fraction: true)
        p += 1
      }
    }
    guard sawDigit else { return nil }
    var explicitExponent = 0
    if p < n && (f[p] | 0x20) == 101 {
      p += 1
      var expNegative = false
      if p < n && (f[p] == 43 || f[p] == 45) {
        expNegative = f[p] == 45
        p += 1
      }
      guard p < n else { return nil }
      while p < n, f[p] >= 48 && f[p] <= 57 {
        if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(f[p] - 48) }
        p += 1
      }
      if expNegative { explicitExponent = -explicitExponent }
    }
    guard p == n else { return nil }
    let e = exponent + explicitExponent
    // Clinger's fast path: an exact integer times or over an exact power of ten is
    // correctly rounded by IEEE arithmetic.
    if !overflow && mantissa <= (1 << 53) && e >= -22 && e <= 22 {
      var v = Double(mantissa)
      v = e < 0 ? v / exactPowers[-e] : v * exactPowers[e]
      return negative ? -v : v
    }
    if !overflow, let v = EiselLemire.double(mantissa: mantissa, exponent10: e) {
      return negative ? -v : v
    }
    return slowParse(f)
  }

  private static func accumulate(
    _ b: UInt8, _ mantissa: inout UInt64, _ digits: inout Int, _ exponent: inout Int,
    _ overflow: inout Bool, fraction: Bool
  ) {
    let d = UInt64(b - 48)
    if digits == 0 && d == 0 {  // leading zero
      if fraction { exponent -= 1 }
      return
    }
    if digits < 19 {
      mantissa = mantissa * 10 + d
      digits += 1
      if fraction { exponent -= 1 }
    } else {
      overflow = true
      if !fraction { exponent += 1 }
    }
  }

  /// `strtod` in the C locale on a null-terminated copy (correctly rounded, as `Double(String)`).
  package static func slowParse(_ f: UnsafeBufferPointer<UInt8>) -> Double? {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: f.count + 1) { tmp in
      for k in 0..<f.count { tmp[k] = CChar(bitPattern: f[k]) }
      tmp[f.count] = 0
      guard let base = tmp.baseAddress else { return nil }
      let previous = uselocale(cLocale)
      defer { uselocale(previous) }
      var end: UnsafeMutablePointer<CChar>?
      let v = strtod(base, &end)
      guard let end, end - base == f.count else { return nil }
      return v
    }
  }
}
