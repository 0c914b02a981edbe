extension Chart {
  /// A matrix drawn as coloured cells on a diverging scale: `lo` the darkest blue, the middle
  /// white, `hi` the darkest red (a correlation matrix: −1 … 1).
  public struct Heatmap: Sendable {
    /// The row labels, top first.
    public var rows: [String]
    /// The column labels, left first.
    public var columns: [String]
    /// The values, row by row (`values[row][column]`); NaN is missing.
    public var values: [[Double]]
    /// The value at the blue end of the scale.
    public var lo: Double
    /// The value at the red end of the scale.
    public var hi: Double
    /// A line said under the cells (what the values are), or empty.
    public var caption: String

    /// Creates a heatmap.
    public init(
      rows: [String], columns: [String], values: [[Double]], lo: Double, hi: Double, caption: String = ""
    ) {
      self.rows = rows
      self.columns = columns
      self.values = values
      self.lo = lo
      self.hi = hi
      self.caption = caption
    }

    /// Where `v` sits on the scale, from −1 (`lo`) through 0 (the middle) to 1 (`hi`),
    /// clamped; NaN for a missing value.
    public func position(_ v: Double) -> Double {
      guard v.isFinite, hi > lo else { return .nan }
      let mid = (lo + hi) / 2
      return Swift.max(-1, Swift.min(1, (v - mid) / ((hi - lo) / 2)))
    }

    /// The heatmap of a square labelled table whose numeric columns are named as its rows
    /// (a matrix such as `corr_matrix` makes); nil for another table. Values all within
    /// −1 … 1 are scaled −1 … 1; others symmetrically around 0 by their largest magnitude.
    public static func of(_ table: Table) -> Heatmap? {
      guard case .labels(_, let labels) = table.rows, !labels.isEmpty,
        table.columns.map(\.name) == labels
      else { return nil }
      var values: [[Double]] = Array(repeating: [], count: labels.count)
      for column in table.columns {
        guard let numbers = column.numbers else { return nil }
        for (r, v) in numbers.enumerated() { values[r].append(v) }
      }
      let magnitude = values.joined().filter(\.isFinite).map(abs).max() ?? 1
      let bound = magnitude <= 1 ? 1 : magnitude
      return Heatmap(
        rows: labels, columns: labels, values: values, lo: -bound, hi: bound,
        caption: table.notes.joined(separator: " "))
    }
  }
}
