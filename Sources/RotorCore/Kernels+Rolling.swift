// Two-series rolling moments (covariance, correlation, beta), the population standard
// deviation of Bollinger bands, and the TA-Lib recursions of RSI and MACD.
//
// Same conventions as Kernels.swift: NaN is missing, outputs have the input's length, O(count)
// with no per-element allocation. Windowed outputs follow pandas `rolling(n)`; the recursive
// ones (RSI, MACD) follow ``Kernels/ema(_:_:)``: they run over the non-missing values only,
// and a missing row gives a missing output without breaking the recursion.

extension Kernels {

  // MARK: - Rolling co-moments

  /// Rolling sample covariance (ddof = 1) of two aligned columns over the last `n` rows, as
  /// pandas `x.rolling(n).cov(y)`: missing until the window is full and wherever a row of the
  /// window has either value missing or infinite; `n == 1` gives all-missing.
  public static func rollingCov(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
    let divisor = Double(n - 1)
    return rollingComoments(x, y, n) { _, _, xy in n == 1 ? .nan : xy / divisor }
  }

  /// Rolling Pearson correlation over the last `n` rows, as pandas `x.rolling(n).corr(y)`:
  /// missing as ``rollingCov(_:_:_:)``, and where either side is constant over the window;
  /// clamped to [−1, 1].
  public static func rollingCorr(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
    rollingComoments(x, y, n) { xx, yy, xy in
      let r = xy / (xx.squareRoot() * yy.squareRoot())
      return r.isNaN ? r : Swift.min(1, Swift.max(-1, r))
    }
  }

  /// Rolling beta of `x` on `y` over the last `n` rows: cov(x, y) / var(y), as pandas
  /// `x.rolling(n).cov(y) / y.rolling(n).var()`; missing as ``rollingCov(_:_:_:)``, and NaN
  /// (0/0) where `y` is constant over the window.
  public static func rollingBeta(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
    rollingComoments(x, y, n) { _, yy, xy in n == 1 ? .nan : xy / yy }
  }

  /// Rolling population standard deviation (ddof = 0) over the last `n` rows, as TA-Lib
  /// `STDDEV` and Bollinger bands (pandas `rolling(n).std(ddof=0)`): `n == 1` gives 0, a
  /// window of equal values exactly 0, a window holding a missing or infinite value NaN.
  public static func rollingPopulationStd(_ x: [Double], _ n: Int) -> [Double] {
    let size = Double(n)
    return rollingComoments(x, x, n) { xx, _, _ in (xx / size).squareRoot() }
  }

  /// The centred second moments of every full window of `(x, y)` pairs, handed to `finish`
  /// as `(Σ(x−x̄)², Σ(y−ȳ)², Σ(x−x̄)(y−ȳ))`; NaN where the window is not full or holds a
  /// pair with a missing or infinite side.
  ///
  /// Precision as ``rollingStd(_:_:)``: compensated running sums of deviations from shifts
  /// `(kx, ky)`, re-centred exactly (two-pass) on the window means every `n` rows and early
  /// when a level shift makes the sums ill-conditioned (rate-limited, so O(1) amortised per
  /// row). A run of `n` equal values of one side gives exactly zero variance for that side
  /// and zero covariance.
  @inline(__always)
  package static func rollingComoments(
    _ x: [Double], _ y: [Double], _ n: Int,
    _ finish: (_ xx: Double, _ yy: Double, _ xy: Double) -> Double
  ) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    precondition(x.count == y.count, "rolling co-moments need equal lengths")
    let count = x.count
    return x.withUnsafeBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        column(count) { out in
          guard n <= count else {
            out.initialize(repeating: .nan)
            return
          }
          let size = Double(n)
          let conditionLimit = 1024.0
          var m = Comoments()
          var good = 0  // rows of the window with both values finite
          var bad = 0  // rows of the window with a missing or infinite value
          var runX = 0  // equal x values ending at i, on good rows
          var runY = 0
          var sinceSync = 0
          var credit = 0
          let creditCap = 4 * n
          for i in 0..<count {
            if i >= n {
              let ox = xs[i - n]
              let oy = ys[i - n]
              if ox.isFinite && oy.isFinite {
                good -= 1
                if good == 0 { m = Comoments() } else { m.remove(ox, oy) }
              } else {
                bad -= 1
              }
            }
            let vx = xs[i]
            let vy = ys[i]
            if vx.isFinite && vy.isFinite {
              if good == 0 { m = Comoments(kx: vx, ky: vy) }
              m.add(vx, vy)
              good += 1
              runX = runX > 0 && vx == xs[i - 1] ? runX + 1 : 1
              runY = runY > 0 && vy == ys[i - 1] ? runY + 1 : 1
            } else {
              bad += 1
              runX = 0
              runY = 0
            }
            sinceSync += 1
            credit = Swift.min(credit + 4, creditCap)
            let lo = Swift.max(0, i - n + 1)
            if sinceSync >= n && good > 0 {
              m = Comoments.exact(xs, ys, lo, i + 1)
              sinceSync = 0
            }
            guard i >= n - 1, bad == 0 else {
              out[i] = .nan
              continue
            }
            var c = m.centred(size)
            // Ill-conditioned (a mean far from its shift): re-centre while credit lasts.
            let wellConditioned =
              c.sx * c.sx <= conditionLimit * size * c.xx && c.sy * c.sy <= conditionLimit * size * c.yy
            if !wellConditioned && credit >= n {
              m = Comoments.exact(xs, ys, lo, i + 1)
              credit -= n
              sinceSync = 0
              c = m.centred(size)
            }
            var xx = Swift.max(c.xx, 0)
            var yy = Swift.max(c.yy, 0)
            var xy = c.xy
            if runX >= n {
              xx = 0
              xy = 0
            }
            if runY >= n {
              yy = 0
              xy = 0
            }
            out[i] = finish(xx, yy, xy)
          }
        }
      }
    }
  }

  /// Compensated sums of the deviations of `(x, y)` pairs from the shifts `(kx, ky)`.
  package struct Comoments {
    package var kx = 0.0
    package var ky = 0.0
    package var sx = CompensatedSum()
    package var sy = CompensatedSum()
    package var sxx = CompensatedSum()
    package var syy = CompensatedSum()
    package var sxy = CompensatedSum()

    package init() {}

    package init(kx: Double, ky: Double) {
      self.kx = kx
      self.ky = ky
    }

    @inline(__always)
    package mutating func add(_ x: Double, _ y: Double) {
      let dx = x - kx
      let dy = y - ky
      sx.add(dx)
      sy.add(dy)
      sxx.add(dx * dx)
      syy.add(dy * dy)
      sxy.add(dx * dy)
    }

    @inline(__always)
    package mutating func remove(_ x: Double, _ y: Double) {
      let dx = x - kx
      let dy = y - ky
      sx.add(-dx)
      sy.add(-dy)
      sxx.add(-(dx * dx))
      syy.add(-(dy * dy))
      sxy.add(-(dx * dy))
    }

    /// `Σdx`, `Σdy` and the centred moments for a window of `size` pairs.
    @inline(__always)
    package func centred(_ size: Double) -> (sx: Double, sy: Double, xx: Double, yy: Double, xy: Double) {
      let a = sx.value
      let b = sy.value
      return (a, b, sxx.value - a * a / size, syy.value - b * b / size, sxy.value - a * b / size)
    }

    /// The moments of the finite pairs of `lo..<hi`, shifted to their exact means (two-pass).
    package static func exact(
      _ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int
    ) -> Comoments {
      var tx = CompensatedSum()
      var ty = CompensatedSum()
      var k = 0
      for j in lo..<hi where xs[j].isFinite && ys[j].isFinite {
        tx.add(xs[j])
        ty.add(ys[j])
        k += 1
      }
      guard k > 0 else { return Comoments() }
      var m = Comoments(kx: tx.value / Double(k), ky: ty.value / Double(k))
      for j in lo..<hi where xs[j].isFinite && ys[j].isFinite { m.add(xs[j], ys[j]) }
      return m
    }
  }

  // MARK: - TA-Lib recursions

  /// TA-Lib `RSI` (Wilder) over the non-missing values: the first output is at the
  /// `(n+1)`-th non-missing value, from the simple averages of the first `n` changes; then
  /// `avg = (avg·(n−1) + today)/n` for gains and losses. `RSI = 100·gain/(gain + loss)`
  /// (= 100 − 100/(1 + gain/loss)), 100 when only gains, and 0 when `gain + loss` is within
  /// 1e-8 of zero (TA-Lib's `TA_IS_ZERO`, e.g. a flat window). A missing row gives a missing
  /// output and is skipped: the change is taken from the previous non-missing value.
  public static func rsi(_ x: [Double], _ n: Int) -> [Double] {
    precondition(n >= 1, "window must be at least 1")
    let count = x.count
    let size = Double(n)
    let factor = Double(n - 1) / size
    let inverse = 1 / size
    return x.withUnsafeBufferPointer { src in
      column(count) { out in
        var previous = Double.nan
        var changes = 0
        var gain = 0.0
        var loss = 0.0
        for i in 0..<count {
          let v = src[i]
          if v.isNaN {
            out[i] = .nan
            continue
          }
          if previous.isNaN {
            previous = v
            out[i] = .nan
            continue
          }
          let change = v - previous
          previous = v
          if changes < n {
            // The seed: plain sums, as TA-Lib.
            if change < 0 { loss -= change } else { gain += change }
            changes += 1
            guard changes == n else {
              out[i] = .nan
              continue
            }
            loss /= size
            gain /= size
          } else {
            // avg·((n−1)/n) + today·(1/n): no division and no branch on the recursions'
            // paths, and one division per row in all (TA-Lib: (avg·(n−1) + today)/n, three;
            // equal to a few ulps).
            let down = change < 0 ? -change : 0
            let up = change < 0 ? 0 : change
            loss = loss * factor + down * inverse
            gain = gain * factor + up * inverse
          }
          let total = gain + loss
          out[i] = total > -1e-8 && total < 1e-8 ? 0 : 100 * (gain / total)
        }
      }
    }
  }

  /// TA-Lib `MACD` over the non-missing values: `macd = EMA(fast) − EMA(slow)`,
  /// `signal = EMA(macd, signal)`, `hist = macd − signal`, each EMA with α = 2/(p+1).
  ///
  /// As TA-Lib, the slow EMA is seeded with the mean of the first `slow` values and the fast
  /// EMA with the mean of the `fast` values ending at the same (`slow`-th) value, so both
  /// start together; the signal EMA is seeded with the mean of the first `signal` MACD values.
  /// All three outputs start at the `(slow + signal − 1)`-th non-missing value. Missing rows
  /// give missing outputs and are skipped by the recursions. Needs `fast <= slow`.
  public static func macd(
    _ x: [Double], fast: Int, slow: Int, signal: Int
  ) -> (macd: [Double], signal: [Double], hist: [Double]) {
    precondition(fast >= 1 && slow >= fast && signal >= 1, "macd needs 1 <= fast <= slow, signal >= 1")
    let count = x.count
    let fastAlpha = 2 / (Double(fast) + 1)
    let slowAlpha = 2 / (Double(slow) + 1)
    let signalAlpha = 2 / (Double(signal) + 1)
    let fastStart = slow - fast  // first value of the fast seed
    let seeded = slow - 1  // the value at which both EMAs are seeded
    let ready = slow + signal - 2  // the value at which the signal is seeded
    var lineOut = [Double](repeating: .nan, count: count)
    var signalOut = [Double](repeating: .nan, count: count)
    var histOut = [Double](repeating: .nan, count: count)
    x.withUnsafeBufferPointer { src in
      lineOut.withUnsafeMutableBufferPointer { lineBuffer in
        signalOut.withUnsafeMutableBufferPointer { signalBuffer in
          histOut.withUnsafeMutableBufferPointer { histBuffer in
            var j = 0  // position among the non-missing values
            var fastState = 0.0
            var slowState = 0.0
            var signalState = 0.0
            for i in 0..<count {
              let v = src[i]
              if v.isNaN { continue }
              defer { j += 1 }
              if j < seeded {
                slowState += v
                if j >= fastStart { fastState += v }
                continue
              }
              if j == seeded {
                slowState = (slowState + v) / Double(slow)
                fastState = (fastState + v) / Double(fast)
              } else {
                fastState = (v - fastState) * fastAlpha + fastState
                slowState = (v - slowState) * slowAlpha + slowState
              }
              let line = fastState - slowState
              if j < ready {
                signalState += line
                continue
              }
              if j == ready {
                signalState = (signalState + line) / Double(signal)
              } else {
                signalState = (line - signalState) * signalAlpha + signalState
              }
              lineBuffer[i] = line
              signalBuffer[i] = signalState
              histBuffer[i] = line - signalState
            }
          }
        }
      }
    }
    return (lineOut, signalOut, histOut)
  }
}
