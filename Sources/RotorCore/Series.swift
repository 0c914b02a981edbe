import RotorSyntax

/// An ordered date → number column: contiguous `Double` values over a shared ``DateIndex``.
///
/// Missing values are NaN. A bool series stores 1, 0 or NaN and is marked `isBool`.
public struct Series: Sendable {
  /// The dates, shared with other series of the same calendar.
  public let index: DateIndex
  /// One value per date; NaN is missing.
  public var values: [Double]
  /// The display name built from the expression, e.g. `sma(ratio(RSP,SPY),50)`.
  public var name: String
  /// True for the result of a comparison or a logical operator.
  public var isBool: Bool
  /// True when the values are percentages (`pct_above`): text shows them with a `%`.
  /// Selections and renaming keep it; transforms make new values and drop it.
  public var isPercent = false
  /// The rows a selection asked for (`head`, `tail`, `first(n)`, `last(n)`): text output
  /// shows them (up to ``RotorOutput/RenderOptions/maxRows``) instead of the last five.
  /// Selections set it; every other operation makes a series without it.
  public var shownRows: ShownRows?

  /// Creates a series; `values.count` must equal `index.count`.
  public init(index: DateIndex, values: [Double], name: String, isBool: Bool = false) {
    precondition(values.count == index.count, "series values and dates differ in length")
    self.index = index
    self.values = values
    self.name = Series.shortened(name)
    self.isBool = isBool
  }

  /// The longest name a series keeps, in UTF-8 bytes: a name is built from the expression,
  /// and `x = x + x` run 40 times would otherwise double it to gigabytes.
  public static let maxNameBytes = 1_000

  /// `name`, cut to ``maxNameBytes`` with `…` when it is longer.
  public static func shortened(_ name: String) -> String {
    guard name.utf8.count > maxNameBytes else { return name }
    var kept = ""
    for c in name {
      if kept.utf8.count + c.utf8.count > maxNameBytes - 3 { break }
      kept.append(c)
    }
    return kept + "…"
  }

  /// Number of rows.
  @inlinable public var count: Int { values.count }

  /// The same values under another name.
  public func renamed(_ newName: String) -> Series {
    var copy = self
    copy.name = Series.shortened(newName)
    return copy
  }

  /// New values over the same dates.
  public func with(values newValues: [Double], name newName: String, isBool: Bool = false) -> Series {
    Series(index: index, values: newValues, name: newName, isBool: isBool)
  }

  /// The rows in `range`, as a new series.
  public func slice(_ range: Range<Int>) -> Series {
    var part = Series(
      index: index.slice(range), values: Array(values[range]), name: name, isBool: isBool)
    part.isPercent = isPercent
    part.shownRows = shownRows
    return part
  }

  /// The rows whose dates fall in `from...to` (either end open when `nil`).
  public func between(_ from: Int32?, _ to: Int32?) -> Series {
    let lo = from.map { index.lowerBound($0) } ?? 0
    let hi = to.map { index.upperBound($0) } ?? count
    return slice(lo..<max(lo, hi))
  }

  /// Position of the first and last non-missing values, if any.
  public var validBounds: (first: Int, last: Int)? {
    guard let f = values.firstIndex(where: { !$0.isNaN }),
      let l = values.lastIndex(where: { !$0.isNaN })
    else { return nil }
    return (f, l)
  }

  /// Applies `op` to every value (inlinable: the caller's closure is inlined into the loop).
  @inlinable
  public func map(name newName: String, isBool: Bool = false, _ op: (Double) -> Double) -> Series {
    let out = values.withUnsafeBufferPointer { x in
      [Double](unsafeUninitializedCapacity: x.count) { o, initialized in
        for i in 0..<x.count { o[i] = op(x[i]) }
        initialized = x.count
      }
    }
    return Series(index: index, values: out, name: newName, isBool: isBool)
  }
}

/// Which end of a selection text output keeps when it has more rows than it may show.
public enum ShownRows: Sendable, Equatable {
  /// The first rows (`head`, `first`).
  case first
  /// The last rows (`tail`, `last`).
  case last
}
