import RotorCore

/// Decimal → `Double` with the Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte
/// per Second", 2021; as fast_float's `compute_float`): `w × 10^q` correctly rounded, for a
/// 64-bit decimal mantissa `w` (at most 19 digits, exact), from one or two 64 × 128-bit
/// products with a table of 5^q.
///
/// Used where Clinger's fast path does not apply (more than 15–16 significant digits, as in
/// `63.400814056396484`): the result is the correctly rounded value, so the same as
/// `strtod` and Swift's `Double(String)`. It declines (returns `nil`) for subnormal results
/// and the rare products it cannot round with certainty; the caller then uses `strtod`.
package enum EiselLemire {
  package static let smallestPower = -342
  package static let largestPower = 308

  /// `mantissa × 10^exponent10`, correctly rounded; `nil` when this method cannot decide.
  @inline(__always)
  package static func double(mantissa w0: UInt64, exponent10 q: Int) -> Double? {
    if w0 == 0 || q < smallestPower { return 0 }
    if q > largestPower { return .infinity }
    let lz = w0.leadingZeroBitCount
    let w = w0 << UInt64(lz)
    let index = 2 &* (q &- smallestPower)
    let (high, low): (UInt64, UInt64) = powersOfFive.withUnsafeBufferPointer { table in
      var (hi, lo) = w.multipliedFullWidth(by: table[index])
      // 52 explicit bits + 3: the implicit bit, a rounding bit, and one lost to `upperbit`.
      let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55
      if hi & precisionMask == precisionMask {
        let (second, _) = w.multipliedFullWidth(by: table[index &+ 1])
        lo = lo &+ second
        if second > lo { hi &+= 1 }
      }
      return (hi, lo)
    }
    // The product may be too close to a rounding boundary to decide (the early
    // versions of the algorithm fall back here; we do too).
    if low == 0xFFFF_FFFF_FFFF_FFFF && (q < -27 || q > 55) { return nil }
    let upperbit = Int(high >> 63)
    let shift = UInt64(upperbit &+ 64 &- 52 &- 3)
    var mantissa = high >> shift
    var power2 = (((152170 &+ 65536) &* q) >> 16) &+ 63 &+ upperbit &- lz &+ 1023
    if power2 <= 0 { return nil }  // subnormal: leave it to strtod
    // Exactly halfway between two doubles: round to even.
    if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << shift) == high {
      mantissa &= ~UInt64(1)
    }
    mantissa &+= mantissa & 1
    mantissa >>= 1
    if mantissa >= (2 << 52) {
      mantissa = 1 << 52
      power2 &+= 1
    }
    mantissa &= ~(UInt64(1) << 52)
    if power2 >= 0x7FF { return .infinity }
    return Double(bitPattern: UInt64(power2) << 52 | mantissa)
  }
}
