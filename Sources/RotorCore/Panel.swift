import Foundation
import RotorSyntax

/// A universe laid out for universe-wide statistics, computed column by column.
///
/// A panel holds its members' series as they are (nothing is copied or realigned), the
/// union of their dates (``calendar``) and, for each distinct member calendar, the position
/// of each of its dates in the union. Members of one calendar share one `DateIndex` object
/// (the dataset interns them), so the union and the positions are built once per distinct
/// calendar, in O(total dates) — in the bundled data 541 of the 580 universe members share
/// one calendar.
///
/// A statistic (``Statistic``) runs a Swift kernel over each member's own rows (rose versus
/// its previous row, close above its own SMA, …) and scatters the result into per-date
/// counters over the union calendar: ``Tally``. Tallies are cached in the panel, and panels
/// in a small process-wide cache keyed by the members' identity (see ``cached(_:)``), so
/// `pct_above(universe(), 200)` followed by `pct_above(universe(), 50)` reuses the union.
public final class Panel: @unchecked Sendable {
  /// The members' series, in list order.
  package let members: [Series]
  /// The union of the members' dates.
  package let calendar: DateIndex
  /// For each distinct member calendar, the position of each of its dates in ``calendar``.
  private let positions: [[Int32]]
  /// For each member, the entry of ``positions`` its dates use.
  private let calendarOf: [Int]

  private let lock = NSLock()
  private var tallies: [TallyKey: Tally] = [:]
  private var tallyOrder: [TallyKey] = []
  /// How many tallies one panel keeps (each is a few arrays over the calendar).
  package static let tallyCapacity = 16

  /// A per-date statistic over the universe.
  package enum Statistic: Hashable {
    /// Totals: rose, fell, held versus the member's previous row (both rows present).
    case change
    /// Totals: close > own sma(close, n) (counted where that SMA is defined).
    case above(Int)
    /// Totals: close == max of the last n closes (counted with a full window).
    case highs(Int)
    /// Totals: close == min of the last n closes (counted with a full window).
    case lows(Int)
    /// Totals: the sum of the members' returns versus their previous row (where defined).
    case returns
  }

  /// Point-in-time membership: for each member (in member order), the spells outside which
  /// it is not counted. Part of a tally's cache key, so masked and unmasked tallies differ.
  package struct Mask: Hashable, Sendable {
    /// One list of spells (first ... last member day) per member.
    package let spells: [[ClosedRange<Int32>]]

    /// Creates a mask.
    package init(_ spells: [[ClosedRange<Int32>]]) { self.spells = spells }
  }

  /// What a tally is cached under: the statistic and the membership mask, if any.
  private struct TallyKey: Hashable {
    let statistic: Statistic
    let mask: Mask?
  }

  /// Per-date results of a statistic over ``calendar``.
  package struct Tally: Sendable {
    /// How many members count on each date.
    package var counted: [Double]
    /// One array per total of the statistic; missing (NaN) where no member counts.
    package var totals: [[Double]]
  }

  /// Lays out `members` (the union of their dates and their positions in it).
  package init(_ members: [Series]) {
    self.members = members
    var groupOf: [ObjectIdentifier: Int] = [:]
    var indexes: [DateIndex] = []
    var calendarOf: [Int] = []
    calendarOf.reserveCapacity(members.count)
    for member in members {
      let id = ObjectIdentifier(member.index)
      if let g = groupOf[id] {
        calendarOf.append(g)
      } else {
        groupOf[id] = indexes.count
        calendarOf.append(indexes.count)
        indexes.append(member.index)
      }
    }
    self.calendarOf = calendarOf
    (calendar, positions) = Panel.union(indexes)
  }

  /// The union of `indexes` and the position of each index's dates in it, in O(total dates
  /// + span of days) with a dense day → position table (a sort for very sparse spans).
  package static func union(_ indexes: [DateIndex]) -> (DateIndex, [[Int32]]) {
    let nonEmpty = indexes.filter { $0.count > 0 }
    if let only = nonEmpty.first, nonEmpty.allSatisfy({ $0 === only }) {
      let identity = (0..<Int32(only.count)).map { $0 }
      return (only, indexes.map { $0.count == 0 ? [] : identity })
    }
    guard let lo = nonEmpty.compactMap(\.days.first).min(), let hi = nonEmpty.compactMap(\.days.last).max()
    else { return (.empty, indexes.map { _ in [] }) }
    let total = nonEmpty.reduce(0) { $0 + $1.count }
    let span = Int(hi) - Int(lo) + 1
    if span <= 8 * total + 65_536 {
      var slot = [Int32](repeating: -1, count: span)
      for index in nonEmpty {
        for day in index.days { slot[Int(day - lo)] = 0 }
      }
      var days: [Int32] = []
      var k: Int32 = 0
      for s in 0..<span where slot[s] >= 0 {
        slot[s] = k
        days.append(lo + Int32(s))
        k += 1
      }
      return (DateIndex(days), indexes.map { $0.days.map { slot[Int($0 - lo)] } })
    }
    var all = nonEmpty.flatMap(\.days)
    all.sort()
    var days: [Int32] = []
    days.reserveCapacity(all.count)
    for day in all where days.last != day { days.append(day) }
    let calendar = DateIndex(days)
    return (calendar, indexes.map { $0.days.map { Int32(calendar.lowerBound($0)) } })
  }

  /// Calls `body` with each member's number, its values and the calendar position of each
  /// of its rows (in member order; `check` runs between members, the interrupt check).
  package func forEachMember(
    check: () throws(Diagnostic) -> Void,
    _ body: (Int, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Int32>) -> Void
  ) throws(Diagnostic) {
    for (m, member) in members.enumerated() {
      try check()
      positions[calendarOf[m]].withUnsafeBufferPointer { pos in
        member.values.withUnsafeBufferPointer { v in body(m, v, pos) }
      }
    }
  }

  // MARK: - Tallies

  /// The tally of `statistic`, computed once per panel and mask (then cached); with a
  /// `mask`, a member counts only on the dates inside its spells; `check` runs between
  /// members (the interrupt check).
  package func tally(
    _ statistic: Statistic, mask: Mask? = nil, check: () throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> Tally {
    let key = TallyKey(statistic: statistic, mask: mask)
    lock.lock()
    if let cached = tallies[key] {
      tallyOrder.removeAll { $0 == key }
      tallyOrder.append(key)
      lock.unlock()
      return cached
    }
    lock.unlock()
    let result = try compute(statistic, mask: mask, check: check)
    lock.lock()
    defer { lock.unlock() }
    if tallies[key] == nil {
      tallies[key] = result
      tallyOrder.append(key)
      if tallyOrder.count > Panel.tallyCapacity { tallies[tallyOrder.removeFirst()] = nil }
    }
    return result
  }

  private func compute(
    _ statistic: Statistic, mask: Mask?, check: () throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> Tally {
    switch statistic {
    case .change:
      return try scatter(totals: 3, mask: mask, exact: true, check: check) { _, v, pos, sink in
        // From row 1: a change needs the member's previous row. `d` is NaN when either
        // close is missing (and for inf − inf), as pandas `diff`.
        for i in 1..<Swift.max(v.count, 1) {
          let d = v[i] - v[i - 1]
          if d.isNaN { continue }
          let p = Int(pos[i])
          sink.count(p)
          sink.add(d > 0 ? 0 : (d < 0 ? 1 : 2), p, 1)
        }
      }
    case .above(let n):
      return try scatter(totals: 1, mask: mask, exact: true, check: check) { values, v, pos, sink in
        guard v.count >= n else { return }
        let sma = Kernels.rollingMean(values, n)
        sma.withUnsafeBufferPointer { s in
          for i in (n - 1)..<v.count where !s[i].isNaN {
            let p = Int(pos[i])
            sink.count(p)
            if v[i] > s[i] { sink.add(0, p, 1) }
          }
        }
      }
    case .highs(let n):
      return try extremes(n, Kernels.rollingMax, mask: mask, check: check)
    case .lows(let n):
      return try extremes(n, Kernels.rollingMin, mask: mask, check: check)
    case .returns:
      return try scatter(totals: 1, mask: mask, check: check) { _, v, pos, sink in
        for i in 1..<Swift.max(v.count, 1) {
          let r = v[i] / v[i - 1] - 1
          if r.isNaN { continue }
          let p = Int(pos[i])
          sink.count(p)
          sink.add(0, p, r)
        }
      }
    }
  }

  /// Members whose close equals the extreme of their last `n` closes (full window only).
  private func extremes(
    _ n: Int, _ rolling: ([Double], Int) -> [Double], mask: Mask?,
    check: () throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> Tally {
    try scatter(totals: 1, mask: mask, exact: true, check: check) { values, v, pos, sink in
      guard v.count >= n else { return }
      let extreme = rolling(values, n)
      extreme.withUnsafeBufferPointer { e in
        for i in (n - 1)..<v.count where !e[i].isNaN {
          let p = Int(pos[i])
          sink.count(p)
          if v[i] == e[i] { sink.add(0, p, 1) }
        }
      }
    }
  }

  /// Per-date counters over the calendar that member kernels add into.
  package struct Sink {
    package let counted: UnsafeMutablePointer<Double>
    package let totals: UnsafeMutablePointer<Double>
    package let width: Int

    /// The member counts on the date at calendar position `p` (nothing when `p` is −1: a
    /// row masked out).
    @inline(__always) package func count(_ p: Int) {
      if p >= 0 { counted[p] += 1 }
    }

    /// Adds `amount` to total number `k` at calendar position `p` (nothing when `p` is −1).
    @inline(__always) package func add(_ k: Int, _ p: Int, _ amount: Double) {
      if p >= 0 { totals[k * width + p] += amount }
    }
  }

  /// Runs `kernel` over every member, on the member's own rows, and collects what it adds
  /// into the sink: the member's values (as the array, for `Kernels`, and as a buffer), the
  /// calendar position of each of its rows, and the sink. Totals are missing (NaN) on
  /// dates where no member counts. With a `mask`, a member's rows outside its spells get
  /// position −1, which the sink ignores (O(rows × spells) per member).
  private func scatter(
    totals: Int, mask: Mask?, exact: Bool = false, check: () throws(Diagnostic) -> Void,
    _ kernel: ([Double], UnsafeBufferPointer<Double>, UnsafeBufferPointer<Int32>, Sink) -> Void
  ) throws(Diagnostic) -> Tally {
    let width = calendar.count
    // Counts (whole numbers, exact in any order) are gathered on all cores, a group of
    // members per task with its own counters, then added; other totals in member order.
    let tasks = exact && members.count >= 8 ? Swift.min(members.count, 2 * Parallel.cores) : 1
    try check()
    let parts = Parallel.map(tasks) { t -> ([Double], [Double]) in
      var counted = [Double](repeating: 0, count: width)
      var sums = [Double](repeating: 0, count: width * totals)
      counted.withUnsafeMutableBufferPointer { c in
        sums.withUnsafeMutableBufferPointer { s in
          guard let cBase = c.baseAddress, let tBase = s.baseAddress else { return }
          let sink = Sink(counted: cBase, totals: tBase, width: width)
          for m in (t * members.count / tasks)..<((t + 1) * members.count / tasks) {
            // Interrupted: stop here; the check after the tasks throws.
            if (try? check()) == nil { break }
            scatterMember(m, mask: mask, sink: sink, kernel)
          }
        }
      }
      return (counted, sums)
    }
    try check()
    var (counted, sums) = parts[0]
    for (c, s) in parts.dropFirst() {
      for p in 0..<width { counted[p] += c[p] }
      for p in 0..<(width * totals) { sums[p] += s[p] }
    }
    var columns: [[Double]] = []
    for k in 0..<totals {
      var column = Array(sums[(k * width)..<((k + 1) * width)])
      for p in 0..<width where counted[p] == 0 { column[p] = .nan }
      columns.append(column)
    }
    return Tally(counted: counted, totals: columns)
  }

  /// Runs `kernel` over member `m`'s rows into `sink` (see ``scatter(totals:mask:exact:check:_:)``).
  private func scatterMember(
    _ m: Int, mask: Mask?, sink: Sink,
    _ kernel: ([Double], UnsafeBufferPointer<Double>, UnsafeBufferPointer<Int32>, Sink) -> Void
  ) {
    let member = members[m]
    var masked = positions[calendarOf[m]]
    if let mask {
      // A member without spells (or beyond the mask) never counts.
      let spells = m < mask.spells.count ? mask.spells[m] : []
      for (i, day) in member.index.days.enumerated() where !spells.contains(where: { $0.contains(day) }) {
        masked[i] = -1
      }
    }
    masked.withUnsafeBufferPointer { pos in
      member.values.withUnsafeBufferPointer { v in kernel(member.values, v, pos, sink) }
    }
  }

  // MARK: - Cache

  /// The members' identity: for each, its date index object and its values' storage. The
  /// cached panel keeps both alive, so an equal key means the same data.
  package struct Key: Hashable {
    package let parts: [UInt]

    package init(_ members: [Series]) {
      var parts: [UInt] = []
      parts.reserveCapacity(3 * members.count)
      for m in members {
        parts.append(UInt(bitPattern: ObjectIdentifier(m.index)))
        parts.append(m.values.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
        parts.append(UInt(m.values.count))
      }
      self.parts = parts
    }
  }

  /// The panel of `members`: from the cache when the same members (the same data, not
  /// just the same names) were laid out recently, else built and cached.
  package static func cached(_ members: [Series]) -> Panel {
    PanelCache.shared.panel(for: members)
  }

  /// Empties the panel cache (for benchmarks that time the first build).
  public static func clearCache() {
    PanelCache.shared.removeAll()
  }
}

/// The last few panels built, most recently used last; bounded so that memory stays small.
package final class PanelCache: @unchecked Sendable {
  package static let shared = PanelCache()
  /// How many panels are kept.
  package static let capacity = 4

  private let lock = NSLock()
  private var entries: [(key: Panel.Key, panel: Panel)] = []

  package func panel(for members: [Series]) -> Panel {
    let key = Panel.Key(members)
    lock.lock()
    if let k = entries.firstIndex(where: { $0.key == key }) {
      let entry = entries.remove(at: k)
      entries.append(entry)
      lock.unlock()
      return entry.panel
    }
    lock.unlock()
    let panel = Panel(members)
    lock.lock()
    defer { lock.unlock() }
    entries.append((key, panel))
    if entries.count > PanelCache.capacity { entries.removeFirst() }
    return panel
  }

  package func removeAll() {
    lock.lock()
    entries.removeAll()
    lock.unlock()
  }
}
