import RotorCore
import RotorSyntax

/// Writing the packed format (see ``PackedDataset`` and docs/data.md), and the low-level
/// encoding helpers (varints, zigzag, checksum, bounds-checked reads) shared with the reader.
extension PackedDataset {
  /// What the packer did, for reports.
  public struct PackStatistics: Sendable {
    /// Number of symbols.
    public var symbols = 0
    /// Number of rows (dates) over all symbols.
    public var rows = 0
    /// Number of distinct date indexes stored.
    public var dateIndexes = 0
    /// Size of the packed blob.
    public var bytes = 0
    /// Columns per encoding name (`scaled`, `float32`, `float64`).
    public var columns: [String: Int] = [:]
    /// Payload bytes per encoding name.
    public var payloadBytes: [String: Int] = [:]
    /// Columns that needed a missing-value bitmap.
    public var columnsWithMissing = 0
  }

  /// Packs a dataset into the `ROTORDS1` format. Deterministic: the same data always
  /// gives the same bytes. Every value decodes bit for bit as it was.
  public static func pack(_ dataset: Dataset) -> [UInt8] {
    packWithStatistics(dataset).bytes
  }

  /// Packs a dataset and reports which encodings were used.
  public static func packWithStatistics(_ dataset: Dataset) -> (bytes: [UInt8], statistics: PackStatistics) {
    var stats = PackStatistics()
    let allBars = dataset.symbols.compactMap { dataset.bars($0) }
    var data: [UInt8] = []
    var (out, hashAt) = packHead(dataset, allBars, stats: &stats) { _, bars, stats in
      let start = data.count
      var mask: UInt8 = 0
      for (bit, field) in Bars.Field.allCases.enumerated() where bars.presentFields.contains(field) {
        mask |= 1 << bit
      }
      data.append(mask)
      for field in Bars.Field.allCases {
        guard let values = bars.values(field) else { continue }
        encodeColumn(values, into: &data, stats: &stats)
      }
      return data.count - start
    }
    out += data
    let hash = out.withUnsafeBytes { checksum($0) }
    for k in 0..<8 { out[hashAt + k] = UInt8(truncatingIfNeeded: hash >> (8 * UInt64(k))) }
    stats.bytes = out.count
    return (out, stats)
  }

  /// The header and every section before the data, with the content hash 0 (at `hashAt`);
  /// `block(position, bars, &stats)` writes each symbol's data block, in order, and returns
  /// its length.
  package static func packHead(
    _ dataset: Dataset, _ allBars: [Bars], stats: inout PackStatistics,
    block: (Int, Bars, inout PackStatistics) -> Int
  ) -> (head: [UInt8], hashAt: Int) {
    var strings = StringTable()
    // Date indexes, interned by content (by object first: a dataset shares index objects).
    var dateIds: [[Int32]: Int] = [:]
    var dateIdsByObject: [ObjectIdentifier: Int] = [:]
    var dateDirectory: [UInt8] = []
    var datePayload: [UInt8] = []
    var firstDay = Int32.max
    var lastDay = Int32.min
    var symbolTable: [UInt8] = []
    var dataSize = 0
    for (position, bars) in allBars.enumerated() {
      let days = bars.index.days
      if let f = days.first, let l = days.last {
        firstDay = min(firstDay, f)
        lastDay = max(lastDay, l)
      }
      let dateId: Int
      if let id = dateIdsByObject[ObjectIdentifier(bars.index)] {
        dateId = id
      } else if let id = dateIds[days] {
        dateId = id
        dateIdsByObject[ObjectIdentifier(bars.index)] = id
      } else {
        dateId = dateIds.count
        dateIds[days] = dateId
        dateIdsByObject[ObjectIdentifier(bars.index)] = dateId
        let start = datePayload.count
        var previous: Int32 = 0
        for (k, d) in days.enumerated() {
          appendVarint(k == 0 ? zigzag(Int64(d)) : UInt64(Int64(d) - Int64(previous)), to: &datePayload)
          previous = d
        }
        appendU32(start, to: &dateDirectory)
        appendU32(datePayload.count - start, to: &dateDirectory)
        appendU32(days.count, to: &dateDirectory)
      }
      let length = block(position, bars, &stats)
      appendU32(strings.id(bars.symbol), to: &symbolTable)
      appendU32(dateId, to: &symbolTable)
      appendU32(days.count, to: &symbolTable)
      appendU32(dataSize, to: &symbolTable)
      appendU32(length, to: &symbolTable)
      appendU32(0, to: &symbolTable)
      dataSize += length
      stats.rows += days.count
    }
    var constituentTable: [UInt8] = []
    for c in dataset.constituents {
      for s in [c.symbol, c.name, c.sector] { appendU32(strings.id(s), to: &constituentTable) }
    }
    let stringSection = strings.encoded()
    var offsets = [headerSize]
    for section in [stringSection, dateDirectory + datePayload, constituentTable, symbolTable] {
      offsets.append(offsets[offsets.count - 1] + section.count)
    }
    var out: [UInt8] = magic
    appendU32(Int(version), to: &out)
    appendU32(headerSize, to: &out)
    let total = offsets[offsets.count - 1] + dataSize
    appendU64(UInt64(total), to: &out)
    let hashAt = out.count
    appendU64(0, to: &out)
    appendU64(UInt64(stats.rows), to: &out)
    appendU32(Int(UInt32(bitPattern: allBars.isEmpty || firstDay > lastDay ? 0 : firstDay)), to: &out)
    appendU32(Int(UInt32(bitPattern: allBars.isEmpty || firstDay > lastDay ? 0 : lastDay)), to: &out)
    for count in [strings.count, dateIds.count, dataset.constituents.count, allBars.count] {
      appendU32(count, to: &out)
    }
    for offset in offsets { appendU32(offset, to: &out) }
    appendU32(0, to: &out)
    out += stringSection
    out += dateDirectory
    out += datePayload
    out += constituentTable
    out += symbolTable
    stats.symbols = allBars.count
    stats.dateIndexes = dateIds.count
    return (out, hashAt)
  }

  /// Writes one column: tag (encoding | 0x80 when a bitmap follows), scale, payload
  /// length, the missing bitmap if any, then the payload (present values only).
  package static func encodeColumn(_ values: [Double], into out: inout [UInt8], stats: inout PackStatistics) {
    let present = values.filter { !$0.isNaN }
    let hasMissing = present.count < values.count
    // Candidates, smallest wins (ties: the earlier one below).
    var candidates: [(encoding: Encoding, scale: Int, payload: [UInt8])] = []
    if present.allSatisfy({ Double(Float($0)).bitPattern == $0.bitPattern }) {
      candidates.append((.float32, 0, bitPayload(present, width: 4, delta: false)))
      candidates.append((.float32Delta, 0, bitPayload(present, width: 4, delta: true)))
    }
    if let scale = exactScale(present) {
      var payload: [UInt8] = []
      var previous: Int64 = 0
      for v in present {
        let k = Int64((v * powersOfTen[scale]).rounded())
        appendVarint(zigzag(k &- previous), to: &payload)
        previous = k
      }
      candidates.append((.scaled, scale, payload))
    }
    candidates.append((.float64, 0, bitPayload(present, width: 8, delta: false)))
    candidates.append((.float64Delta, 0, bitPayload(present, width: 8, delta: true)))
    var best = candidates[0]
    for c in candidates.dropFirst() where c.payload.count < best.payload.count { best = c }
    out.append(best.encoding.rawValue | (hasMissing ? 0x80 : 0))
    out.append(UInt8(best.scale))
    appendU32(best.payload.count, to: &out)
    if hasMissing {
      var bitmap = [UInt8](repeating: 0, count: (values.count + 7) / 8)
      for (i, v) in values.enumerated() where v.isNaN { bitmap[i >> 3] |= 1 << UInt8(i & 7) }
      out += bitmap
      stats.columnsWithMissing += 1
    }
    out += best.payload
    let name = "\(best.encoding)"
    stats.columns[name, default: 0] += 1
    stats.payloadBytes[name, default: 0] += best.payload.count
  }

  /// The IEEE bit patterns of `values` (as Float when `width` is 4): little-endian, or
  /// as zigzag varints of the wrapping difference from the previous pattern.
  package static func bitPayload(_ values: [Double], width: Int, delta: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(width * values.count)
    var previous: UInt64 = 0
    for v in values {
      let bits = width == 4 ? UInt64(Float(v).bitPattern) : v.bitPattern
      if !delta {
        if width == 4 { appendU32(Int(bits), to: &out) } else { appendU64(bits, to: &out) }
      } else if width == 4 {
        appendVarint(zigzag(Int64(Int32(bitPattern: UInt32(bits) &- UInt32(previous)))), to: &out)
      } else {
        appendVarint(zigzag(Int64(bitPattern: bits &- previous)), to: &out)
      }
      previous = bits
    }
    return out
  }

  /// The smallest s in 0...6 such that every value is exactly Double(k) / 10^s for an
  /// integer |k| ≤ 2^53, or `nil`.
  package static func exactScale(_ values: [Double]) -> Int? {
    scales: for s in 0...6 {
      let p = powersOfTen[s]
      for v in values {
        let x = (v * p).rounded()
        guard x.isFinite, x.magnitude <= 9_007_199_254_740_992,
          (Double(Int64(x)) / p).bitPattern == v.bitPattern
        else { continue scales }
      }
      return s
    }
    return nil
  }
}

/// Zigzag encoding: 0, -1, 1, -2 … → 0, 1, 2, 3 …
@inline(__always) package func zigzag(_ v: Int64) -> UInt64 {
  UInt64(bitPattern: (v &<< 1) ^ (v >> 63))
}

package func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
  var v = value
  while v >= 0x80 {
    out.append(UInt8(truncatingIfNeeded: v) | 0x80)
    v >>= 7
  }
  out.append(UInt8(v))
}

package func appendU32(_ value: Int, to out: inout [UInt8]) {
  let v = UInt32(truncatingIfNeeded: value)
  for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
}

package func appendU64(_ value: UInt64, to out: inout [UInt8]) {
  for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
}

/// Interned strings: id → UTF-8 bytes, encoded as (count + 1) u32 offsets then the bytes.
package struct StringTable {
  private var ids: [String: Int] = [:]
  private var list: [String] = []

  package var count: Int { list.count }

  package mutating func id(_ s: String) -> Int {
    if let id = ids[s] { return id }
    ids[s] = list.count
    list.append(s)
    return list.count - 1
  }

  package func encoded() -> [UInt8] {
    var offsets: [UInt8] = []
    var bytes: [UInt8] = []
    appendU32(0, to: &offsets)
    for s in list {
      bytes += Array(s.utf8)
      appendU32(bytes.count, to: &offsets)
    }
    return offsets + bytes
  }
}

/// Zigzag decoding: 0, 1, 2, 3 … → 0, -1, 1, -2 …
@inline(__always) package func unzigzag(_ v: UInt64) -> Int64 {
  Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
}

extension PackedDataset {
  /// FNV-1a 64 of a whole blob, the hash field (bytes 24..<32) counted as zeros.
  package static func checksum(_ blob: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for (i, b) in blob.enumerated() {
      h ^= (i >= 24 && i < 32) ? 0 : UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    return h
  }
}

/// Bounds-checked little-endian reads from a packed blob.
package struct Reader {
  package let buffer: UnsafeRawBufferPointer
  package let name: String
  package var cursor = 0

  package init(buffer: UnsafeRawBufferPointer, name: String) {
    self.buffer = buffer
    self.name = name
  }

  package func corrupt(_ reason: String) -> Diagnostic {
    Diagnostic.data("corrupt packed dataset: \(reason)", file: name)
  }

  /// A u32 at a position already known to be inside the buffer.
  package func u32(_ at: Int) -> UInt32 {
    guard at >= 0, at <= buffer.count - 4 else { return 0 }
    return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self))
  }

  /// A u64 at a position already known to be inside the buffer.
  package func u64(_ at: Int) -> UInt64 {
    guard at >= 0, at <= buffer.count - 8 else { return 0 }
    return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt64.self))
  }

  package mutating func byte(end: Int) throws(Diagnostic) -> UInt8 {
    guard cursor < end else { throw corrupt("unexpected end of data") }
    defer { cursor += 1 }
    return buffer[cursor]
  }

  package mutating func u32At(end: Int) throws(Diagnostic) -> UInt32 {
    guard end - cursor >= 4 else { throw corrupt("unexpected end of data") }
    defer { cursor += 4 }
    return u32(cursor)
  }

  /// Skips `count` bytes, returning their range.
  package mutating func skip(_ count: Int, end: Int) throws(Diagnostic) -> Range<Int> {
    guard count >= 0, end - cursor >= count else { throw corrupt("unexpected end of data") }
    defer { cursor += count }
    return cursor..<cursor + count
  }

  /// An unsigned LEB128 varint (at most 10 bytes).
  @inline(__always) package mutating func varint(end: Int) throws(Diagnostic) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while cursor < end {
      let b = buffer[cursor]
      cursor += 1
      result |= UInt64(b & 0x7F) &<< shift
      if b < 0x80 { return result }
      shift += 7
      if shift >= 64 { break }
    }
    throw corrupt("bad varint")
  }

  /// The string table in `section`: (count + 1) u32 offsets, then the bytes.
  package func strings(count: Int, in section: Range<Int>) throws(Diagnostic) -> [String] {
    guard count < (section.count / 4) else { throw corrupt("bad string table") }
    let base = section.lowerBound + 4 * (count + 1)
    var result: [String] = []
    result.reserveCapacity(count)
    var previous = Int(u32(section.lowerBound))
    guard previous == 0 else { throw corrupt("bad string table") }
    for k in 0..<count {
      let next = Int(u32(section.lowerBound + 4 * (k + 1)))
      guard next >= previous, base + next <= section.upperBound else { throw corrupt("bad string table") }
      result.append(
        String(
          decoding: UnsafeRawBufferPointer(rebasing: buffer[base + previous..<base + next]), as: UTF8.self))
      previous = next
    }
    return result
  }
}
