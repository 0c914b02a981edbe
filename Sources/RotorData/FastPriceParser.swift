import Foundation
import RotorCore
import RotorSyntax

/// The fast path of ``PriceFileLoader``: one pass over the bytes of a price file that parses
/// each cell where it stands (dates, numbers, symbols), with no per-cell allocation and no
/// bounds checks in the loop.
///
/// It accepts only the plain, common shape of a price file: unquoted fields with no spaces
/// around them, rows sorted by date within each symbol, every cell well formed. On anything
/// else (a quote, a space, an unsorted or repeated date, a malformed cell, a wrong field
/// count, no data rows) it returns `nil` and the caller reads the file again with the general
/// reader, which sorts, or reports the error with its file, line and column. So the fast path
/// never produces an error of its own, and whatever it returns is exactly what the general
/// reader returns for the same bytes (the tests compare the two).
package enum FastPriceParser {
  /// What a column of the file holds.
  package enum Role: Equatable {
    case ignored, date, symbol
    /// A price field: index into the layout's `fields`.
    case value(Int)
  }

  /// The growing rows of one symbol: days, and one column of values per price field. A
  /// column is allocated at its first present value (earlier rows filled with NaN), so the
  /// empty columns of a long file (`open`, `high`, … of close-only symbols) cost nothing.
  package final class Rows {
    package let symbol: String
    package let name: [UInt8]
    package let width: Int
    package var count = 0
    package var capacity: Int
    package var days: UnsafeMutablePointer<Int32>
    /// Column k, or nil while every value of it is missing.
    package var columns: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>
    /// Per column: ``unset`` (no value yet), ``final`` (the values are the numbers), or a
    /// scale s in 0...7: every value so far is an exact integer k (|k| < 2^51) standing for
    /// k / 10^s, divided when the column is finished (all at once, which vectorises, instead
    /// of one division per cell) or when a cell needs another form.
    package var scales: UnsafeMutablePointer<Int>
    /// Whether the rows were already cut to size once, on leaving the symbol (long files).
    package var trimmed = false

    package static let unset = -2
    package static let final = -1

    package init(symbol: String, name: [UInt8], width: Int, capacity: Int) {
      self.symbol = symbol
      self.name = name
      self.width = width
      self.capacity = Swift.max(capacity, 16)
      days = .allocate(capacity: self.capacity)
      columns = .allocate(capacity: Swift.max(width, 1))
      columns.initialize(repeating: nil, count: Swift.max(width, 1))
      scales = .allocate(capacity: Swift.max(width, 1))
      scales.initialize(repeating: Rows.unset, count: Swift.max(width, 1))
    }

    deinit {
      days.deallocate()
      for k in 0..<width { columns[k]?.deallocate() }
      columns.deallocate()
      scales.deallocate()
    }

    /// Divides column `k`'s integers by 10^scale; from now on it holds final values.
    package func settle(_ k: Int) {
      let s = scales[k]
      scales[k] = Rows.final
      guard s > 0, let column = columns[k] else { return }
      let divisor = NumberParser.exactPowers[s]
      for i in 0..<count { column[i] = column[i] / divisor }
    }

    /// Multiplies column `k`'s integers by 10^`up` (a finer scale) when they all stay below
    /// 2^51; false (and nothing changed) otherwise.
    package func rescale(_ k: Int, by up: Int) -> Bool {
      guard let column = columns[k] else { return false }
      let factor = NumberParser.exactPowers[up]
      var largest = 0.0
      for i in 0..<count where !column[i].isNaN { largest = Swift.max(largest, column[i].magnitude) }
      guard largest * factor < 2_251_799_813_685_248 else { return false }
      for i in 0..<count { column[i] = column[i] * factor }
      scales[k] &+= up
      return true
    }

    /// Column `k`, allocated (NaN up to the current row) if it was not yet.
    @inline(__always) package func column(for k: Int) -> UnsafeMutablePointer<Double> {
      if let c = columns[k] { return c }
      let c = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
      c.initialize(repeating: .nan, count: count)
      columns[k] = c
      return c
    }

    /// Stores cell `v` of column `k` at row `count` (`scale` as ``FastPriceParser/number``
    /// reports it).
    @inline(__always) package func store(_ v: Double, scale: Int, column k: Int) {
      if v.isNaN {
        columns[k]?[count] = .nan
        return
      }
      let cell = column(for: k) + count
      let s = scales[k]
      if scale == s {
        cell.pointee = v
        return
      }
      if scale >= 0 {
        if s == Rows.unset {
          scales[k] = scale
          cell.pointee = v
          return
        }
        if s > scale {
          let w = v * NumberParser.exactPowers[s &- scale]
          if w.magnitude < 2_251_799_813_685_248 {
            cell.pointee = w
            return
          }
        } else if s >= 0 && scale <= 7 && rescale(k, by: scale &- s) {
          cell.pointee = v
          return
        }
        if s >= 0 { settle(k) }
        scales[k] = Rows.final
        cell.pointee = v / NumberParser.exactPowers[scale]
        return
      }
      if s >= 0 { settle(k) }
      scales[k] = Rows.final
      cell.pointee = v
    }

    @inline(__always) package var lastDay: Int32 { days[count - 1] }

    /// Room for twice as many rows.
    package func grow() { resize(capacity * 2) }

    /// Room for exactly the rows there are (a symbol of a long file, when the file moves on
    /// to the next symbol: its rows usually come together, so this is its size).
    package func trim() {
      trimmed = true
      if capacity > count + 16 { resize(count + 16) }
    }

    private func resize(_ newCapacity: Int) {
      let newDays = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
      newDays.update(from: days, count: count)
      days.deallocate()
      days = newDays
      for k in 0..<width {
        guard let old = columns[k] else { continue }
        let new = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
        new.update(from: old, count: count)
        old.deallocate()
        columns[k] = new
      }
      capacity = newCapacity
    }

    /// Column `k` as an array of exactly `count` values (all NaN when it has none).
    package func values(_ k: Int) -> [Double] {
      guard let c = columns[k] else { return [Double](repeating: .nan, count: count) }
      return Array(UnsafeBufferPointer(start: c, count: count))
    }

    package var dayArray: [Int32] { Array(UnsafeBufferPointer(start: days, count: count)) }
  }

  /// Parses the data rows of `bytes` from `start` (just after the header row). `nil` means:
  /// use the general reader.
  package static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, layout: PriceFileLoader.Layout,
    defaultSymbol: String
  ) -> Parsed? {
    guard let base = bytes.baseAddress, layout.fieldCount >= 1 else { return nil }
    let end = bytes.count
    var roles = [Role](repeating: .ignored, count: layout.fieldCount)
    roles[layout.date] = .date
    if let s = layout.symbol { roles[s] = .symbol }
    for (k, c) in layout.columns.enumerated() { roles[c] = .value(k) }
    let width = layout.fields.count
    // The rows of a per-symbol file, from the length of its first row (more are made room
    // for if needed; the columns are copied to arrays of the exact size at the end).
    var rowBound = 256
    if layout.symbol == nil {
      var e = start
      while e < end && base[e] != 10 { e &+= 1 }
      rowBound = (end - start) / Swift.max(e - start + 1, 8) * 9 / 8 + 16
    }

    var all: [Rows] = []
    var bySymbol: [[UInt8]: Rows] = [:]
    // The rows being added to. `all` keeps every Rows alive, so the loop refers to the
    // current one without reference counting (a retain and release per row otherwise).
    let first = Rows(
      symbol: defaultSymbol, name: [], width: width, capacity: layout.symbol == nil ? rowBound : 1)
    unowned(unsafe) var current = first
    var started = layout.symbol == nil
    if started { all.append(first) }
    let fieldCount = layout.fieldCount
    let ok: Bool = roles.withUnsafeBufferPointer { roleBuffer in
      withUnsafeTemporaryAllocation(of: (Double, Int).self, capacity: Swift.max(width, 1)) { rowBuffer in
        guard let row = rowBuffer.baseAddress, let role = roleBuffer.baseAddress else { return false }
        var p = start
        // The day number of the last date's year and month (dates of one month share it).
        var monthKey: UInt64 = 0
        var monthBase = 0
        while p < end {
          let first = base[p]
          if first == 10 || first == 13 {
            p &+= 1
            continue
          }
          var day: Int32 = 0
          var symbolStart = 0
          var symbolEnd = 0
          var j = 0
          while true {
            switch role[j] {
            case .date:
              // YYYY-MM-DD, then the end of the field or a time after `T` or a space.
              guard end - p >= 10 else { return false }
              let key = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
              let d0 = base[p + 8] &- 48
              let d1 = base[p + 9] &- 48
              guard d0 <= 9, d1 <= 9 else { return false }
              let dayOfMonth = Int(d0) &* 10 &+ Int(d1)
              if key == monthKey, dayOfMonth >= 1, dayOfMonth <= 28 {
                day = Int32(truncatingIfNeeded: monthBase &+ dayOfMonth)
              } else {
                guard let (y, m) = yearMonth(base + p) else { return false }
                guard let d = CivilDate.days(year: y, month: m, day: dayOfMonth) else { return false }
                day = d
                monthKey = key
                monthBase = Int(d) &- dayOfMonth
              }
              p &+= 10
              if p < end {
                let b = base[p]
                if b == 84 || b == 32 {  // T or space: a time, ignored
                  while p < end {
                    let c = base[p]
                    if c == 44 || c == 10 || c == 13 { break }
                    if c == 34 { return false }
                    p &+= 1
                  }
                }
              }
            case .value(let k):
              var scale = 0
              guard let v = number(base, &p, end, scale: &scale) else { return false }
              row[k] = (v, scale)
            case .symbol:
              symbolStart = p
              while p < end {
                let c = base[p]
                if c == 44 || c == 10 || c == 13 { break }
                if c == 34 || c >= 0x80 { return false }
                p &+= 1
              }
              symbolEnd = p
              guard symbolEnd > symbolStart, !isBlank(base[symbolStart]), !isBlank(base[symbolEnd - 1]) else {
                return false
              }
            case .ignored:
              while p < end {
                let c = base[p]
                if c == 44 || c == 10 || c == 13 { break }
                if c == 34 { return false }
                p &+= 1
              }
            }
            j &+= 1
            if j == fieldCount { break }
            guard p < end, base[p] == 44 else { return false }
            p &+= 1
          }
          // The row must end here.
          if p < end {
            let c = base[p]
            if c == 10 {
              p &+= 1
            } else if c == 13 {
              p &+= 1
              if p < end && base[p] == 10 { p &+= 1 }
            } else {
              return false
            }
          }
          if layout.symbol != nil {
            let length = symbolEnd - symbolStart
            let same =
              started && current.name.count == length
              && current.name.withUnsafeBufferPointer { n in
                n.baseAddress.map { memcmp($0, base + symbolStart, length) == 0 } ?? (length == 0)
              }
            if !same {
              if started && !current.trimmed { current.trim() }
              let key = Array(UnsafeBufferPointer(start: base + symbolStart, count: length))
              if let known = bySymbol[key] {
                current = known
              } else {
                let rows = Rows(
                  symbol: String(decoding: key, as: UTF8.self), name: key, width: width, capacity: 256)
                bySymbol[key] = rows
                all.append(rows)
                current = rows
              }
              started = true
            }
          }
          let added = Unmanaged.passUnretained(current)._withUnsafeGuaranteedRef { r -> Bool in
            if r.count > 0 && day <= r.lastDay { return false }
            if r.count == r.capacity { r.grow() }
            r.days[r.count] = day
            for k in 0..<width {
              let (v, scale) = row[k]
              r.store(v, scale: scale, column: k)
            }
            r.count &+= 1
            return true
          }
          guard added else { return false }
        }
        return true
      }
    }
    guard ok, all.contains(where: { $0.count > 0 }) else { return nil }
    let finished = all.map { finish($0, layout) }
    return Parsed(bars: finished.map(\.0), scales: finished.map(\.1))
  }

  /// What the fast path read: the bars, and for each the price fields whose values are all
  /// exactly Double(k) / 10^s for integers |k| < 2^51, with that s (what the load cache
  /// stores without checking each value again).
  package struct Parsed {
    package var bars: [Bars]
    package var scales: [[Bars.Field: Int]]
  }

  @inline(__always) package static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 }

  /// Year and month of `YYYY-MM-` at `p` (digits and dashes checked).
  @inline(__always) package static func yearMonth(_ p: UnsafePointer<UInt8>) -> (Int, Int)? {
    var y = 0
    for k in 0..<4 {
      let d = p[k] &- 48
      guard d <= 9 else { return nil }
      y = y &* 10 &+ Int(d)
    }
    let m0 = p[5] &- 48
    let m1 = p[6] &- 48
    guard p[4] == 45, p[7] == 45, m0 <= 9, m1 <= 9 else { return nil }
    return (y, Int(m0) &* 10 &+ Int(m1))
  }

  /// The number at `p` up to the end of its field (`p` is left on the delimiter); NaN for a
  /// missing value; `nil` when the general reader must look at it. `scale` ≥ 0: the result
  /// is the exact integer k (|k| < 2^51) and the number is k / 10^scale (correctly rounded
  /// by the division, as Clinger's fast path); −1: the result is the number.
  @inline(__always) package static func number(
    _ base: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int, scale: inout Int
  ) -> Double? {
    scale = Rows.final
    let start = p
    var i = p
    if i == end { return .nan }
    var c = base[i]
    if c == 44 || c == 10 || c == 13 { return .nan }
    var negative = false
    if c == 45 || c == 43 {
      negative = c == 45
      i &+= 1
      guard i < end else { return nil }
      c = base[i]
    }
    // Eight bytes at a time: `digits.fraction` with at most 7 digits on each side.
    if end - i >= 16 {
      let (n1, whole) = leadingDigits(base + i)
      if n1 < 8 {
        var at = i &+ n1
        var c1 = base[at]
        var value = whole
        var fractionDigits = 0
        var simple = true
        if c1 == 46 {  // .
          at &+= 1
          if end - at >= 8 {
            let (n2, fraction) = leadingDigits(base + at)
            if n2 < 8 {
              value = value &* powersOfTenU64[n2] &+ fraction
              fractionDigits = n2
              at &+= n2
              c1 = at < end ? base[at] : 44
            } else {
              simple = false
            }
          } else {
            simple = false
          }
        }
        if simple && n1 &+ fractionDigits > 0 && (c1 == 44 || c1 == 10 || c1 == 13) {
          p = at
          // At most 14 digits: below 2^51. A negative zero is returned as it is.
          if negative && value == 0 { return -0.0 }
          scale = fractionDigits
          let k = Double(Int64(bitPattern: value))  // < 2^51: the signed conversion, one instruction
          return negative ? -k : k
        }
      }
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits in mantissa
    var exponent = 0
    var sawDigit = false
    // Integer part.
    while c &- 48 <= 9 {
      sawDigit = true
      let d = UInt64(c &- 48)
      if digits > 0 || d != 0 {
        mantissa = mantissa &* 10 &+ d
        digits &+= 1
      }
      i &+= 1
      if i == end { break }
      c = base[i]
    }
    if i < end && c == 46 {  // .
      i &+= 1
      if i < end {
        c = base[i]
        while c &- 48 <= 9 {
          sawDigit = true
          let d = UInt64(c &- 48)
          if digits > 0 || d != 0 {
            mantissa = mantissa &* 10 &+ d
            digits &+= 1
          }
          exponent &-= 1
          i &+= 1
          if i == end { break }
          c = base[i]
        }
      }
    }
    if !sawDigit {
      // null / NaN (any case), else not for us.
      if i == start, c | 0x20 == 110 {
        var e = i
        while e < end, base[e] != 44, base[e] != 10, base[e] != 13 { e &+= 1 }
        let field = UnsafeBufferPointer(start: base + start, count: e - start)
        guard CSVReader.isMissing(field) else { return nil }
        p = e
        return .nan
      }
      return nil
    }
    if i < end && c | 0x20 == 101 {  // e: the general parser handles exponents
      var e = i
      while e < end, base[e] != 44, base[e] != 10, base[e] != 13 { e &+= 1 }
      guard let v = NumberParser.parse(UnsafeBufferPointer(start: base + start, count: e - start)),
        v.isFinite
      else { return nil }
      p = e
      return v
    }
    guard i == end || c == 44 || c == 10 || c == 13 else { return nil }
    p = i
    if digits <= 19 {
      if mantissa < 1 << 51 && exponent >= -7 && !(negative && mantissa == 0) {
        // An exact integer and a small scale, as the eight-byte path above.
        scale = -exponent
        let k = Double(Int64(bitPattern: mantissa))
        return negative ? -k : k
      }
      if mantissa <= 1 << 53 && exponent >= -22 {
        // Clinger: an exact integer over an exact power of ten is correctly rounded.
        let v = Double(mantissa) / NumberParser.exactPowers[-exponent]
        return negative ? -v : v
      }
      if let v = EiselLemire.double(mantissa: mantissa, exponent10: exponent) {
        return negative ? -v : v
      }
    }
    guard let v = NumberParser.parse(UnsafeBufferPointer(start: base + start, count: i - start)), v.isFinite
    else { return nil }
    return v
  }

  /// 10^0 … 10^7.
  package static let powersOfTenU64: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000]

  /// How many of the 8 bytes at `p` are leading ASCII digits (8 when all are), and their
  /// value when fewer than 8 (SWAR: one load, a few multiplications).
  @inline(__always) package static func leadingDigits(_ p: UnsafePointer<UInt8>) -> (Int, UInt64) {
    let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    // Digits become 0...9; any other byte becomes something else (xor is a bijection).
    let t = word ^ 0x3030_3030_3030_3030
    // High bit set in each byte above 9 (a carry out of a byte only reaches later bytes).
    let flags = ((t &+ 0x7676_7676_7676_7676) | t) & 0x8080_8080_8080_8080
    let n = flags.trailingZeroBitCount >> 3
    guard n < 8 else { return (8, 0) }
    // The n digits to the top bytes (the low end of the number), zeros before them, then
    // fast_float's parse_eight_digits_unrolled.
    var v = t << UInt64((8 &- n) &* 8)
    v = (v &* 10) &+ (v >> 8)
    v =
      (((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064)
        &+ (((v >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) >> 32
    return (n, v & 0xFFFF_FFFF)
  }

  /// The bars of finished rows, as ``PriceFileLoader`` makes them: all-missing columns
  /// dropped, but close (or adj close) kept when it would leave no default series. Also the
  /// fields that were exact scaled integers, with their scale.
  package static func finish(_ r: Rows, _ layout: PriceFileLoader.Layout) -> (Bars, [Bars.Field: Int]) {
    var scales: [Bars.Field: Int] = [:]
    for (k, f) in layout.fields.enumerated() {
      if r.scales[k] >= 0 { scales[f] = r.scales[k] }
      r.settle(k)
    }
    var fields: [Bars.Field: [Double]] = [:]
    for (k, f) in layout.fields.enumerated() where r.columns[k] != nil {
      fields[f] = r.values(k)
    }
    if fields[.close] == nil && fields[.adjClose] == nil {
      let keep: Bars.Field = layout.fields.contains(.close) ? .close : .adjClose
      if let k = layout.fields.firstIndex(of: keep) { fields[keep] = r.values(k) }
    }
    PriceFileLoader.completeAdjustedClose(&fields)
    return (Bars(symbol: r.symbol, index: DateIndex(r.dayArray), fields: fields), scales)
  }
}
