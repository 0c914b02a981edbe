// Whole-series reductions. Like pandas, each skips missing (NaN) values.

extension Kernels {

  /// The first non-missing value, or NaN when there is none.
  public static func first(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { src in
      for v in src where !v.isNaN { return v }
      return .nan
    }
  }

  /// The last non-missing value, or NaN when there is none.
  public static func last(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { src in
      for v in src.reversed() where !v.isNaN { return v }
      return .nan
    }
  }

  /// The smallest non-missing value, or NaN when there is none (pandas `min()`).
  public static func min(_ x: [Double]) -> Double {
    guard let i = argmin(x) else { return .nan }
    return x[i]
  }

  /// The largest non-missing value, or NaN when there is none (pandas `max()`).
  public static func max(_ x: [Double]) -> Double {
    guard let i = argmax(x) else { return .nan }
    return x[i]
  }

  /// Index of the first occurrence of the largest non-missing value, nil when there is none.
  public static func argmax(_ x: [Double]) -> Int? {
    extremeIndex(x) { $0 > $1 }
  }

  /// Index of the first occurrence of the smallest non-missing value, nil when there is none.
  public static func argmin(_ x: [Double]) -> Int? {
    extremeIndex(x) { $0 < $1 }
  }

  /// The first index whose value no later value `beats`, skipping NaN.
  @inline(__always)
  package static func extremeIndex(_ x: [Double], _ beats: (Double, Double) -> Bool) -> Int? {
    x.withUnsafeBufferPointer { src in
      var best: Int? = nil
      var bestValue = 0.0
      for i in 0..<src.count {
        let v = src[i]
        if v.isNaN { continue }
        if best == nil || beats(v, bestValue) {
          best = i
          bestValue = v
        }
      }
      return best
    }
  }

  /// The number of non-missing values.
  public static func count(_ x: [Double]) -> Int {
    x.withUnsafeBufferPointer { src in
      var k = 0
      for v in src where !v.isNaN { k += 1 }
      return k
    }
  }

  /// The sum of the non-missing values, 0 when there is none (pandas `sum()`); compensated.
  public static func sum(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { src in
      var total = CompensatedSum()
      for v in src where !v.isNaN { total.add(v) }
      return total.value
    }
  }

  /// The mean of the non-missing values, NaN when there is none; compensated sum.
  public static func mean(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { src in
      var total = CompensatedSum()
      var k = 0
      for v in src where !v.isNaN {
        total.add(v)
        k += 1
      }
      return k == 0 ? .nan : total.value / Double(k)
    }
  }

  /// Sample standard deviation (ddof = 1) of the non-missing values, NaN for fewer than two
  /// (pandas `std()`). Two-pass with the `(Σd)²/k` correction, compensated sums.
  public static func std(_ x: [Double]) -> Double {
    let m = mean(x)
    return x.withUnsafeBufferPointer { src in
      var s1 = CompensatedSum()
      var s2 = CompensatedSum()
      var k = 0
      for v in src where !v.isNaN {
        let d = v - m
        s1.add(d)
        s2.add(d * d)
        k += 1
      }
      guard k >= 2 else { return .nan }
      let a = s1.value
      let m2 = s2.value - a * a / Double(k)
      return (Swift.max(m2, 0) / Double(k - 1)).squareRoot()
    }
  }

  /// The median of the non-missing values (mean of the two middle ones for an even count),
  /// NaN when there is none. Expected O(count) quickselect on one scratch copy.
  public static func median(_ x: [Double]) -> Double {
    let k = count(x)
    guard k > 0 else { return .nan }
    var scratch = [Double](unsafeUninitializedCapacity: k) { buffer, initialized in
      x.withUnsafeBufferPointer { src in
        var j = 0
        for v in src where !v.isNaN {
          buffer[j] = v
          j += 1
        }
      }
      initialized = k
    }
    return scratch.withUnsafeMutableBufferPointer { a in
      let upper = k / 2
      select(a, upper)
      let high = a[upper]
      guard k % 2 == 0 else { return high }
      // After selection every element below `upper` is <= a[upper]: the lower middle is their max.
      var low = a[0]
      for j in 1..<upper where a[j] > low { low = a[j] }
      return (low + high) / 2
    }
  }

  /// Rearranges `a` (no NaN) so that `a[k]` is the value sorted order puts there, smaller or
  /// equal values before it and larger or equal after. Hoare quickselect with median-of-three
  /// pivots; falls back to sorting the remaining range after too many rounds (O(n log n) worst).
  package static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) {
    var lo = 0
    var hi = a.count - 1
    var rounds = 2 * (Int.bitWidth - a.count.leadingZeroBitCount) + 4
    while hi > lo {
      if rounds == 0 {
        var rest = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
        rest.sort()
        return
      }
      rounds -= 1
      let mid = lo + (hi - lo) / 2
      if a[mid] < a[lo] { a.swapAt(mid, lo) }
      if a[hi] < a[lo] { a.swapAt(hi, lo) }
      if a[hi] < a[mid] { a.swapAt(hi, mid) }
      let pivot = a[mid]
      var i = lo
      var j = hi
      while i <= j {
        while a[i] < pivot { i += 1 }
        while a[j] > pivot { j -= 1 }
        if i <= j {
          a.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      // Now a[lo...j] <= pivot, a[i...hi] >= pivot, and anything strictly between equals it.
      if k <= j {
        hi = j
      } else if k >= i {
        lo = i
      } else {
        return
      }
    }
  }

  /// Pearson correlation over the rows where both `x` and `y` are present (pandas
  /// `Series.corr`); NaN for fewer than two such rows or a constant side. Two-pass,
  /// compensated, clamped to [-1, 1]. The arrays must have equal length.
  public static func corr(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "corr needs equal lengths")
    return x.withUnsafeBufferPointer { xs in
      y.withUnsafeBufferPointer { ys in
        var sx = CompensatedSum()
        var sy = CompensatedSum()
        var k = 0
        for i in 0..<xs.count where !xs[i].isNaN && !ys[i].isNaN {
          sx.add(xs[i])
          sy.add(ys[i])
          k += 1
        }
        guard k >= 2 else { return .nan }
        let mx = sx.value / Double(k)
        let my = sy.value / Double(k)
        var sxy = CompensatedSum()
        var sxx = CompensatedSum()
        var syy = CompensatedSum()
        for i in 0..<xs.count where !xs[i].isNaN && !ys[i].isNaN {
          let dx = xs[i] - mx
          let dy = ys[i] - my
          sxy.add(dx * dy)
          sxx.add(dx * dx)
          syy.add(dy * dy)
        }
        let r = sxy.value / (sxx.value.squareRoot() * syy.value.squareRoot())
        return r.isNaN ? r : Swift.min(1, Swift.max(-1, r))
      }
    }
  }
}
