import RotorSyntax

/// A Rotor value (docs/language.md §1).
public enum Value: Sendable {
  case number(Double)
  case bool(Bool)
  case string(String)
  /// A date as a day number (days since 1970-01-01).
  case date(Int32)
  case duration(CalendarSpan)
  case series(Series)
  /// A symbol's OHLCV history; acts as its default series where a series is expected.
  case bars(Bars)
  /// A list; a list of symbols (bars) is a universe. `labels`, when present, name the
  /// items (as `map` over a universe does) and show as a labelled column.
  case list([Value], labels: [String]? = nil)
  // Tables, charts and backtests are boxed (`indirect`): inline, the largest of them made
  // every value (a number included) hundreds of bytes to copy.
  indirect case table(Table)
  /// A chart made by `plot`: shown as a terminal chart, saved as SVG.
  indirect case chart(Chart)
  /// A backtest made by `rotate`: equity curve, benchmark, statistics and holdings.
  indirect case backtest(Backtest)
  case function(any FunctionValue)
  /// The result of `print` and other actions: nothing to show.
  case nothing

  /// The kind of value, used in messages and for method completion.
  public var kind: Kind {
    switch self {
    case .number: return .number
    case .bool: return .bool
    case .string: return .string
    case .date: return .date
    case .duration: return .duration
    case .series: return .series
    case .bars: return .bars
    case .list: return .list
    case .table: return .table
    case .chart: return .chart
    case .backtest: return .backtest
    case .function: return .function
    case .nothing: return .nothing
    }
  }

  /// The kinds of values.
  public enum Kind: String, Sendable, CaseIterable {
    case number, bool, string, date, duration, series, bars, list, table, chart, backtest, function, nothing
  }

  /// The value as a series: series itself, or a bars value's default series.
  public var asSeries: Series? {
    switch self {
    case .series(let s): return s
    case .bars(let b): return b.series
    default: return nil
    }
  }

  /// A short name used when the value appears in a display name, e.g. `sma(SPY,50)`.
  public var displayName: String {
    switch self {
    case .number(let v): return Value.shortest(v)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return "\"\(s)\""
    case .date(let d): return CivilDate.iso(d)
    case .duration(let span): return span.description
    case .series(let s): return s.name
    case .bars(let b): return b.displayName
    case .list(let items, _):
      if items.count > 4 { return "[\(items.prefix(3).map(\.displayName).joined(separator: ",")),…]" }
      return "[\(items.map(\.displayName).joined(separator: ","))]"
    case .table: return "table"
    case .chart: return "chart"
    case .backtest(let b): return b.title
    case .function(let f): return f.name
    case .nothing: return "nothing"
    }
  }

  /// The shortest text that reads back as the same double: `50`, `0.5`, `1e-05`, `nan`.
  public static func shortest(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
  }
}

/// A value that can be called. The engine defines the two kinds (built-ins and user
/// functions); the core and the renderers only need to name and show them.
public protocol FunctionValue: Sendable {
  /// Its name (`<lambda>` for lambdas).
  var name: String { get }
  /// How it shows as a value, e.g. `<built-in sma(x, n) -> series>` or `<fn rel(a, b, n=…)>`.
  var shownText: String { get }
}
