import Foundation
import RotorCore
import RotorSyntax

/// Reads one price CSV file: a per-symbol file (`date,open,...`) or a long file with a
/// symbol column (`date,symbol,...`). See docs/data.md for the accepted formats.
///
/// Headers are matched case-insensitively: `date`, `open`, `high`, `low`, `close`,
/// `adj close`/`adj_close`/`adjclose`, `volume`, and `symbol`/`ticker`/`name` (which
/// makes it a long file). Other columns are ignored. Empty cells and `null`/`NaN` are
/// missing (NaN). Rows are sorted by date; a column whose cells are all missing counts
/// as absent. Any problem is a ``Diagnostic`` naming the file, line and column, and
/// nothing is returned.
public enum PriceFileLoader {
  /// Where the columns of a price file are.
  public struct Layout: Sendable, Equatable {
    /// Number of fields in the header (every row must have as many).
    public var fieldCount: Int
    /// The date column (0-based).
    public var date: Int
    /// The symbol column of a long file; `nil` for a per-symbol file.
    public var symbol: Int?
    /// The price columns present in the header, in canonical field order.
    public var fields: [Bars.Field]
    /// Their 0-based columns, parallel to `fields`.
    public var columns: [Int]

    /// True for a long file (one with a symbol column).
    public var isLong: Bool { symbol != nil }

    /// Creates a layout.
    public init(fieldCount: Int, date: Int, symbol: Int?, fields: [Bars.Field], columns: [Int]) {
      self.fieldCount = fieldCount
      self.date = date
      self.symbol = symbol
      self.fields = fields
      self.columns = columns
    }

    /// A layout from the column each price field was found in, fields in canonical order.
    public init(fieldCount: Int, date: Int, symbol: Int?, found: [Bars.Field: Int]) {
      let fields = Bars.Field.allCases.filter { found[$0] != nil }
      self.init(
        fieldCount: fieldCount, date: date, symbol: symbol, fields: fields,
        columns: fields.compactMap { found[$0] })
    }
  }

  /// What a header cell names, or `nil` when the column is ignored.
  package enum Role: Equatable {
    case date, symbol
    case field(Bars.Field)
  }

  package static func role(of header: String) -> Role? {
    let name = header.trimmingCharacters(in: .whitespaces).lowercased()
    switch name {
    case "date": return .date
    case "symbol", "ticker", "name": return .symbol
    case "open": return .field(.open)
    case "high": return .field(.high)
    case "low": return .field(.low)
    case "close": return .field(.close)
    case "adj close", "adj_close", "adjclose": return .field(.adjClose)
    case "volume": return .field(.volume)
    default: return nil
    }
  }

  /// Reads the header row of `reader` and works out the layout.
  public static func layout(_ reader: inout CSVReader) throws(Diagnostic) -> Layout {
    guard try reader.nextRow() else {
      throw Diagnostic.data("empty file", file: reader.file, line: 1)
    }
    var date: Int?
    var symbol: Int?
    var found: [Bars.Field: Int] = [:]
    var seen: [Role] = []
    for i in 0..<reader.count {
      let header = reader.string(i)
      guard let role = role(of: header) else { continue }
      if seen.contains(role) {
        throw Diagnostic.data(
          "duplicate column '\(header)'", file: reader.file, line: reader.line, column: i + 1)
      }
      seen.append(role)
      switch role {
      case .date: date = i
      case .symbol: symbol = i
      case .field(let f): found[f] = i
      }
    }
    guard let date else {
      throw Diagnostic.data("missing date column", file: reader.file, line: reader.line)
    }
    guard found[.close] != nil || found[.adjClose] != nil else {
      throw Diagnostic.data("missing close column (or adj close)", file: reader.file, line: reader.line)
    }
    return Layout(fieldCount: reader.count, date: date, symbol: symbol, found: found)
  }

  /// Loads the file at `path`. For a per-symbol file the symbol is the file name
  /// without its `.csv` extension.
  public static func load(path: String) throws(Diagnostic) -> [Bars] {
    try load(bytes: CSVReader.readFile(path), file: path, symbol: symbolName(forFile: path))
  }

  /// The symbol a per-symbol file stands for: its name without the extension.
  public static func symbolName(forFile path: String) -> String {
    let name = (path as NSString).lastPathComponent
    let ext = (name as NSString).pathExtension
    return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
  }

  /// Parses CSV bytes. `symbol` names the data of a per-symbol file (ignored for a long
  /// file). Returns one bars value per symbol, in order of first appearance.
  public static func load(bytes: [UInt8], file: String, symbol: String) throws(Diagnostic) -> [Bars] {
    try loadWithLayout(bytes: bytes, file: file, symbol: symbol).bars
  }

  /// Parses CSV bytes and also returns the header's layout, and (from the fast path) the
  /// fields known to be exact scaled decimals (``FastPriceParser/Parsed``). Tries
  /// ``FastPriceParser`` first; when it declines, the general reader
  /// (``readRows(_:layout:defaultSymbol:)``) reads the file again and sorts it or reports the
  /// error.
  package static func loadWithLayout(bytes: [UInt8], file: String, symbol: String) throws(Diagnostic) -> (
    bars: [Bars], layout: Layout, scales: [[Bars.Field: Int]]
  ) {
    var reader = CSVReader(bytes: bytes, file: file)
    let layout = try layout(&reader)
    let start = reader.position
    let fast = bytes.withUnsafeBufferPointer {
      FastPriceParser.parse($0, from: start, layout: layout, defaultSymbol: symbol)
    }
    if let fast { return (fast.bars, layout, fast.scales) }
    let bars = try readRows(&reader, layout: layout, defaultSymbol: symbol)
    return (bars, layout, bars.map { _ in [:] })
  }

  /// The general reader only, without the fast path (for tests that compare the two).
  package static func loadGeneral(bytes: [UInt8], file: String, symbol: String) throws(Diagnostic) -> [Bars] {
    var reader = CSVReader(bytes: bytes, file: file)
    let layout = try layout(&reader)
    return try readRows(&reader, layout: layout, defaultSymbol: symbol)
  }

  /// The rows of one symbol while reading.
  package final class Builder {
    package let symbol: String
    package var days: [Int32] = []
    package var lines: [Int32] = []
    package var columns: [[Double]]
    package var hasValue: [Bool]
    package var sorted = true

    package init(symbol: String, fieldCount: Int) {
      self.symbol = symbol
      columns = Array(repeating: [], count: fieldCount)
      hasValue = Array(repeating: false, count: fieldCount)
    }
  }

  /// Reads the data rows after the header.
  public static func readRows(_ reader: inout CSVReader, layout: Layout, defaultSymbol: String)
    throws(Diagnostic) -> [Bars]
  {
    try readRows(&reader, layout: layout, defaultSymbol: defaultSymbol, dialect: Dialect())
  }

  /// How a file departs from the plain price CSV (for the formats of ``PriceFormats``).
  package struct Dialect {
    /// Dates are `YYYYMMDD` (Stooq) rather than `YYYY-MM-DD`.
    var compactDates = false
    /// Rows for which this is false are skipped (read, but not checked further).
    var keep: ((CSVReader) -> Bool)?
    /// Maps the symbol cell of a long file to the symbol.
    var rename: ((String) -> String)?
  }

  /// Reads the data rows after the header, in `dialect`.
  package static func readRows(
    _ reader: inout CSVReader, layout: Layout, defaultSymbol: String, dialect: Dialect
  ) throws(Diagnostic) -> [Bars] {
    var builders: [Builder] = []
    var bySymbol: [String: Builder] = [:]
    var current: Builder?
    var currentBytes: [UInt8] = []
    if layout.symbol == nil {
      let b = Builder(symbol: defaultSymbol, fieldCount: layout.fields.count)
      builders.append(b)
      current = b
    }
    let columns = layout.columns
    while try reader.nextRow() {
      if reader.count != layout.fieldCount {
        throw Diagnostic.data(
          "expected \(layout.fieldCount) fields, found \(reader.count)", file: reader.file,
          line: reader.line, column: min(reader.count, layout.fieldCount) + 1)
      }
      if let keep = dialect.keep, !keep(reader) { continue }
      if let s = layout.symbol, current == nil || !reader.field(s, equals: currentBytes) {
        var name = reader.string(s).trimmingCharacters(in: .whitespaces)
        if let rename = dialect.rename, !name.isEmpty { name = rename(name) }
        if name.isEmpty {
          throw Diagnostic.data("missing symbol", file: reader.file, line: reader.line, column: s + 1)
        }
        currentBytes = reader.fieldBytes(s)
        if let b = bySymbol[name] {
          current = b
        } else {
          let b = Builder(symbol: name, fieldCount: layout.fields.count)
          bySymbol[name] = b
          builders.append(b)
          current = b
        }
      }
      guard let b = current else { continue }
      let day = try dialect.compactDates ? reader.compactDay(layout.date) : reader.day(layout.date)
      if b.sorted, let last = b.days.last, day <= last {
        if day == last {
          throw duplicate(day, line: reader.line, earlier: Int(b.lines[b.lines.count - 1]), reader, layout)
        }
        b.sorted = false
      }
      b.days.append(day)
      b.lines.append(Int32(truncatingIfNeeded: reader.line))
      for k in 0..<columns.count {
        let v = try reader.double(columns[k])
        if !v.isNaN { b.hasValue[k] = true }
        b.columns[k].append(v)
      }
    }
    if builders.allSatisfy({ $0.days.isEmpty }) {
      throw Diagnostic.data("no data rows", file: reader.file, line: reader.line + 1)
    }
    try sortAndCheck(builders, reader, layout)
    return builders.map { finish($0, layout) }
  }

  private static func duplicate(
    _ day: Int32, line: Int, earlier: Int, _ reader: CSVReader, _ layout: Layout
  ) -> Diagnostic {
    Diagnostic.data(
      "duplicate date \(CivilDate.iso(day)) (also on line \(earlier))", file: reader.file, line: line,
      column: layout.date + 1)
  }

  /// Sorts unsorted builders by date; a repeated date is an error at the row that comes
  /// later in the file (the first such row in the file when there are several).
  static func sortAndCheck(_ builders: [Builder], _ reader: CSVReader, _ layout: Layout)
    throws(Diagnostic)
  {
    var worst: (line: Int32, earlier: Int32, day: Int32)?
    for b in builders where !b.sorted {
      let order = b.days.indices.sorted { (b.days[$0], b.lines[$0]) < (b.days[$1], b.lines[$1]) }
      for k in 1..<order.count where b.days[order[k]] == b.days[order[k - 1]] {
        let later = b.lines[order[k]]
        let earlier = b.lines[order[k - 1]]
        if let w = worst, w.line <= later { continue }
        worst = (later, earlier, b.days[order[k]])
      }
      b.days = order.map { b.days[$0] }
      b.lines = order.map { b.lines[$0] }
      for c in b.columns.indices { b.columns[c] = order.map { [values = b.columns[c]] in values[$0] } }
    }
    if let worst {
      throw duplicate(worst.day, line: Int(worst.line), earlier: Int(worst.earlier), reader, layout)
    }
  }

  /// The bars of a finished builder: all-missing columns dropped, but close (or adj
  /// close) kept when it would leave the symbol without a default series.
  static func finish(_ b: Builder, _ layout: Layout) -> Bars {
    var fields: [Bars.Field: [Double]] = [:]
    for (k, f) in layout.fields.enumerated() where b.hasValue[k] { fields[f] = b.columns[k] }
    if fields[.close] == nil && fields[.adjClose] == nil {
      let keep: Bars.Field = layout.fields.contains(.close) ? .close : .adjClose
      if let k = layout.fields.firstIndex(of: keep) { fields[keep] = b.columns[k] }
    }
    completeAdjustedClose(&fields)
    return Bars(symbol: b.symbol, index: DateIndex(b.days), fields: fields)
  }

  /// An adjusted close that repeats the close on every row that has both (an index's, whose
  /// newer rows often leave it empty) takes the close where it is empty: it is the same
  /// series, and the default series must not go missing on the rows it skips. An adjusted
  /// close that differs anywhere is kept as it is (two bases are never mixed).
  static func completeAdjustedClose(_ fields: inout [Bars.Field: [Double]]) {
    guard var adjusted = fields[.adjClose], let close = fields[.close] else { return }
    var gaps = false
    for i in adjusted.indices {
      if adjusted[i].isNaN {
        if !close[i].isNaN { gaps = true }
      } else if adjusted[i] != close[i] {
        return
      }
    }
    guard gaps else { return }
    for i in adjusted.indices where adjusted[i].isNaN { adjusted[i] = close[i] }
    fields[.adjClose] = adjusted
  }
}
