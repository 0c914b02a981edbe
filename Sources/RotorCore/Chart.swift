import RotorSyntax

/// A chart made by `plot`: lines over dates, or the four-quadrant scatter of a relative
/// rotation graph. It holds the data it draws; how it looks is the renderers' business
/// (``TerminalChart`` for text, ``SVGChart`` for files).
public struct Chart: Sendable {
  /// How the value axis of a line chart is scaled.
  public enum Scale: String, Sendable, CaseIterable {
    /// Every line on one axis, in its own units.
    case shared
    /// Every line as its % change since a common base date, so lines of very different
    /// levels compare on one axis.
    case rebased
    /// One axis in the lines' units, logarithmic: equal distances are equal % moves (long
    /// histories such as the S&P 500 since 1927). Never chosen automatically.
    case log
  }

  /// What the chart draws.
  public enum Content: Sendable {
    /// One line per series, over the union of their dates.
    case lines([Series], Scale)
    /// A relative rotation graph.
    case rotation(Rotation)
  }

  /// A relative rotation graph: each member's current (rs_ratio, rs_momentum) and its tail.
  public struct Rotation: Sendable {
    /// One member of the graph.
    public struct Member: Sendable {
      /// Its label (the symbol).
      public var symbol: String
      /// Its points, oldest first; the last is the current point (the table's values).
      public var trail: [Point]
      /// Its quadrant now.
      public var quadrant: String

      /// Creates a member.
      public init(symbol: String, trail: [Point], quadrant: String) {
        self.symbol = symbol
        self.trail = trail
        self.quadrant = quadrant
      }
    }

    /// One point of a tail.
    public struct Point: Sendable {
      /// Its date, when known (the current point of a table without history has none).
      public var day: Int32?
      /// rs_ratio, the x axis.
      public var ratio: Double
      /// rs_momentum, the y axis.
      public var momentum: Double

      /// Creates a point.
      public init(day: Int32?, ratio: Double, momentum: Double) {
        self.day = day
        self.ratio = ratio
        self.momentum = momentum
      }
    }

    /// The members in the table's order.
    public var members: [Member]
    /// Points of history drawn before each current point.
    public var tail: Int
    /// The benchmark's name, when the table came from `rrg`.
    public var benchmark: String?
    /// The date of the current points, when the table came from `rrg`.
    public var asOf: Int32?

    /// Creates a rotation graph.
    public init(members: [Member], tail: Int, benchmark: String?, asOf: Int32?) {
      self.members = members
      self.tail = tail
      self.benchmark = benchmark
      self.asOf = asOf
    }
  }

  /// The title, or empty.
  public var title: String
  /// The data.
  public var content: Content

  /// Creates a chart.
  public init(title: String, content: Content) {
    self.title = title
    self.content = content
  }

  /// The series of a line chart as drawn: themselves on a shared or log scale, % change
  /// since the base date when rebased (since each line's own first value when the lines
  /// share no date).
  public var plottedSeries: [Series] {
    guard case .lines(let series, let scale) = content else { return [] }
    guard scale == .rebased else { return series }
    let base = rebaseDay
    return series.map { s in
      let reference =
        base.map { s.valueOrMissing(onOrAfter: $0) } ?? s.values.first(where: \.isFinite) ?? .nan
      var out = s.map(name: s.name) { 100 * ($0 / reference - 1) }
      out.isPercent = true
      return out
    }
  }

  /// The base date of a rebased chart: the first date by which every line has begun (each
  /// line's base is its first value on or after it); nil when the lines do not overlap.
  public var rebaseDay: Int32? {
    guard case .lines(let series, .rebased) = content else { return nil }
    var start = Int32.min
    var end = Int32.max
    for s in series {
      guard let bounds = s.validBounds else { continue }
      start = max(start, s.index.days[bounds.first])
      end = min(end, s.index.days[bounds.last])
    }
    return start <= end && start != Int32.min ? start : nil
  }

  /// Chooses the scale of a line chart when the user did not: shared, unless some line
  /// would span less than half the height of the shared axis (lines of very different
  /// levels) and every value is positive, so that % changes mean something.
  public static func automaticScale(_ series: [Series]) -> Scale {
    guard series.count > 1 else { return .shared }
    var spans: [(lo: Double, hi: Double)] = []
    for s in series {
      var lo = Double.infinity
      var hi = -Double.infinity
      for v in s.values where v.isFinite {
        lo = min(lo, v)
        hi = max(hi, v)
      }
      guard lo <= hi else { continue }
      if lo <= 0 { return .shared }
      spans.append((lo, hi))
    }
    guard let lo = spans.map(\.lo).min(), let hi = spans.map(\.hi).max(), hi > lo else { return .shared }
    let narrowest = spans.map { ($0.hi - $0.lo) / (hi - lo) }.min() ?? 1
    return narrowest < 0.5 ? .rebased : .shared
  }
}

/// `rrg`'s history, kept on its table so that `plot(rrg(...), tail=k)` can draw each
/// member's recent path: rs_ratio and rs_momentum over the member's dates.
public struct RotationHistory: Sendable {
  /// One member's rs_ratio and rs_momentum over the same dates.
  public struct Trail: Sendable {
    /// rs_ratio.
    public var ratio: Series
    /// rs_momentum (same dates as `ratio`).
    public var momentum: Series

    /// Creates a trail.
    public init(ratio: Series, momentum: Series) {
      self.ratio = ratio
      self.momentum = momentum
    }
  }

  /// The benchmark's display name.
  public var benchmark: String
  /// The date of the table's values (`at`), if any.
  public var asOf: Int32?
  /// Each member's trail, by its row label.
  public var trails: [String: Trail]

  /// Creates a history.
  public init(benchmark: String, asOf: Int32?, trails: [String: Trail]) {
    self.benchmark = benchmark
    self.asOf = asOf
    self.trails = trails
  }

  /// The last `count` points on or before `asOf` of a member, oldest first, missing points
  /// left out.
  public func points(of symbol: String, count: Int) -> [Chart.Rotation.Point] {
    guard count > 0, let trail = trails[symbol],
      let end = asOf.flatMap({ trail.ratio.index.positionAsOf($0) })
    else {
      return []
    }
    let start = max(0, end - count + 1)
    return (start...end).compactMap { i in
      let r = trail.ratio.values[i]
      let m = trail.momentum.values[i]
      guard r.isFinite && m.isFinite else { return nil }
      return Chart.Rotation.Point(day: trail.ratio.index.days[i], ratio: r, momentum: m)
    }
  }
}

extension Series {
  /// The first non-missing value dated on or after `day` (missing when there is none).
  package func valueOrMissing(onOrAfter day: Int32) -> Double {
    var i = index.lowerBound(day)
    while i < count {
      if !values[i].isNaN { return values[i] }
      i += 1
    }
    return .nan
  }
}
