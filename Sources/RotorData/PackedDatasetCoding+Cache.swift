import Foundation
import RotorCore

/// The packed form the load cache writes (``DatasetCache``): the same `ROTORDS1` layout
/// and decoding as ``PackedDataset/pack(_:)``, made for speed rather than size.
extension PackedDataset {
  /// A packed blob in pieces: `head` (the header and every section up to the data) followed
  /// by the per-symbol data `blocks` is the blob. Each column takes the first exact encoding
  /// of `scaled` (at the scale its first values need), `float32`, `float64`, rather than
  /// the smallest of all; symbols are encoded on all cores; the header's content hash is
  /// left 0 (the cache file has its own checksum). `scales` names, per symbol, fields known
  /// to be exactly Double(k) / 10^s for integers |k| < 2^51 (what the CSV parser saw):
  /// those are encoded at that scale without checking each value.
  package static func packForCache(_ dataset: Dataset, scales: [String: [Bars.Field: Int]] = [:]) -> (
    head: [UInt8], blocks: [[UInt8]]
  ) {
    var stats = PackStatistics()
    let allBars = dataset.symbols.compactMap { dataset.bars($0) }
    // Contiguous runs of symbols per task, each with one scratch buffer.
    let tasks = Swift.min(allBars.count, 4 * Parallel.cores)
    let runs = Parallel.map(tasks) { t -> [[UInt8]] in
      let range = (t * allBars.count / tasks)..<((t + 1) * allBars.count / tasks)
      var scratch = Scratch()
      defer { scratch.free() }
      return range.map { encodeSymbolFast(allBars[$0], scales[allBars[$0].symbol] ?? [:], &scratch) }
    }
    let blocks = runs.flatMap { $0 }
    let head = packHead(dataset, allBars, stats: &stats) { position, _, _ in blocks[position].count }
    return (head.head, blocks)
  }

  /// A growable byte buffer reused from symbol to symbol (no page faults for fresh memory
  /// per column).
  package struct Scratch {
    package var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    package var capacity = 1 << 16

    package mutating func reserve(_ bytes: Int) {
      guard bytes > capacity else { return }
      base.deallocate()
      capacity = Swift.max(bytes, 2 * capacity)
      base = .allocate(capacity: capacity)
    }

    package func free() { base.deallocate() }
  }

  /// One symbol's data block: the field mask, then each column.
  package static func encodeSymbolFast(_ bars: Bars, _ known: [Bars.Field: Int], _ scratch: inout Scratch)
    -> [UInt8]
  {
    var bound = 1
    for field in Bars.Field.allCases {
      guard let values = bars.values(field) else { continue }
      bound += 6 + (values.count + 7) / 8 + 10 * values.count + 8
    }
    scratch.reserve(bound)
    let out = scratch.base
    var mask: UInt8 = 0
    var at = 1
    for (bit, field) in Bars.Field.allCases.enumerated() {
      guard let values = bars.values(field) else { continue }
      mask |= 1 << bit
      at += values.withUnsafeBufferPointer { encodeColumnFast($0, knownScale: known[field], into: out + at) }
    }
    out[0] = mask
    return Array(UnsafeBufferPointer(start: out, count: at))
  }

  /// Writes one column at `out` (tag, scale, payload length, missing bitmap, payload, as
  /// ``encodeColumn(_:into:stats:)``) and returns its size. At most
  /// `6 + ⌈n/8⌉ + 10n` bytes.
  package static func encodeColumnFast(
    _ values: UnsafeBufferPointer<Double>, knownScale: Int? = nil, into out: UnsafeMutablePointer<UInt8>
  ) -> Int {
    let n = values.count
    var present = 0
    for v in values where !v.isNaN { present += 1 }
    var at = 6
    if present < n {
      let bytes = (n + 7) / 8
      (out + at).initialize(repeating: 0, count: bytes)
      for i in 0..<n where values[i].isNaN { out[at + (i >> 3)] |= 1 << UInt8(i & 7) }
      at += bytes
    }
    let kept = present == n ? nil : values.filter { !$0.isNaN }
    let (encoding, scale, length): (Encoding, Int, Int) = withPresent(values, kept) { v in
      let payload = out + at
      if let s = knownScale, s <= 6 {
        return (.scaled, s, scaledPayloadUnchecked(v, scale: s, into: payload))
      }
      var s = firstScale(v) ?? 7
      while s <= 6 {
        if let length = scaledPayload(v, scale: s, into: payload) { return (.scaled, s, length) }
        s += 1
      }
      let raw = UnsafeMutableRawPointer(payload)
      if v.allSatisfy({ Double(Float($0)).bitPattern == $0.bitPattern }) {
        for i in 0..<v.count {
          raw.storeBytes(of: Float(v[i]).bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
        }
        return (.float32, 0, 4 * v.count)
      }
      for i in 0..<v.count {
        raw.storeBytes(of: v[i].bitPattern.littleEndian, toByteOffset: 8 * i, as: UInt64.self)
      }
      return (.float64, 0, 8 * v.count)
    }
    out[0] = encoding.rawValue | (present < n ? 0x80 : 0)
    out[1] = UInt8(scale)
    UnsafeMutableRawPointer(out + 2).storeBytes(of: UInt32(length).littleEndian, as: UInt32.self)
    return at + length
  }

  private static func withPresent<R>(
    _ values: UnsafeBufferPointer<Double>, _ kept: [Double]?, _ body: (UnsafeBufferPointer<Double>) -> R
  ) -> R {
    guard let kept else { return body(values) }
    return kept.withUnsafeBufferPointer(body)
  }

  /// Adding and subtracting 1.5 · 2^52 rounds a double below 2^51 in magnitude to the
  /// nearest integer (ties to even), without a call to libm.
  package static let roundingConstant = 6_755_399_441_055_744.0

  /// The smallest scale in 0...6 at which the first 64 values are exact, if any.
  package static func firstScale(_ v: UnsafeBufferPointer<Double>) -> Int? {
    let m = Swift.min(v.count, 64)
    scales: for s in 0...6 {
      let p = powersOfTen[s]
      for i in 0..<m {
        let y = v[i] * p
        guard y.magnitude < 2_251_799_813_685_248 else { continue scales }
        let k = (y + roundingConstant) - roundingConstant
        guard (k / p).bitPattern == v[i].bitPattern else { continue scales }
      }
      return s
    }
    return nil
  }

  /// Writes the `scaled` payload of `v` at scale `s` (zigzag varint deltas of k = v · 10^s)
  /// and returns its length, or `nil` when a value is not exactly Double(k) / 10^s.
  package static func scaledPayload(
    _ v: UnsafeBufferPointer<Double>, scale s: Int, into o: UnsafeMutablePointer<UInt8>
  )
    -> Int?
  {
    let p = powersOfTen[s]
    let c = roundingConstant
    var at = 0
    var previous: Int64 = 0
    for i in 0..<v.count {
      let y = v[i] * p
      guard y.magnitude < 2_251_799_813_685_248 else { return nil }  // 2^51; false for NaN
      let shifted = y + c
      let r = shifted - c
      guard (r / p).bitPattern == v[i].bitPattern else { return nil }
      let k = Int64(bitPattern: shifted.bitPattern & 0x000F_FFFF_FFFF_FFFF) &- (1 << 51)
      at &+= putVarint(zigzag(k &- previous), o + at)
      previous = k
    }
    return at
  }

  /// ``scaledPayload(_:scale:into:)`` for values known to be exactly Double(k) / 10^s with
  /// |k| < 2^51: then v · 10^s is within k · 2^-52 < 0.5 of k, so rounding it gives k back.
  package static func scaledPayloadUnchecked(
    _ v: UnsafeBufferPointer<Double>, scale s: Int, into o: UnsafeMutablePointer<UInt8>
  ) -> Int {
    let p = powersOfTen[s]
    let c = roundingConstant
    var at = 0
    var previous: Int64 = 0
    for i in 0..<v.count {
      // y + 1.5 · 2^52 holds round(y) + 2^51 in its 52 mantissa bits.
      let k = Int64(bitPattern: ((v[i] * p) + c).bitPattern & 0x000F_FFFF_FFFF_FFFF) &- (1 << 51)
      at &+= putVarint(zigzag(k &- previous), o + at)
      previous = k
    }
    return at
  }

  /// Writes `z` as an unsigned LEB128 varint at `o` and returns its length. Below 2^56 it is
  /// branch-free: the 7-bit groups are spread into one 8-byte store (`o` must have room for
  /// 8 bytes), the continuation bits set on all but the last byte.
  @inline(__always)
  package static func putVarint(_ z: UInt64, _ o: UnsafeMutablePointer<UInt8>) -> Int {
    if z < 1 << 21 {
      // One to three bytes (price and volume deltas almost always): one 4-byte store.
      let length = 1 &+ (z >= 0x80 ? 1 : 0) &+ (z >= 0x4000 ? 1 : 0)
      var x = z & 0x7F
      x |= (z << 1) & 0x7F00
      x |= (z << 2) & 0x7F_0000
      x |= 0x8080 >> UInt64((3 &- length) &* 8)
      UnsafeMutableRawPointer(o).storeBytes(of: UInt32(truncatingIfNeeded: x).littleEndian, as: UInt32.self)
      return length
    }
    if z >= 1 << 56 {
      var v = z
      var n = 0
      while v >= 0x80 {
        o[n] = UInt8(truncatingIfNeeded: v) | 0x80
        n &+= 1
        v >>= 7
      }
      o[n] = UInt8(v)
      return n &+ 1
    }
    let length = (64 &- z.leadingZeroBitCount &+ 6) / 7
    var x = z & 0x7F
    x |= (z << 1) & 0x7F00
    x |= (z << 2) & 0x7F_0000
    x |= (z << 3) & 0x7F00_0000
    x |= (z << 4) & 0x7F_0000_0000
    x |= (z << 5) & 0x7F00_0000_0000
    x |= (z << 6) & 0x7F_0000_0000_0000
    x |= (z << 7) & 0x7F00_0000_0000_0000
    x |= 0x0080_8080_8080_8080 >> UInt64((8 &- length) &* 8)
    UnsafeMutableRawPointer(o).storeBytes(of: x.littleEndian, as: UInt64.self)
    return length
  }
}
