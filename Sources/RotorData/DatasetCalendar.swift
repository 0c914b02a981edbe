import RotorCore
import RotorSyntax

/// The dataset's trading sessions (the union of every symbol's dates) and each symbol's
/// last date: what freshness is judged against (docs/semantics.md, "Freshness").
///
/// The rule: a series whose last row is dated `e` is *stale as of* a later date `d` when a
/// trading day lies in `e < t ≤ d` — a session of the dataset, or, after the dataset's last
/// session, any weekday (Monday–Friday). A weekend or holiday just after the last row is
/// not a trading day, so the series is still fresh there. This is pandas `Series.asof`
/// with a staleness limit of zero trading days.
public struct DatasetCalendar: Sendable {
  /// Every date on which some symbol has a row, ascending.
  public let sessions: DateIndex
  /// The symbols, sorted (as ``Dataset/symbols``).
  public let symbols: [String]
  /// Each symbol's last date (`nil` for a symbol without rows), in ``symbols`` order.
  public let lastDates: [Int32?]

  /// Creates a calendar.
  public init(sessions: DateIndex, symbols: [String], lastDates: [Int32?]) {
    self.sessions = sessions
    self.symbols = symbols
    self.lastDates = lastDates
  }

  /// The calendar of two layers: the union of their sessions; each symbol's last date from
  /// the upper layer when it has the symbol, else the lower.
  public static func layered(upper: DatasetCalendar, lower: DatasetCalendar, symbols: [String])
    -> DatasetCalendar
  {
    var lastOf: [String: Int32?] = [:]
    for (symbol, last) in zip(lower.symbols, lower.lastDates) { lastOf[symbol] = last }
    for (symbol, last) in zip(upper.symbols, upper.lastDates) { lastOf[symbol] = last }
    return DatasetCalendar(
      sessions: Panel.union([upper.sessions, lower.sessions]).0, symbols: symbols,
      lastDates: symbols.map { lastOf[$0] ?? nil })
  }

  /// How many weekdays (Monday–Friday) lie in `from < t ≤ to`: whole weeks, then the
  /// remainder one by one.
  public static func weekdays(after from: Int32, through to: Int32) -> Int {
    guard to > from else { return 0 }
    let span = Int(to - from)
    var count = 5 * (span / 7)
    var day = from + Int32(7 * (span / 7))
    while day < to {
      day += 1
      if CivilDate.weekday(day) <= 5 { count += 1 }
    }
    return count
  }

  /// The latest session (`nil` for a dataset without rows).
  public var latest: Int32? { sessions.days.last }

  /// How many trading days lie in `from < t ≤ to` (sessions, then weekdays after the last one).
  public func tradingDays(after from: Int32, through to: Int32) -> Int {
    guard to > from else { return 0 }
    let lo = sessions.upperBound(from)
    let hi = sessions.upperBound(to)
    var count = max(0, hi - lo)
    // After the last session, every weekday counts.
    count += Self.weekdays(after: max(from, latest ?? from), through: to)
    return count
  }

  /// Whether a series whose last row is dated `last` is stale as of `day`: `day` is later
  /// and a trading day lies between (see the type's rule).
  public func isStale(last: Int32, asOf day: Int32) -> Bool {
    day > last && tradingDays(after: last, through: day) > 0
  }

  /// The symbols whose last date is more than `tradingDays` trading days before the latest
  /// session, with their last dates, oldest first (ties by symbol).
  public func staleSymbols(tradingDays limit: Int = 5) -> [(symbol: String, last: Int32)] {
    guard let latest else { return [] }
    var out: [(symbol: String, last: Int32)] = []
    for (k, symbol) in symbols.enumerated() {
      guard let last = lastDates[k] else { continue }
      if tradingDays(after: last, through: latest) > limit { out.append((symbol, last)) }
    }
    return out.sorted { $0.last != $1.last ? $0.last < $1.last : $0.symbol < $1.symbol }
  }
}
