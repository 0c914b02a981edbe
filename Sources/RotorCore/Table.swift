import RotorSyntax

/// Named columns over rows that are either dates (a time table) or labels (a cross-section).
public struct Table: Sendable {
  /// What identifies the rows.
  public enum Rows: Sendable {
    /// One row per date.
    case dates(DateIndex)
    /// One row per label; `header` names the label column (e.g. `symbol`).
    case labels(header: String, [String])
  }

  /// The data of one column.
  public enum ColumnData: Sendable {
    case numbers([Double])
    case strings([String])
  }

  /// One named column.
  public struct Column: Sendable {
    /// Its name.
    public var name: String
    /// Its cells, one per row.
    public var data: ColumnData

    /// Creates a column.
    public init(_ name: String, _ data: ColumnData) {
      self.name = name
      self.data = data
    }

    /// Creates a numeric column.
    public init(_ name: String, numbers: [Double]) {
      self.init(name, .numbers(numbers))
    }

    /// The column with its cells taken at `rows`, in that order (a range, or a reordering).
    public func picking<Rows: Collection>(_ rows: Rows) -> Column where Rows.Element == Int {
      switch data {
      case .numbers(let v): return Column(name, .numbers(rows.map { v[$0] }))
      case .strings(let v): return Column(name, .strings(rows.map { v[$0] }))
      }
    }

    /// The numbers, when the column is numeric.
    public var numbers: [Double]? {
      if case .numbers(let v) = data { return v }
      return nil
    }
  }

  /// The row labels or dates.
  public var rows: Rows
  /// The columns, each with one cell per row.
  public var columns: [Column]
  /// Columns whose numbers are percentages (shown with a `%` in text output).
  public var percentColumns: Set<String>
  /// `rrg`'s history of each member, kept so that `plot(rrg(...), tail=k)` can draw tails;
  /// not shown and not written to CSV or JSON.
  public var rotation: RotationHistory?
  /// Remarks that travel with the table (e.g. which members' data ended early): shown under
  /// it by text and Markdown, a `notes` field in JSON, left out of CSV.
  public var notes: [String] = []
  /// The rows a selection asked for (`head`, `tail`, `first(n)`, `last(n)`): text output
  /// shows them all, up to ``RotorOutput/RenderOptions/maxRows``.
  public var shownRows: ShownRows?

  /// Creates a table.
  public init(rows: Rows, columns: [Column], percentColumns: Set<String> = []) {
    self.rows = rows
    self.columns = columns
    self.percentColumns = percentColumns
  }

  /// Number of rows.
  public var rowCount: Int {
    switch rows {
    case .dates(let index): return index.count
    case .labels(_, let labels): return labels.count
    }
  }

  /// The first column of an output: `date` and ISO dates for a time table, the label
  /// header and labels for a cross-section.
  public var labelColumn: (header: String, labels: [String]) {
    switch rows {
    case .dates(let index): return ("date", index.days.map(CivilDate.iso))
    case .labels(let header, let labels): return (header, labels)
    }
  }

  /// The rows in `range`, with every column cut the same way.
  public func sliceRows(_ range: Range<Int>) -> Table {
    var copy = self
    switch rows {
    case .dates(let index): copy.rows = .dates(index.slice(range))
    case .labels(let header, let labels): copy.rows = .labels(header: header, Array(labels[range]))
    }
    copy.columns = columns.map { $0.picking(range) }
    return copy
  }

  /// The rows at `positions` (ascending), with every column cut the same way.
  public func pickingRows(_ positions: [Int]) -> Table {
    var copy = self
    switch rows {
    case .dates(let index): copy.rows = .dates(DateIndex(positions.map { index.days[$0] }))
    case .labels(let header, let labels): copy.rows = .labels(header: header, positions.map { labels[$0] })
    }
    copy.columns = columns.map { $0.picking(positions) }
    return copy
  }

  /// A symbol's bars as a time table: one column per present field, in canonical order.
  public init(bars: Bars) {
    self.init(
      rows: .dates(bars.index),
      columns: bars.presentFields.map { Column($0.rawValue, numbers: bars.values($0) ?? []) })
  }

  /// The column called `name`, if any.
  public func column(named name: String) -> Column? {
    columns.first { $0.name == name }
  }

  /// The column as a series, for time tables with a numeric column `name`.
  public func series(named name: String) -> Series? {
    guard case .dates(let index) = rows, let values = column(named: name)?.numbers else {
      return nil
    }
    return Series(index: index, values: values, name: name)
  }

  /// A time table from series, outer-joined on the union of their dates (as pandas `concat`).
  public static func timeTable(_ series: [Series], names: [String]? = nil) -> Table {
    let index = Alignment.union(series.map(\.index))
    var columns: [Column] = []
    var percent: Set<String> = []
    for (k, s) in series.enumerated() {
      let name = names?[k] ?? s.name
      if s.isPercent { percent.insert(name) }
      if s.index.sameDates(as: index) {
        columns.append(Column(name, numbers: s.values))
        continue
      }
      var out = [Double](repeating: .nan, count: index.count)
      var j = 0
      for (i, day) in index.days.enumerated() {
        while j < s.count && s.index.days[j] < day { j += 1 }
        if j < s.count && s.index.days[j] == day { out[i] = s.values[j] }
      }
      columns.append(Column(name, numbers: out))
    }
    return Table(rows: .dates(index), columns: columns, percentColumns: percent)
  }
}
