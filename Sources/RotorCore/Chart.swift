import RotorSyntax

/// A chart made by `plot`: lines over dates, the four-quadrant scatter of a relative
/// rotation graph, or a heatmap of a matrix. It holds the data it draws; how it looks is the renderers' business
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
    /// A matrix of values drawn as coloured cells (a correlation matrix).
    case heatmap(Heatmap)
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
    /// What one step of a tail is: `days`, or `weeks` for `rrg(..., weekly=true)`.
    public var step = "days"

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
  /// For each line of a line chart, the line whose base it is rebased on: itself, or the
  /// earlier line it was derived from (``families(_:)``), so that `plot(x, x.sma(50))`
  /// keeps the average where it is against its source. Empty: every line is its own base.
  public var bases: [Int]
  /// The stacked panels of a line chart, top first, each a list of line indices; empty
  /// (or one panel) draws every line on one axis.
  public var panels: [[Int]]
  /// Each panel's scale (when empty, the chart's): panels chosen with `scale="auto"` scale
  /// each on its own lines.
  public var panelScales: [Scale]

  /// Creates a chart.
  public init(
    title: String, content: Content, bases: [Int] = [], panels: [[Int]] = [], panelScales: [Scale] = []
  ) {
    self.title = title
    self.content = content
    self.bases = bases
    self.panels = panels
    self.panelScales = panelScales
  }

  /// Lines whose family spans less than this share of a shared axis, and that cannot be
  /// rebased (a value ≤ 0), get stacked panels when `plot` is not told otherwise.
  public static let flatShare = 0.2

  /// The line whose value at the base date rebases line `k`.
  public func base(of k: Int) -> Int { k < bases.count ? bases[k] : k }

  /// The series of a line chart as drawn: themselves on a shared or log scale, % change
  /// since the base date when rebased (since each line's own first value when the lines
  /// share no date). A derived line is rebased on its source's value, never its own.
  public var plottedSeries: [Series] {
    guard case .lines(let series, let scale) = content else { return [] }
    guard scale == .rebased else { return series }
    let base = rebaseDay
    return series.indices.map { k in
      let s = series[k]
      let source = series[self.base(of: k)]
      let reference =
        base.map { source.valueOrMissing(onOrAfter: $0) } ?? source.values.first(where: \.isFinite) ?? .nan
      var out = s.map(name: s.name) { 100 * ($0 / reference - 1) }
      out.isPercent = true
      return out
    }
  }

  /// The charts of the stacked panels, top first: each holds its lines (and their bases),
  /// the title goes to the first; one chart (itself) when the chart has no panels.
  public var panelCharts: [Chart] {
    guard panels.count > 1, case .lines(let series, let scale) = content else { return [self] }
    return panels.enumerated().map { p, members in
      let position = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
      return Chart(
        title: p == 0 ? title : "",
        content: .lines(members.map { series[$0] }, p < panelScales.count ? panelScales[p] : scale),
        bases: members.map { position[base(of: $0)] ?? position[$0] ?? 0 })
    }
  }

  /// Which earlier line each line derives from, for rebasing and panels: line `k` joins
  /// line `j < k` when `k`'s name mentions `j`'s (`sma(XLF,50)` and `XLF`,
  /// `bb_upper(ratio(XLF,SPY),20)` and `ratio(XLF,SPY)`) and their levels on their first
  /// common date are within a factor of 1.5 (so `ratio(RSP,SPY)` is not drawn on SPY's base).
  /// `names` are the names to compare (before a named argument renamed a line).
  public static func families(_ series: [Series], names: [String]? = nil) -> [Int] {
    let names = names ?? series.map(\.name)
    var bases = Array(series.indices)
    for k in series.indices {
      for j in 0..<k where mentions(names[k], names[j]) {
        if let (a, b) = firstCommon(series[j], series[k]), a > 0, b > 0, max(a / b, b / a) <= 1.5 {
          bases[k] = bases[j]
          break
        }
      }
    }
    return bases
  }

  /// Whether `name` has `other` as a whole argument: after `(`, `,` or at the start, and
  /// before `)`, `,`, `.` or at the end.
  private static func mentions(_ name: String, _ other: String) -> Bool {
    guard !other.isEmpty, name != other else { return false }
    var search = name[...]
    while let range = search.range(of: other) {
      let before = range.lowerBound == name.startIndex ? nil : name[name.index(before: range.lowerBound)]
      let after = range.upperBound == name.endIndex ? nil : name[range.upperBound]
      if (before == nil || before == "(" || before == ",") && (after == nil || after == ")" || after == ",") {
        return true
      }
      search = name[range.upperBound...]
    }
    return false
  }

  /// The two lines' values on the first date both have one.
  private static func firstCommon(_ a: Series, _ b: Series) -> (Double, Double)? {
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let (x, y) = (a.index.days[i], b.index.days[j])
      if x < y {
        i += 1
      } else if y < x {
        j += 1
      } else {
        if a.values[i].isFinite && b.values[j].isFinite { return (a.values[i], b.values[j]) }
        i += 1
        j += 1
      }
    }
    return nil
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
  /// A line that derives from another (`bases`, from ``families(_:names:)``) counts with
  /// it, so a series and its own average alone stay on a shared axis.
  public static func automaticScale(_ series: [Series], bases: [Int] = []) -> Scale {
    guard let narrowest = narrowestSpan(series, bases: bases) else { return .shared }
    if series.contains(where: { s in s.values.contains { $0.isFinite && $0 <= 0 } }) { return .shared }
    return narrowest < 0.5 ? .rebased : .shared
  }

  /// The smallest share of the shared axis's height that a family of lines (a line with
  /// those derived from it) spans; nil for a single family or no values.
  public static func narrowestSpan(_ series: [Series], bases: [Int] = []) -> Double? {
    var spans: [Int: (lo: Double, hi: Double)] = [:]
    for (k, s) in series.enumerated() {
      let family = k < bases.count ? bases[k] : k
      var (lo, hi) = spans[family] ?? (Double.infinity, -Double.infinity)
      for v in s.values where v.isFinite {
        lo = min(lo, v)
        hi = max(hi, v)
      }
      spans[family] = (lo, hi)
    }
    let found = spans.values.filter { $0.lo <= $0.hi }
    guard found.count > 1, let lo = found.map(\.lo).min(), let hi = found.map(\.hi).max(), hi > lo else {
      return nil
    }
    return found.map { ($0.hi - $0.lo) / (hi - lo) }.min()
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
  /// Whether the trails are weekly (`rrg(..., weekly=true)`).
  public var weekly = false

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
