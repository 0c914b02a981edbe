import CRotorData
import Foundation
import RotorCore
import RotorSyntax

/// One index member from `constituents.csv`.
public struct Constituent: Sendable, Equatable {
  /// The ticker, e.g. `BRK.B`.
  public var symbol: String
  /// The company name.
  public var name: String
  /// The sector (GICS), e.g. `Information Technology`.
  public var sector: String

  /// Creates a constituent.
  public init(symbol: String, name: String, sector: String) {
    self.symbol = symbol
    self.name = name
    self.sector = sector
  }
}

/// The loaded price data: bars per symbol, plus the optional index membership.
///
/// Either held in memory (loaded from CSV with ``DatasetLoader``) or backed by a
/// packed blob (the bundled data, ``embedded()``), in which case each symbol is
/// decoded on first access and then cached. Safe to share between threads.
/// Identical date arrays share one ``DateIndex`` object.
public final class Dataset: @unchecked Sendable {
  /// All symbols, sorted.
  public let symbols: [String]
  /// The index members that have data, in file order (empty without a `constituents.csv`).
  public let constituents: [Constituent]
  /// The symbols of `universe()`: the constituents, else all symbols (sorted).
  public let universe: [String]
  /// Things worth telling the user on stderr (symbols skipped from later sources, ...).
  public let notes: [String]
  /// Where the data came from: `bundled`, or the paths given, joined with `, `.
  public let origin: String
  /// The earliest and latest date over all symbols (`nil` when there is no row).
  public let dateRange: ClosedRange<Int32>?
  /// Total number of rows over all symbols.
  public let rowCount: Int

  private let memory: [String: Bars]
  private let packed: PackedDataset?
  private let canonicalPacked: Bool
  private let layers: (upper: Dataset, lower: Dataset)?
  private let lazySource: LazySource?
  private var lazyDecoded: [String: Result<Bars, Diagnostic>] = [:]
  private var lazyIndexes: [DaysKey: [DateIndex]] = [:]
  private let lock = NSLock()
  private var decoded: [Int: Bars] = [:]
  private var cachedFingerprint: String?
  private var cachedCalendar: DatasetCalendar?
  /// The index's membership history (the bundled S&P 500 data), or `nil`. The bundled one
  /// is parsed on first use, so a start that never asks for it does not pay for it.
  public var membership: Membership? { membershipSource.value }
  private let membershipSource: LazyMembership

  /// A dataset from bars in memory. Date indexes with the same dates are interned to
  /// one object; a symbol given twice keeps its first bars; constituents without bars
  /// (or repeated) are left out.
  public init(
    bars: [Bars], constituents: [Constituent] = [], notes: [String] = [], origin: String = "memory",
    membership: Membership? = nil
  ) {
    membershipSource = LazyMembership(membership)
    // Candidates by a cheap key (length, ends, a sample), then compared in full.
    var interned: [DaysKey: [DateIndex]] = [:]
    var table: [String: Bars] = [:]
    var first = Int32.max
    var last = Int32.min
    var rows = 0
    for b in bars where table[b.symbol] == nil {
      let index: DateIndex
      let key = DaysKey(b.index.days)
      if let shared = interned[key]?.first(where: { $0 === b.index || $0.days == b.index.days }) {
        index = shared
      } else {
        index = b.index
        interned[key, default: []].append(index)
      }
      table[b.symbol] = index === b.index ? b : b.reindexed(index)
      if let f = index.days.first, let l = index.days.last {
        first = min(first, f)
        last = max(last, l)
      }
      rows += index.count
    }
    memory = table
    packed = nil
    canonicalPacked = false
    layers = nil
    lazySource = nil
    symbols = table.keys.sorted()
    var seen = Set<String>()
    self.constituents = constituents.filter { table[$0.symbol] != nil && seen.insert($0.symbol).inserted }
    universe = self.constituents.isEmpty ? symbols : self.constituents.map(\.symbol)
    self.notes = notes
    self.origin = origin
    dateRange = first <= last ? first...last : nil
    rowCount = rows
  }

  /// A dataset backed by a packed blob, decoded lazily.
  public convenience init(packed: PackedDataset, origin: String, notes: [String] = []) {
    self.init(packed: packed, origin: origin, notes: notes, canonical: true)
  }

  /// A dataset backed by a packed blob, decoded lazily. `canonical`: the blob is what
  /// ``PackedDataset/pack(_:)`` writes, so its content hash is the fingerprint (a cache
  /// file's blob is not: its fingerprint is computed like that of data in memory).
  package convenience init(
    packed: PackedDataset, origin: String, notes: [String], canonical: Bool,
    membership: Membership? = nil
  ) {
    self.init(
      packed: packed, origin: origin, notes: notes, canonical: canonical,
      membership: LazyMembership(membership))
  }

  /// A dataset backed by a packed blob whose membership history comes from `membership`.
  package init(
    packed: PackedDataset, origin: String, notes: [String], canonical: Bool,
    membership: LazyMembership
  ) {
    membershipSource = membership
    memory = [:]
    self.packed = packed
    canonicalPacked = canonical
    layers = nil
    lazySource = nil
    symbols = packed.symbols
    constituents = packed.constituents
    universe = constituents.isEmpty ? symbols : constituents.map(\.symbol)
    self.notes = notes
    self.origin = origin
    dateRange = packed.dateRange
    rowCount = packed.rowCount
  }

  /// Two datasets as one: `upper`'s symbols replace `lower`'s whole (see
  /// ``overlaid(by:)``, which computes the arguments).
  package init(
    upper: Dataset, lower: Dataset, symbols: [String], constituents: [Constituent],
    dateRange: ClosedRange<Int32>?, rowCount: Int
  ) {
    memory = [:]
    packed = nil
    canonicalPacked = false
    layers = (upper, lower)
    lazySource = nil
    self.symbols = symbols
    self.constituents = constituents
    universe = constituents.isEmpty ? symbols : constituents.map(\.symbol)
    notes = upper.notes + lower.notes
    origin = "\(lower.origin) + \(upper.origin)"
    // The membership history describes the universe: it goes with the constituents.
    membershipSource =
      upper.constituents.isEmpty
      ? LazyMembership { upper.membership ?? lower.membership } : upper.membershipSource
    self.dateRange = dateRange
    self.rowCount = rowCount
  }

  /// A dataset whose symbols are loaded one by one on first access (the local store).
  package init(lazy source: LazySource, origin: String) {
    memory = [:]
    packed = nil
    canonicalPacked = false
    layers = nil
    lazySource = source
    symbols = source.extents.keys.sorted()
    constituents = []
    universe = symbols
    notes = []
    membershipSource = LazyMembership(nil)
    self.origin = origin
    let first = source.extents.values.map(\.first).min()
    let last = source.extents.values.map(\.last).max()
    dateRange = first.flatMap { f in last.flatMap { l in f <= l ? f...l : nil } }
    rowCount = source.extents.values.reduce(0) { $0 + $1.rows }
  }

  /// Why `symbol`, which the dataset lists, cannot be had (a damaged store file), or `nil`.
  /// Callers that got `nil` from ``bars(_:)`` throw this rather than "unknown symbol".
  public func problem(_ symbol: String) -> Diagnostic? {
    if let layers {
      return layers.upper.contains(symbol) ? layers.upper.problem(symbol) : layers.lower.problem(symbol)
    }
    guard lazySource != nil, bars(symbol) == nil else { return nil }
    lock.lock()
    defer { lock.unlock() }
    if case .failure(let error)? = lazyDecoded[symbol] { return error }
    return nil
  }

  /// The bars of `symbol` (case-sensitive), or `nil` when the dataset lacks it.
  ///
  /// For packed data the symbol's dates are decoded on first access and each of its
  /// columns when first read; a blob too corrupt to decode gives `nil` (the bundled blob is
  /// fully decoded by `rotor-pack` when made, a cache file is checksummed).
  public func bars(_ symbol: String) -> Bars? {
    if let layers {
      return layers.upper.contains(symbol) ? layers.upper.bars(symbol) : layers.lower.bars(symbol)
    }
    if let lazySource {
      guard lazySource.extents[symbol] != nil else { return nil }
      lock.lock()
      defer { lock.unlock() }
      if let done = lazyDecoded[symbol] { return try? done.get() }
      // Symbols over the same dates share one index object (aligning them is then free).
      let result = lazySource.load(symbol).map { b -> Bars in
        let key = DaysKey(b.index.days)
        if let shared = lazyIndexes[key]?.first(where: { $0.days == b.index.days }) {
          return b.reindexed(shared)
        }
        lazyIndexes[key, default: []].append(b.index)
        return b
      }
      lazyDecoded[symbol] = result
      return try? result.get()
    }
    guard let packed else { return memory[symbol] }
    guard let k = packed.index(of: symbol) else { return nil }
    lock.lock()
    if let cached = decoded[k] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    // Outside the lock (several symbols at once on several cores): the date index and the
    // column headers; each column decodes on first use (``Bars/values(_:)``).
    guard let bars = try? packed.lazyBars(at: k) else { return nil }
    lock.lock()
    defer { lock.unlock() }
    if let cached = decoded[k] { return cached }
    decoded[k] = bars
    return bars
  }

  /// The row count and date range of `symbol` without decoding its values (packed data
  /// decodes only its shared date index), or `nil` when the dataset lacks it.
  package func extent(of symbol: String) -> (rows: Int, first: Int32, last: Int32)? {
    if let layers { return layers.upper.extent(of: symbol) ?? layers.lower.extent(of: symbol) }
    if let lazySource { return lazySource.extents[symbol] }
    if let packed {
      guard let k = packed.index(of: symbol) else { return nil }
      let entry = packed.entries[k]
      guard let days = try? packed.dateIndex(entry.dateIndex).days, let f = days.first, let l = days.last
      else { return (entry.rows, Int32.max, Int32.min) }
      return (entry.rows, f, l)
    }
    guard let b = memory[symbol] else { return nil }
    return (b.index.count, b.index.days.first ?? Int32.max, b.index.days.last ?? Int32.min)
  }

  /// Whether the dataset has `symbol`.
  public func contains(_ symbol: String) -> Bool {
    if let layers { return layers.upper.contains(symbol) || layers.lower.contains(symbol) }
    if let lazySource { return lazySource.extents[symbol] != nil }
    if let packed { return packed.index(of: symbol) != nil }
    return memory[symbol] != nil
  }

  /// One line about the data, e.g. `619 symbols, 1927-12-30 .. 2026-10-06`.
  public var summary: String {
    Dataset.summary(symbolCount: symbols.count, dateRange: dateRange)
  }

  /// `619 symbols, 1927-12-30 .. 2026-10-06`, or just the count without dates.
  static func summary(symbolCount: Int, dateRange: ClosedRange<Int32>?) -> String {
    let count = "\(symbolCount) symbol\(symbolCount == 1 ? "" : "s")"
    guard let range = dateRange else { return count }
    return "\(count), \(CivilDate.iso(range.lowerBound)) .. \(CivilDate.iso(range.upperBound))"
  }

  /// One layer of a dataset: where it came from, how many symbols it has and its dates.
  public struct Layer: Sendable, Equatable {
    /// Where it came from: `bundled`, `store PATH`, a `--data` path.
    public var origin: String
    /// The number of symbols in the layer (some may be hidden by a higher layer).
    public var symbolCount: Int
    /// The first and last date of its rows.
    public var dateRange: ClosedRange<Int32>?

    /// `bundled: 619 symbols, 1927-12-30 .. 2026-07-31`.
    public var summary: String {
      "\(origin): " + Dataset.summary(symbolCount: symbolCount, dateRange: dateRange)
    }
  }

  /// The layers this dataset is made of, lowest first (one for a plain dataset); a symbol
  /// comes from the highest layer that has it.
  public var layerList: [Layer] {
    if let layers { return layers.lower.layerList + layers.upper.layerList }
    return [Layer(origin: origin, symbolCount: symbols.count, dateRange: dateRange)]
  }

  /// A stable hex hash of the content: FNV-1a 64 of the packed form (the same data
  /// gives the same fingerprint whether loaded from CSV or from a packed blob).
  public var fingerprint: String {
    if let layers {
      let both = Array("overlay \(layers.lower.fingerprint) \(layers.upper.fingerprint)".utf8)
      return Dataset.hex(DatasetCache.fnv1a(both))
    }
    if let lazySource { return Dataset.hex(DatasetCache.fnv1a(Array("lazy \(lazySource.identity)".utf8))) }
    if let packed, canonicalPacked { return Dataset.hex(packed.contentHash) }
    lock.lock()
    if let cached = cachedFingerprint {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let bytes = PackedDataset.pack(self)
    let value = bytes.count >= 32 ? bytes[24..<32].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : 0
    let text = Dataset.hex(value)
    lock.lock()
    cachedFingerprint = text
    lock.unlock()
    return text
  }

  /// The trading sessions and each symbol's last date, computed once (see ``DatasetCalendar``).
  package var calendar: DatasetCalendar {
    lock.lock()
    if let cached = cachedCalendar {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let made =
      layers.map {
        DatasetCalendar.layered(upper: $0.upper.calendar, lower: $0.lower.calendar, symbols: symbols)
      } ?? buildCalendar()
    lock.lock()
    defer { lock.unlock() }
    if cachedCalendar == nil { cachedCalendar = made }
    return cachedCalendar ?? made
  }

  /// How many symbols end more than `limit` trading days before the dataset's latest date
  /// (what the REPL's banner says), as ``DatasetCalendar/staleSymbols(tradingDays:)`` counts
  /// them. For the bundled data it avoids building the whole calendar: each date index's
  /// last date is read by summing its deltas, and the trading days after a symbol's last
  /// date are those of the freshest symbol; only a symbol the weekdays and those sessions
  /// disagree on (a holiday in the window) falls back to the whole calendar.
  package func staleSymbolCount(tradingDays limit: Int) -> Int {
    lock.lock()
    let ready = cachedCalendar
    lock.unlock()
    if let ready { return ready.staleSymbols(tradingDays: limit).count }
    guard let packed, layers == nil, !packed.entries.isEmpty else {
      return calendar.staleSymbols(tradingDays: limit).count
    }
    var lastOf: [Int: (count: Int, last: Int32)] = [:]
    for entry in packed.entries where lastOf[entry.dateIndex] == nil {
      guard let read = packed.lastDay(ofDateIndex: entry.dateIndex) else {
        return calendar.staleSymbols(tradingDays: limit).count
      }
      lastOf[entry.dateIndex] = read
    }
    guard
      let freshest = lastOf.max(by: { ($0.value.last, $0.value.count) < ($1.value.last, $1.value.count) }),
      let sessions = try? packed.dateIndex(freshest.key)
    else { return calendar.staleSymbols(tradingDays: limit).count }
    let latest = freshest.value.last
    let top = sessions.upperBound(latest)
    var stale = 0
    for entry in packed.entries {
      guard let last = lastOf[entry.dateIndex]?.last, last < latest else { continue }
      let counted = top - sessions.upperBound(last)
      if counted > limit {
        stale += 1
      } else if DatasetCalendar.weekdays(after: last, through: latest) > limit {
        return calendar.staleSymbols(tradingDays: limit).count
      }
    }
    return stale
  }

  /// The calendar of a dataset of one layer: every distinct date index decoded (on all
  /// cores), their union, and each symbol's last date.
  private func buildCalendar() -> DatasetCalendar {
    if let packed {
      let ids = Array(Set(packed.entries.map(\.dateIndex))).sorted()
      _ = Parallel.map(ids.count) { try? packed.dateIndex(ids[$0]) }
    }
    var indexes: [DateIndex] = []
    var seen = Set<ObjectIdentifier>()
    var last: [Int32?] = []
    last.reserveCapacity(symbols.count)
    for (k, symbol) in symbols.enumerated() {
      let index: DateIndex?
      if let packed {
        index = try? packed.dateIndex(packed.entries[k].dateIndex)
      } else if let lazySource {
        index = lazySource.extents[symbol].map { _ in bars(symbol)?.index } ?? nil
      } else {
        index = memory[symbol]?.index
      }
      last.append(index?.days.last)
      if let index, seen.insert(ObjectIdentifier(index)).inserted { indexes.append(index) }
    }
    return DatasetCalendar(sessions: Panel.union(indexes).0, symbols: symbols, lastDates: last)
  }

  /// `value` as 16 hex digits (fingerprints, store file names and checksums).
  static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// The bundled real dataset, embedded in the binary (opened once, then shared).
  public static func embedded() throws(Diagnostic) -> Dataset {
    try embeddedResult.get()
  }

  /// The bytes of the bundled dataset, in the binary's read-only data.
  static var embeddedBytes: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: rotor_default_data(), count: rotor_default_data_size())
  }

  private static let embeddedResult: Result<Dataset, Diagnostic> = Result {
    () throws(Diagnostic) -> Dataset in try openEmbedded()
  }

  /// Opens a new, private instance of the bundled dataset (nothing decoded yet), for
  /// benchmarks and tests that must not share the cached one.
  public static func openEmbedded() throws(Diagnostic) -> Dataset {
    let packed = try PackedDataset(unowned: embeddedBytes, name: "bundled dataset", verifyChecksum: false)
    return Dataset(
      packed: packed, origin: "bundled", notes: [], canonical: true,
      membership: LazyMembership {
        // The bundled history is ours and parses (MembershipTests); a failure would be a bug.
        try? Membership.embedded()
      })
  }
}

/// Symbols loaded one at a time on first access: their extents known up front, their bars
/// (or why they cannot be had) from `load`.
package final class LazySource: Sendable {
  /// Rows and first/last date per symbol.
  package let extents: [String: (rows: Int, first: Int32, last: Int32)]
  /// Identifies the content (e.g. the manifest's checksum), for the fingerprint.
  package let identity: String
  /// Loads one symbol.
  package let load: @Sendable (String) -> Result<Bars, Diagnostic>

  /// Creates a source.
  package init(
    extents: [String: (rows: Int, first: Int32, last: Int32)], identity: String,
    load: @escaping @Sendable (String) -> Result<Bars, Diagnostic>
  ) {
    self.extents = extents
    self.identity = identity
    self.load = load
  }
}

/// A cheap summary of a date array for interning: its length, ends and a few dates between.
private struct DaysKey: Hashable {
  var count: Int
  var sample: [Int32]

  init(_ days: [Int32]) {
    count = days.count
    sample = []
    guard !days.isEmpty else { return }
    let step = Swift.max(1, days.count / 8)
    for i in stride(from: 0, to: days.count, by: step) { sample.append(days[i]) }
    sample.append(days[days.count - 1])
  }
}

/// A membership history computed once, on first use.
package final class LazyMembership: @unchecked Sendable {
  private let lock = NSLock()
  private var load: (() -> Membership?)?
  private var cached: Membership?

  /// A history known now.
  package init(_ value: Membership?) {
    cached = value
  }

  /// A history computed by `load` the first time it is asked for.
  package init(_ load: @escaping () -> Membership?) {
    self.load = load
  }

  /// The history.
  package var value: Membership? {
    lock.lock()
    defer { lock.unlock() }
    if let load {
      cached = load()
      self.load = nil
    }
    return cached
  }
}
