import Foundation
import RotorCore
import RotorSyntax

/// A dataset in Rotor's packed binary format (`ROTORDS1`), read in place.
///
/// The reader works directly on the bytes (for the bundled data: the binary's read-only
/// data, no copy). Opening checks the header, the section bounds, the string table and
/// the directories; a symbol is decoded only when asked for. Every offset and length is
/// checked against the buffer, so a truncated or corrupt blob gives a ``Diagnostic``,
/// never a crash. The layout is described in docs/data.md; ``pack(_:)`` writes it.
public final class PackedDataset: @unchecked Sendable {
  /// The 8 bytes every packed dataset starts with.
  public static let magic: [UInt8] = Array("ROTORDS1".utf8)
  /// The format version this reader understands.
  public static let version: UInt32 = 1
  /// Size of the fixed header in bytes.
  package static let headerSize = 88

  /// Per-field column encodings.
  package enum Encoding: UInt8 {
    /// Double(k) / 10^scale, k as zigzag varint deltas.
    case scaled = 1
    /// Float32 bit patterns, 4 bytes each.
    case float32 = 2
    /// Float64 bit patterns, 8 bytes each.
    case float64 = 3
    /// Float32 bit patterns as zigzag varints of the (wrapping) difference from the previous one.
    case float32Delta = 4
    /// Float64 bit patterns likewise.
    case float64Delta = 5
  }

  /// One directory entry of the symbol table.
  package struct Entry {
    package var dateIndex: Int
    package var rows: Int
    package var data: Range<Int>
  }

  package let buffer: UnsafeRawBufferPointer
  /// The name used in diagnostics.
  public let name: String
  /// Symbols, sorted.
  public let symbols: [String]
  /// The index members, in their original order.
  public let constituents: [Constituent]
  /// Total number of rows (dates) over all symbols.
  public let rowCount: Int
  /// The earliest and latest date over all symbols (`nil` when there are no rows).
  public let dateRange: ClosedRange<Int32>?
  /// FNV-1a 64 of the whole blob, with its own 8 bytes (at offset 24) counted as zeros.
  public let contentHash: UInt64
  package let entries: [Entry]
  package let position: [String: Int]
  private let dateIndexDirectory: Range<Int>
  private let dateIndexPayload: Range<Int>
  private let dateIndexCount: Int
  private let lock = NSLock()
  private var dateIndexes: [Int: DateIndex] = [:]

  /// Reads a packed dataset from memory that outlives this object (e.g. the bundled
  /// data). With `verifyChecksum` the content hash is recomputed and compared.
  public init(unowned buffer: UnsafeRawBufferPointer, name: String, verifyChecksum: Bool) throws(Diagnostic) {
    self.buffer = buffer
    self.name = name
    let r = Reader(buffer: buffer, name: name)
    // Header.
    guard buffer.count >= Self.headerSize else { throw r.corrupt("shorter than its header") }
    guard buffer.prefix(8).elementsEqual(Self.magic) else { throw r.corrupt("not a packed Rotor dataset") }
    guard r.u32(8) == Self.version else { throw r.corrupt("unsupported version \(r.u32(8))") }
    guard r.u32(12) == UInt32(Self.headerSize) else { throw r.corrupt("bad header size") }
    guard r.u64(16) == UInt64(buffer.count) else { throw r.corrupt("truncated or padded") }
    contentHash = r.u64(24)
    rowCount = Int(truncatingIfNeeded: r.u64(32))
    let first = Int32(bitPattern: r.u32(40))
    let last = Int32(bitPattern: r.u32(44))
    let counts = (0..<4).map { Int(r.u32(48 + 4 * $0)) }
    let offsets = (0..<5).map { Int(r.u32(64 + 4 * $0)) } + [buffer.count]
    guard offsets[0] == Self.headerSize, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      throw r.corrupt("bad section offsets")
    }
    if verifyChecksum && Self.checksum(buffer) != contentHash {
      throw r.corrupt("checksum mismatch")
    }
    let (stringCount, dateCount, constituentCount, symbolCount) = (counts[0], counts[1], counts[2], counts[3])
    // Strings: (count + 1) offsets, then the UTF-8 bytes.
    let strings = try r.strings(count: stringCount, in: offsets[0]..<offsets[1])
    // Date index directory: count × (offset, length, dates), then the payload.
    let dirEnd = offsets[1] + 12 * dateCount
    guard dateCount <= (offsets[2] - offsets[1]) / 12 else { throw r.corrupt("bad date index table") }
    dateIndexDirectory = offsets[1]..<dirEnd
    dateIndexPayload = dirEnd..<offsets[2]
    dateIndexCount = dateCount
    var dateCounts: [Int] = []
    for k in 0..<dateCount {
      let at = offsets[1] + 12 * k
      let start = Int(r.u32(at))
      let length = Int(r.u32(at + 4))
      guard start <= dateIndexPayload.count, length <= dateIndexPayload.count - start else {
        throw r.corrupt("bad date index \(k)")
      }
      dateCounts.append(Int(r.u32(at + 8)))
    }
    // Constituents: count × (symbol, name, sector) string ids.
    guard constituentCount == (offsets[3] - offsets[2]) / 12, (offsets[3] - offsets[2]) % 12 == 0 else {
      throw r.corrupt("bad constituent table")
    }
    var members: [Constituent] = []
    for k in 0..<constituentCount {
      let at = offsets[2] + 12 * k
      let ids = [r.u32(at), r.u32(at + 4), r.u32(at + 8)].map(Int.init)
      guard ids.allSatisfy({ $0 < strings.count }) else { throw r.corrupt("bad constituent \(k)") }
      members.append(Constituent(symbol: strings[ids[0]], name: strings[ids[1]], sector: strings[ids[2]]))
    }
    // Symbols: count × (name, date index, rows, data offset, data length, reserved).
    guard symbolCount == (offsets[4] - offsets[3]) / 24, (offsets[4] - offsets[3]) % 24 == 0 else {
      throw r.corrupt("bad symbol table")
    }
    let dataSize = offsets[5] - offsets[4]
    var names: [String] = []
    var entries: [Entry] = []
    var position: [String: Int] = [:]
    for k in 0..<symbolCount {
      let at = offsets[3] + 24 * k
      let nameId = Int(r.u32(at))
      let dateId = Int(r.u32(at + 4))
      let rows = Int(r.u32(at + 8))
      let start = Int(r.u32(at + 12))
      let length = Int(r.u32(at + 16))
      guard nameId < strings.count, dateId < dateCount, rows == dateCounts[dateId],
        start <= dataSize, length <= dataSize - start
      else { throw r.corrupt("bad symbol entry \(k)") }
      let symbol = strings[nameId]
      if let previous = names.last, !(previous < symbol) { throw r.corrupt("symbols out of order") }
      names.append(symbol)
      position[symbol] = k
      entries.append(
        Entry(dateIndex: dateId, rows: rows, data: offsets[4] + start..<offsets[4] + start + length))
    }
    self.symbols = names
    self.entries = entries
    self.position = position
    self.constituents = members
    self.dateRange = symbolCount > 0 && first <= last ? first...last : nil
  }

  /// Reads a packed dataset from bytes (copied; the checksum is verified).
  public convenience init(bytes: [UInt8], name: String) throws(Diagnostic) {
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
    copy.copyBytes(from: bytes)
    do {
      try self.init(
        unowned: UnsafeRawBufferPointer(rebasing: copy[0..<bytes.count]), name: name, verifyChecksum: true,
        owning: copy)
    } catch {
      copy.deallocate()
      throw error
    }
  }

  /// Reads a packed dataset from `range` of `storage`, which it takes over: deallocated with
  /// this object, or at once when this throws. The checksum is verified only with
  /// `verifyChecksum` (else the caller checked the bytes, e.g. the load cache with its own
  /// checksum); everything else is.
  package convenience init(
    owning storage: UnsafeMutableRawBufferPointer, range: Range<Int>, name: String,
    verifyChecksum: Bool = false
  ) throws(Diagnostic) {
    do {
      try self.init(
        unowned: UnsafeRawBufferPointer(rebasing: storage[range]), name: name, verifyChecksum: verifyChecksum,
        owning: storage)
    } catch {
      storage.deallocate()
      throw error
    }
  }

  private convenience init(
    unowned buffer: UnsafeRawBufferPointer, name: String, verifyChecksum: Bool,
    owning: UnsafeMutableRawBufferPointer
  ) throws(Diagnostic) {
    try self.init(unowned: buffer, name: name, verifyChecksum: verifyChecksum)
    self.ownedStorage = owning
  }

  private var ownedStorage: UnsafeMutableRawBufferPointer?
  /// What keeps ``buffer`` alive when this object does not own it (a mapped cache file).
  package var owner: AnyObject?
  /// Called with a symbol's data block once a read of it is done (its column headers, one
  /// column's values), on the reading thread: a mapped file drops the block's pages again,
  /// so that the process keeps the decoded values, not the bytes they came from.
  package var doneReading: (@Sendable (UnsafeRawBufferPointer) -> Void)?

  deinit { ownedStorage?.deallocate() }

  /// The position of `symbol` in ``symbols``.
  public func index(of symbol: String) -> Int? { position[symbol] }

  /// Decodes the date index with id `id` (shared: decoded once).
  package func dateIndex(_ id: Int) throws(Diagnostic) -> DateIndex {
    lock.lock()
    if let cached = dateIndexes[id] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    // Decoded outside the lock, so several indexes decode at once on several cores; the
    // first decoded copy is the one kept (and shared).
    let index = try DecodeClock.measure { () throws(Diagnostic) in try decodeDateIndex(id) }
    lock.lock()
    defer { lock.unlock() }
    if let cached = dateIndexes[id] { return cached }
    dateIndexes[id] = index
    return index
  }

  /// The number of dates and the last date of date index `id`, read by summing its deltas
  /// without building the index (`nil` when it does not read as a date index).
  package func lastDay(ofDateIndex id: Int) -> (count: Int, last: Int32)? {
    guard id < dateIndexCount else { return nil }
    var r = Reader(buffer: buffer, name: name)
    let at = dateIndexDirectory.lowerBound + 12 * id
    let start = dateIndexPayload.lowerBound + Int(r.u32(at))
    let end = start + Int(r.u32(at + 4))
    let count = Int(r.u32(at + 8))
    guard count > 0, count <= end - start, end <= dateIndexPayload.upperBound else { return nil }
    r.cursor = start
    var day: Int64 = 0
    for k in 0..<count {
      guard let v = try? r.varint(end: end) else { return nil }
      day = k == 0 ? unzigzag(v) : day &+ Int64(truncatingIfNeeded: v)
    }
    guard day >= Int64(Int32.min), day <= Int64(Int32.max) else { return nil }
    return (count, Int32(day))
  }

  /// Decodes date index `id` from the buffer.
  private func decodeDateIndex(_ id: Int) throws(Diagnostic) -> DateIndex {
    var r = Reader(buffer: buffer, name: name)
    guard id < dateIndexCount else { throw r.corrupt("bad date index id") }
    let at = dateIndexDirectory.lowerBound + 12 * id
    let start = dateIndexPayload.lowerBound + Int(r.u32(at))
    let end = start + Int(r.u32(at + 4))
    let count = Int(r.u32(at + 8))
    guard count <= end - start else { throw r.corrupt("bad date index \(id)") }
    r.cursor = start
    var days = [Int32](repeating: 0, count: count)
    var day: Int64 = 0
    for k in 0..<count {
      let v = try r.varint(end: end)
      guard k == 0 || (v >= 1 && v <= UInt64(UInt32.max)) else { throw r.corrupt("bad date index \(id)") }
      day = k == 0 ? unzigzag(v) : day + Int64(v)
      guard day >= Int64(Int32.min), day <= Int64(Int32.max) else { throw r.corrupt("bad date index \(id)") }
      days[k] = Int32(day)
    }
    guard r.cursor == end else { throw r.corrupt("bad date index \(id)") }
    return DateIndex(days)
  }

  /// Where one column of a symbol lies in the buffer, as its header says.
  package struct ColumnRef: Sendable {
    var encoding: Encoding
    var scale: Int
    var missing: Range<Int>?
    var payload: Range<Int>
  }

  /// The columns of the symbol at position `k`: every column header read and bounds-checked,
  /// no value decoded.
  package func columns(at k: Int) throws(Diagnostic) -> (index: DateIndex, columns: [Bars.Field: ColumnRef]) {
    var r = Reader(buffer: buffer, name: name)
    guard k >= 0 && k < entries.count else { throw r.corrupt("bad symbol position") }
    let entry = entries[k]
    let index = try dateIndex(entry.dateIndex)
    let rows = entry.rows
    r.cursor = entry.data.lowerBound
    let end = entry.data.upperBound
    let mask = try r.byte(end: end)
    guard mask < 1 << Bars.Field.allCases.count else { throw r.corrupt("bad field mask for \(symbols[k])") }
    var columns: [Bars.Field: ColumnRef] = [:]
    for (bit, field) in Bars.Field.allCases.enumerated() where mask & (1 << bit) != 0 {
      let tag = try r.byte(end: end)
      let scale = Int(try r.byte(end: end))
      let length = Int(try r.u32At(end: end))
      guard let encoding = Encoding(rawValue: tag & 0x7F), scale <= 6 else {
        throw r.corrupt("bad column header for \(symbols[k])")
      }
      var missing: Range<Int>?
      if tag & 0x80 != 0 {
        missing = try r.skip((rows + 7) / 8, end: end)
      }
      let payload = try r.skip(length, end: end)
      columns[field] = ColumnRef(encoding: encoding, scale: scale, missing: missing, payload: payload)
    }
    guard r.cursor == end else { throw r.corrupt("trailing bytes for \(symbols[k])") }
    doneReading?(UnsafeRawBufferPointer(rebasing: buffer[entry.data]))
    return (index, columns)
  }

  /// Decodes the bars of the symbol at position `k` of ``symbols``, every column now.
  public func bars(at k: Int) throws(Diagnostic) -> Bars {
    let (index, columns) = try self.columns(at: k)
    var fields: [Bars.Field: [Double]] = [:]
    for (field, column) in columns {
      fields[field] = try decodeColumn(column, rows: index.count, symbol: symbols[k])
    }
    return Bars(symbol: symbols[k], index: index, fields: fields)
  }

  /// The bars of the symbol at position `k`, each column decoded on first use: the column
  /// headers are checked now, the values when a column is first read. For blobs whose
  /// content was checked (a checksum, or the bundled data, validated whole when packed):
  /// a payload that still fails to decode reads as missing values.
  package func lazyBars(at k: Int) throws(Diagnostic) -> Bars {
    let (index, columns) = try self.columns(at: k)
    let rows = index.count
    let symbol = symbols[k]
    let block = entries[k].data
    return Bars(symbol: symbol, index: index, present: Array(columns.keys)) { [self] field in
      defer { doneReading?(UnsafeRawBufferPointer(rebasing: buffer[block])) }
      guard let column = columns[field],
        let values = try? decodeColumn(column, rows: rows, symbol: symbol)
      else { return [Double](repeating: .nan, count: rows) }
      return values
    }
  }

  /// Decodes one column: the present values first into the front of the output, then
  /// (when there is a missing bitmap) spread backwards to their rows, NaN in between.
  private func decodeColumn(_ column: ColumnRef, rows: Int, symbol: String) throws(Diagnostic) -> [Double] {
    var failed = false
    let values = [Double](unsafeUninitializedCapacity: rows) { out, initialized in
      failed = !decodeColumn(column, into: out)
      if failed { out.initialize(repeating: .nan) }
      initialized = rows
    }
    if failed { throw Reader(buffer: buffer, name: name).corrupt("bad column for \(symbol)") }
    return values
  }

  /// Decodes `column` into `out` (one slot per row); false when the payload does not
  /// decode to exactly as many values as the rows the bitmap marks present.
  private func decodeColumn(_ column: ColumnRef, into out: UnsafeMutableBufferPointer<Double>) -> Bool {
    let rows = out.count
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), let o = out.baseAddress else {
      return rows == 0
    }
    var present = rows
    if let missing = column.missing {
      present = 0
      let bytes = rows >> 3
      for j in 0..<bytes { present &+= 8 &- base[missing.lowerBound &+ j].nonzeroBitCount }
      for i in (bytes << 3)..<rows where base[missing.lowerBound + (i >> 3)] & (1 << UInt8(i & 7)) == 0 {
        present += 1
      }
    }
    let payload = column.payload
    var ok = true
    switch column.encoding {
    case .float32, .float64:
      let width = column.encoding == .float32 ? 4 : 8
      guard payload.count == width * present else { return false }
      let start = UnsafeRawPointer(base + payload.lowerBound)
      if width == 4 {
        for i in 0..<present {
          o[i] = Double(
            Float(
              bitPattern: UInt32(littleEndian: start.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
        }
      } else {
        for i in 0..<present {
          o[i] = Double(
            bitPattern: UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
        }
      }
    case .float32Delta:
      var bits: UInt32 = 0
      ok = Self.varints(base, payload, present) { i, v in
        bits = bits &+ UInt32(truncatingIfNeeded: unzigzag(v))
        o[i] = Double(Float(bitPattern: bits))
      }
    case .float64Delta:
      var bits: UInt64 = 0
      ok = Self.varints(base, payload, present) { i, v in
        bits = bits &+ UInt64(bitPattern: unzigzag(v))
        o[i] = Double(bitPattern: bits)
      }
    case .scaled:
      let divisor = PackedDataset.powersOfTen[column.scale]
      var k: Int64 = 0
      ok = Self.varints(base, payload, present) { i, v in
        k = k &+ unzigzag(v)
        o[i] = Double(k) / divisor
      }
    }
    guard ok else { return false }
    if let missing = column.missing, present < rows {
      var p = present
      var i = rows - 1
      while i >= 0 {
        if base[missing.lowerBound &+ (i >> 3)] & (1 << UInt8(i & 7)) != 0 {
          o[i] = .nan
        } else {
          p -= 1
          o[i] = o[p]
        }
        i -= 1
      }
    }
    return true
  }

  /// Calls `body(i, v)` for the `count` unsigned LEB128 varints filling `payload` exactly;
  /// false when they do not. While eight bytes remain, a varint of up to eight bytes is
  /// read without a branch on its length: one 8-byte load, its end found from the first
  /// clear high bit, its 7-bit groups gathered by three shift-and-mask steps.
  @inline(__always)
  private static func varints(
    _ base: UnsafePointer<UInt8>, _ payload: Range<Int>, _ count: Int, _ body: (Int, UInt64) -> Void
  ) -> Bool {
    var at = payload.lowerBound
    let end = payload.upperBound
    var i = 0
    while i < count {
      if end &- at >= 8 {
        let w = UInt64(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
        let stops = ~w & 0x8080_8080_8080_8080
        if stops != 0 {
          let bits = stops.trailingZeroBitCount &+ 1  // 8 × the varint's length
          var x = w & (UInt64.max >> UInt64(64 &- bits)) & 0x7F7F_7F7F_7F7F_7F7F
          x = (x & 0x007F_007F_007F_007F) | ((x & 0x7F00_7F00_7F00_7F00) >> 1)
          x = (x & 0x0000_3FFF_0000_3FFF) | ((x & 0x3FFF_0000_3FFF_0000) >> 2)
          x = (x & 0x0000_0000_0FFF_FFFF) | ((x & 0x0FFF_FFFF_0000_0000) >> 4)
          body(i, x)
          at &+= bits >> 3
          i &+= 1
          continue
        }
      }
      // Near the end, or nine or ten bytes: byte by byte, checked.
      var v: UInt64 = 0
      var shift: UInt64 = 0
      var done = false
      while at < end && shift < 64 {
        let b = base[at]
        at &+= 1
        v |= UInt64(b & 0x7F) &<< shift
        if b < 0x80 {
          done = true
          break
        }
        shift &+= 7
      }
      guard done else { return false }
      body(i, v)
      i &+= 1
    }
    return at == end
  }

  /// Decodes every symbol, so that any corruption shows up now as an error.
  public func validateAll() throws(Diagnostic) {
    for k in symbols.indices { _ = try bars(at: k) }
  }

  /// 10^0 … 10^6, exact.
  package static let powersOfTen: [Double] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000]
}
