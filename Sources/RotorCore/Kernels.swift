#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Pure numeric kernels over contiguous `Double` columns.
///
/// Conventions shared by every kernel:
/// - A missing value is NaN; the output has the input's length.
/// - A windowed output (window `n`, validated `n >= 1` by the caller) is missing until its
///   window is full and wherever its window holds a missing value, as pandas `rolling(n)`;
///   a window longer than the series gives all-missing.
/// - Every kernel is O(count) (amortised where stated), allocates only its output and at
///   most one scratch buffer, and never allocates per element.
/// - Infinities are values, not missing; they follow IEEE arithmetic (`+inf` and `-inf` in
///   the same sum give NaN).
public enum Kernels {

  // MARK: - Shifts and changes

  /// The value `n` rows earlier: `out[i] = x[i - n]`, missing where `i - n` is outside the series.
  ///
  /// `n == 0` copies; a negative `n` is a lead (`out[i] = x[i + |n|]`).
  public static func lag(_ x: [Double], _ n: Int) -> [Double] {
    withLag(x, n) { _, previous in previous }
  }

  /// The change over `n` rows: `x[i] - x[i - n]` (a negative `n` compares with a later row).
  public static func diff(_ x: [Double], _ n: Int) -> [Double] {
    withLag(x, n) { current, previous in current - previous }
  }

  /// The relative change over `n` rows: `x[i] / x[i - n] - 1`, as pandas `pct_change(n)`
  /// without filling; a zero base gives ±inf (or NaN for 0/0) as pandas.
  public static func pctChange(_ x: [Double], _ n: Int) -> [Double] {
    withLag(x, n) { current, previous in current / previous - 1 }
  }

  /// The log return over `n` rows: `log(x[i] / x[i - n])`; NaN where the ratio is negative,
  /// −inf for a zero value.
  ///
  /// Computed as `log1p((x[i] − x[i−n]) / x[i−n])`, which keeps full relative precision for
  /// small moves (rounding `x[i] / x[i−n]` near 1 would cost ~1e-10 relative on a 1e-6 move).
  public static func logReturn(_ x: [Double], _ n: Int) -> [Double] {
    withLag(x, n) { current, previous in log1p((current - previous) / previous) }
  }

  /// `out[i] = f(x[i], x[i - n])`, NaN where `i - n` falls outside the series.
  @inline(__always)
  package static func withLag(
    _ x: [Double], _ n: Int, _ f: (_ current: Double, _ previous: Double) -> Double
  ) -> [Double] {
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        // |n| >= count leaves no row with a partner (and keeps `i - n` from overflowing).
        guard n < count, n > -count else {
          out.initialize(repeating: .nan)
          return
        }
        for i in 0..<count {
          let j = i - n
          out[i] = j >= 0 && j < count ? f(src[i], src[j]) : .nan
        }
      }
    }
  }

  // MARK: - Rolling sums

  /// Rolling sum over the last `n` rows (pandas `rolling(n).sum()`).
  ///
  /// A running sum with Neumaier compensation: each row costs one add and one remove, and
  /// the result stays within a few ulps of the exact window sum however long the series.
  public static func rollingSum(_ x: [Double], _ n: Int) -> [Double] {
    slidingSum(x, n) { $0 }
  }

  /// Rolling mean over the last `n` rows (pandas `rolling(n).mean()`, TA-Lib `SMA`).
  ///
  /// The compensated running sum of ``rollingSum(_:_:)`` times `1/n`, so it does not drift
  /// from the window mean over long series (agrees with a fresh per-window sum to ~1e-15; the
  /// multiplication, a fifth faster than a division per row, adds at most an ulp).
  public static func rollingMean(_ x: [Double], _ n: Int) -> [Double] {
    let inverse = 1 / Double(n)
    return slidingSum(x, n) { $0 * inverse }
  }

  /// The compensated sliding-window sum shared by ``rollingSum(_:_:)`` and ``rollingMean(_:_:)``.
  @inline(__always)
  package static func slidingSum(_ x: [Double], _ n: Int, _ finish: (Double) -> Double) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        if n >= 2 && n <= count && allModerate(src) {
          slidingSumModerate(src, n, out, finish)
          return
        }
        var sum = CompensatedSum()
        var special = NonFinite()
        var finite = 0
        for i in 0..<count {
          if i >= n {
            let old = src[i - n]
            if old.isFinite {
              finite -= 1
              if finite == 0 { sum = CompensatedSum() } else { sum.add(-old) }
            } else {
              special.leave(old)
            }
          }
          let v = src[i]
          if v.isFinite {
            sum.add(v)
            finite += 1
          } else {
            special.enter(v)
          }
          if i < n - 1 {
            out[i] = .nan
          } else if let forced = special.forced {
            out[i] = forced
          } else {
            out[i] = finish(sum.value)
          }
        }
      }
    }
  }

  /// True when every value is finite and below 2^990 in magnitude: no window sum of fewer
  /// than 2^30 of them can overflow, so the sums need no checks. One branch-free pass.
  @inline(__always)
  package static func allModerate(_ src: UnsafeBufferPointer<Double>) -> Bool {
    var large: UInt64 = 0
    for v in src { large |= (((v.bitPattern >> 52) & 0x7FF) &+ 33) >> 11 }
    return large == 0 && src.count < 1 << 30
  }

  /// ``slidingSum(_:_:_:)`` for ``allModerate(_:)`` values and `2 <= n <= count`: each row
  /// enters as the exact pair `v − old = d + e` (Knuth's TwoSum), then `d` is added to the
  /// running sum with its rounding error (TwoSum again) kept with `e` in the compensation,
  /// so the running sum sees one addition per row and no branch.
  @inline(__always)
  package static func slidingSumModerate(
    _ src: UnsafeBufferPointer<Double>, _ n: Int, _ out: UnsafeMutableBufferPointer<Double>,
    _ finish: (Double) -> Double
  ) {
    var high = 0.0
    var low = 0.0
    for i in 0..<n {
      let (s, e) = twoSum(high, src[i])
      high = s
      low += e
      out[i] = .nan
    }
    out[n - 1] = finish(high + low)
    var i = n
    while i < src.count {
      let (d, e1) = twoSum(src[i], -src[i - n])
      let (s, e2) = twoSum(high, d)
      high = s
      low += e1 + e2
      out[i] = finish(high + low)
      i += 1
    }
  }

  /// `a + b` and its exact rounding error (Knuth's TwoSum, branch-free).
  @inline(__always)
  package static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
  }

  /// TA-Lib `WMA`: weights `1...n` with the newest row weighted `n`, divided by `n(n+1)/2`.
  ///
  /// O(count): the weighted total is updated as `T += n·x[i] − S` with `S` the previous window
  /// sum. Both totals are compensated and every term fed to `T` is exact (the product's rounding
  /// error comes from a fused multiply-add), so no drift accumulates.
  public static func wma(_ x: [Double], _ n: Int) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    let count = x.count
    let weight = Double(n)
    let divisor = Double(n) * Double(n + 1) / 2
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        var plain = CompensatedSum()
        var weighted = CompensatedSum()
        var special = NonFinite()
        var finite = 0
        for i in 0..<count {
          // Every value already in the window loses one unit of weight; the one leaving had 1.
          weighted.add(-plain.high)
          weighted.add(-plain.low)
          if i >= n {
            let old = src[i - n]
            if old.isFinite {
              finite -= 1
              plain.add(-old)
            } else {
              special.leave(old)
            }
          }
          if finite == 0 {
            plain = CompensatedSum()
            weighted = CompensatedSum()
          }
          let v = src[i]
          if v.isFinite {
            let product = weight * v
            plain.add(v)
            weighted.add(product)
            weighted.add((-product).addingProduct(weight, v))
            finite += 1
          } else {
            special.enter(v)
          }
          if i < n - 1 {
            out[i] = .nan
          } else if let forced = special.forced {
            out[i] = forced
          } else {
            out[i] = weighted.value / divisor
          }
        }
      }
    }
  }

  // MARK: - Rolling dispersion and extremes

  /// Rolling sample standard deviation (ddof = 1) over the last `n` rows, as pandas
  /// `rolling(n).std()`: `n == 1` gives all-missing, a window of equal values gives exactly 0,
  /// and a window holding an infinity gives NaN.
  ///
  /// Precision: compensated running sums of `d = x − K` and `d²` around a shift `K`, with
  /// `M2 = Σd² − (Σd)²/n`. `K` is reset to the window mean (recomputed exactly, two-pass) every
  /// `n` rows, and also early whenever `(mean − K)²` exceeds ~1000 variances (a level shift),
  /// rate-limited so the recomputation stays O(1) amortised per row. Relative error stays
  /// around 1e-13 even for a small variance on a large level (e.g. prices near 500 moving by 1e-3).
  public static func rollingStd(_ x: [Double], _ n: Int) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        guard n >= 2, n <= count else {
          out.initialize(repeating: .nan)
          return
        }
        let size = Double(n)
        let conditionLimit = 1024.0
        var shift = 0.0
        var s1 = CompensatedSum()
        var s2 = CompensatedSum()
        var finite = 0  // finite values in the window
        var special = 0  // NaN or infinite values in the window
        var run = 0  // length of the run of equal values ending at i
        var sinceSync = 0
        var credit = 0  // work allowance for early re-centring, in rows
        let creditCap = 4 * n
        for i in 0..<count {
          if i >= n {
            let old = src[i - n]
            if old.isFinite {
              finite -= 1
              if finite == 0 {
                s1 = CompensatedSum()
                s2 = CompensatedSum()
              } else {
                let d = old - shift
                s1.add(-d)
                s2.add(-(d * d))
              }
            } else {
              special -= 1
            }
          }
          let v = src[i]
          if v.isFinite {
            if finite == 0 { shift = v }
            let d = v - shift
            s1.add(d)
            s2.add(d * d)
            finite += 1
            run = i > 0 && v == src[i - 1] ? run + 1 : 1
          } else {
            special += 1
            run = 0
          }
          sinceSync += 1
          credit = Swift.min(credit + 4, creditCap)
          let lo = Swift.max(0, i - n + 1)
          if sinceSync >= n && finite > 0 {
            (shift, s1, s2) = centredMoments(src, lo, i + 1)
            sinceSync = 0
          }
          guard i >= n - 1, special == 0 else {
            out[i] = .nan
            continue
          }
          if run >= n {
            out[i] = 0
            continue
          }
          var a = s1.value
          var m2 = s2.value - a * a / size
          // Ill-conditioned (mean far from the shift, or M2 lost to cancellation): re-centre.
          if !(a * a <= conditionLimit * size * m2) && credit >= n {
            (shift, s1, s2) = centredMoments(src, lo, i + 1)
            credit -= n
            sinceSync = 0
            a = s1.value
            m2 = s2.value - a * a / size
          }
          out[i] = (Swift.max(m2, 0) / (size - 1)).squareRoot()
        }
      }
    }
  }

  /// The finite values of `src[lo..<hi]` as `(mean, Σ(x − mean), Σ(x − mean)²)`, two-pass.
  package static func centredMoments(
    _ src: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int
  ) -> (Double, CompensatedSum, CompensatedSum) {
    var total = CompensatedSum()
    var k = 0
    for j in lo..<hi where src[j].isFinite {
      total.add(src[j])
      k += 1
    }
    guard k > 0 else { return (0, CompensatedSum(), CompensatedSum()) }
    let mean = total.value / Double(k)
    var s1 = CompensatedSum()
    var s2 = CompensatedSum()
    for j in lo..<hi where src[j].isFinite {
      let d = src[j] - mean
      s1.add(d)
      s2.add(d * d)
    }
    return (mean, s1, s2)
  }

  /// Rolling maximum over the last `n` rows (pandas `rolling(n).max()`), O(count).
  public static func rollingMax(_ x: [Double], _ n: Int) -> [Double] {
    rollingExtreme(x, n) { $0 > $1 }
  }

  /// Rolling minimum over the last `n` rows (pandas `rolling(n).min()`), O(count).
  public static func rollingMin(_ x: [Double], _ n: Int) -> [Double] {
    rollingExtreme(x, n) { $0 < $1 }
  }

  /// Sliding extreme by van Herk / Gil–Werman; `beats(a, b)` means `a` is more extreme.
  ///
  /// The rows are cut into blocks of `n`. A window of `n` rows ending at `i` is the tail of
  /// one block (its suffix extreme, from a backward pass into scratch) followed by the head
  /// of the next (the running prefix extreme): at most three comparisons per row and no
  /// data-dependent loop (a monotonic deque's pops mispredict on noisy prices). A window
  /// holding a missing value is missing (a running count); missing values may leave any
  /// value in the partial extremes, which are only used for windows without one. Among
  /// equal extremes the latest row's value is the result, as with a monotonic deque.
  @inline(__always)
  package static func rollingExtreme(_ x: [Double], _ n: Int, _ beats: (Double, Double) -> Bool) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        guard n <= count, count > 0 else {
          out.initialize(repeating: .nan)
          return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { suffix in
          if allFinite(src) {
            extremeWithoutMissing(src, n, suffix, out, beats)
            return
          }
          // Backwards: the extreme of [i, end of i's block]; ties keep the later row.
          var position = (count - 1) % n  // of row i within its block
          var best = 0.0
          var blockEnd = true
          var i = count - 1
          while i >= 0 {
            let v = src[i]
            if blockEnd || beats(v, best) { best = v }
            suffix[i] = best
            blockEnd = position == 0
            position = position == 0 ? n - 1 : position - 1
            i -= 1
          }
          // Forwards: the extreme of [start of i's block, i], later rows winning ties.
          var prefix = 0.0
          var missing = 0
          position = 0
          for i in 0..<count {
            let v = src[i]
            if position == 0 || !beats(prefix, v) { prefix = v }
            if v.isNaN { missing += 1 }
            if i >= n && src[i - n].isNaN { missing -= 1 }
            if i >= n - 1 && missing == 0 {
              if position == n - 1 {
                out[i] = prefix  // the window is exactly this block
              } else {
                let tail = suffix[i - n + 1]
                out[i] = beats(tail, prefix) ? tail : prefix
              }
            } else {
              out[i] = .nan
            }
            position = position == n - 1 ? 0 : position + 1
          }
        }
      }
    }
  }

  /// Whether every value is finite (no NaN, no infinity): one branch-free pass over the
  /// exponent bits, which vectorises (a test for NaN alone stopped at each value).
  @inline(__always)
  package static func allFinite(_ src: UnsafeBufferPointer<Double>) -> Bool {
    var special: UInt64 = 0
    for v in src { special |= (((v.bitPattern >> 52) & 0x7FF) &+ 1) >> 11 }
    return special == 0
  }

  /// ``rollingExtreme(_:_:_:)`` when every value is finite (`n <= count`): the same blocks,
  /// prefix and suffix extremes and tie rule, block by block without per-row bookkeeping.
  /// Full blocks go four at a time, so that four independent running extremes share each
  /// step (one alone waits on its own compare-and-select every row).
  @inline(__always)
  package static func extremeWithoutMissing(
    _ src: UnsafeBufferPointer<Double>, _ n: Int, _ suffix: UnsafeMutableBufferPointer<Double>,
    _ out: UnsafeMutableBufferPointer<Double>, _ beats: (Double, Double) -> Bool
  ) {
    let count = src.count
    let blocks = (count + n - 1) / n
    /// Backwards over block `b`: the extreme of [i, end of block); ties keep the later row.
    func backward(_ b: Int) {
      let start = b * n
      var i = Swift.min(start + n, count) - 1
      var best = src[i]
      while i >= start {
        let v = src[i]
        best = beats(v, best) ? v : best
        suffix[i] = best
        i -= 1
      }
    }
    /// Forwards over block `b`: the extreme of [start, i], later rows winning ties, met with
    /// the tail of the previous block (the window's rows before `start`).
    func forward(_ b: Int) {
      let start = b * n
      var prefix = src[start]
      for i in start..<Swift.min(start + n, count) {
        let v = src[i]
        prefix = beats(prefix, v) ? prefix : v
        if i >= n - 1 {
          let tail = suffix[i - n + 1]
          out[i] = beats(tail, prefix) ? tail : prefix
        }
      }
    }
    var b = 0
    while (b + 4) * n <= count {
      let (s0, s1, s2, s3) = (b * n, (b + 1) * n, (b + 2) * n, (b + 3) * n)
      var (m0, m1, m2, m3) = (src[s1 - 1], src[s2 - 1], src[s3 - 1], src[s3 + n - 1])
      var k = n - 1
      while k >= 0 {
        let (v0, v1, v2, v3) = (src[s0 + k], src[s1 + k], src[s2 + k], src[s3 + k])
        m0 = beats(v0, m0) ? v0 : m0
        m1 = beats(v1, m1) ? v1 : m1
        m2 = beats(v2, m2) ? v2 : m2
        m3 = beats(v3, m3) ? v3 : m3
        (suffix[s0 + k], suffix[s1 + k], suffix[s2 + k], suffix[s3 + k]) = (m0, m1, m2, m3)
        k -= 1
      }
      b += 4
    }
    while b < blocks {
      backward(b)
      b += 1
    }
    for i in 0..<Swift.min(n - 1, count) { out[i] = .nan }
    // Block 0 has rows without a full window; every later row has one.
    forward(0)
    b = 1
    while (b + 4) * n <= count {
      let (s0, s1, s2, s3) = (b * n, (b + 1) * n, (b + 2) * n, (b + 3) * n)
      var (p0, p1, p2, p3) = (src[s0], src[s1], src[s2], src[s3])
      for k in 0..<n {
        let (v0, v1, v2, v3) = (src[s0 + k], src[s1 + k], src[s2 + k], src[s3 + k])
        p0 = beats(p0, v0) ? p0 : v0
        p1 = beats(p1, v1) ? p1 : v1
        p2 = beats(p2, v2) ? p2 : v2
        p3 = beats(p3, v3) ? p3 : v3
        let back = k - n + 1
        let (t0, t1, t2, t3) = (suffix[s0 + back], suffix[s1 + back], suffix[s2 + back], suffix[s3 + back])
        out[s0 + k] = beats(t0, p0) ? t0 : p0
        out[s1 + k] = beats(t1, p1) ? t1 : p1
        out[s2 + k] = beats(t2, p2) ? t2 : p2
        out[s3 + k] = beats(t3, p3) ? t3 : p3
      }
      b += 4
    }
    while b < blocks {
      forward(b)
      b += 1
    }
  }

  // MARK: - Recursive smoothing

  /// TA-Lib `EMA` with `alpha = 2/(n+1)`: `e = (x − e)·alpha + e`, computed as
  /// `e·(1 − alpha) + alpha·x`.
  ///
  /// Seeded as TA-Lib: the first output is at the `n`-th non-missing value and equals the mean
  /// of the first `n` non-missing values; earlier rows are missing. A missing value (leading or
  /// interior) gives a missing output at its row and is skipped by the recursion, whose state
  /// carries over to the next present value.
  public static func ema(_ x: [Double], _ n: Int) -> [Double] {
    let alpha = 2 / (Double(n) + 1)
    let keep = 1 - alpha
    // `e·(1 − α) + α·x`: α·x is off the recursion's path, which is one multiply and one add
    // (TA-Lib's `(x − e)·α + e` has three operations on it); the two agree to a few ulps.
    return smoothed(x, n) { previous, v in previous * keep + alpha * v }
  }

  /// Wilder smoothing (alpha `1/n`, as TA-Lib `RSI`/`ATR`): `e = (e·(n−1) + x)/n`, computed
  /// as `e·((n−1)/n) + x/n`.
  ///
  /// Seeding and missing values as ``ema(_:_:)``: the first output is the mean of the first
  /// `n` non-missing values, at the row of the `n`-th.
  public static func wilder(_ x: [Double], _ n: Int) -> [Double] {
    let size = Double(n)
    let keep = (size - 1) / size
    // `e·((n−1)/n) + x/n`: a multiply and an add on the recursion's path, no division
    // (TA-Lib divides `e·(n−1) + x` by n; the two agree to a few ulps).
    return smoothed(x, n) { previous, v in previous * keep + v / size }
  }

  /// The SMA-seeded recursion shared by ``ema(_:_:)`` and ``wilder(_:_:)``.
  @inline(__always)
  package static func smoothed(
    _ x: [Double], _ n: Int, _ step: (_ previous: Double, _ value: Double) -> Double
  ) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        var seen = 0
        var seed = 0.0
        var state = Double.nan
        for i in 0..<count {
          let v = src[i]
          if v.isNaN {
            out[i] = .nan
          } else if seen < n {
            seed += v
            seen += 1
            if seen == n { state = seed / Double(n) }
            out[i] = state  // NaN until seeded
          } else {
            state = step(state, v)
            out[i] = state
          }
        }
      }
    }
  }

  // MARK: - Cumulative

  /// Cumulative sum skipping missing values (pandas `cumsum()`): missing rows give NaN and do
  /// not interrupt the running total. Compensated, so exact to a few ulps over any length.
  public static func cumsum(_ x: [Double]) -> [Double] {
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        var sum = CompensatedSum()
        for i in 0..<count {
          let v = src[i]
          if v.isNaN {
            out[i] = .nan
          } else {
            sum.add(v)
            out[i] = sum.value
          }
        }
      }
    }
  }

  /// Running maximum skipping missing values (pandas `cummax()`): missing rows give NaN.
  public static func cummax(_ x: [Double]) -> [Double] {
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        var best = -Double.infinity
        for i in 0..<count {
          let v = src[i]
          if v.isNaN {
            out[i] = .nan
          } else {
            if v > best { best = v }
            out[i] = best
          }
        }
      }
    }
  }

  /// Each missing value replaced by the last non-missing value before it; leading missing
  /// values stay missing (pandas `ffill()`).
  public static func forwardFill(_ x: [Double]) -> [Double] {
    let count = x.count
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        var last = Double.nan
        for i in 0..<count {
          let v = src[i]
          if !v.isNaN { last = v }
          out[i] = last
        }
      }
    }
  }

  // MARK: - Internals

  /// A new array of `count` doubles; `body` must write every element.
  @inline(__always)
  package static func column(
    _ count: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      body(buffer)
      initialized = count
    }
  }

  /// Neumaier-compensated sum: `high + low` tracks the exact sum of the added terms to a
  /// few ulps of the result, independent of how many terms were added and removed.
  package struct CompensatedSum {
    /// The rounded running sum.
    package var high = 0.0
    /// The accumulated rounding error of `high`.
    package var low = 0.0

    /// Adds one term; once `high` is infinite or NaN, IEEE arithmetic takes over.
    @inline(__always)
    package mutating func add(_ term: Double) {
      let t = high + term
      if t.isFinite {
        if abs(high) >= abs(term) {
          low += (high - t) + term
        } else {
          low += (term - t) + high
        }
      }
      high = t
    }

    /// The compensated total.
    @inline(__always)
    package var value: Double { high.isFinite ? high + low : high }
  }

  /// Counts of the NaN and infinite values inside a sliding window.
  package struct NonFinite {
    package var missing = 0
    package var positive = 0
    package var negative = 0

    @inline(__always)
    package mutating func enter(_ v: Double) {
      if v.isNaN { missing += 1 } else if v > 0 { positive += 1 } else { negative += 1 }
    }

    @inline(__always)
    package mutating func leave(_ v: Double) {
      if v.isNaN { missing -= 1 } else if v > 0 { positive -= 1 } else { negative -= 1 }
    }

    /// The window result these values force (NaN, +inf or −inf), or nil when there are none.
    @inline(__always)
    package var forced: Double? {
      if missing > 0 || (positive > 0 && negative > 0) { return .nan }
      if positive > 0 { return .infinity }
      if negative > 0 { return -.infinity }
      return nil
    }
  }
}
