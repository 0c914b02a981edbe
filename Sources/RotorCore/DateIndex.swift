import Foundation
import RotorSyntax

/// An ascending list of dates (day numbers), shared between series.
///
/// Series that come from the same calendar hold the same `DateIndex` object, so
/// aligning them is an identity check and costs nothing. Dates are strictly
/// increasing.
public final class DateIndex: @unchecked Sendable {
  /// Day numbers (days since 1970-01-01), strictly increasing.
  public let days: [Int32]

  /// Creates an index; `days` must be strictly increasing.
  public init(_ days: [Int32]) {
    self.days = days
  }

  /// Number of dates.
  @inlinable public var count: Int { days.count }

  /// The empty index.
  public static let empty = DateIndex([])

  /// Whether two indexes hold the same dates.
  public func sameDates(as other: DateIndex) -> Bool {
    self === other || days == other.days
  }

  /// Position of the last date on or before `day`, or `nil` when every date is later.
  public func positionAsOf(_ day: Int32) -> Int? {
    let p = upperBound(day)
    return p == 0 ? nil : p - 1
  }

  /// The position of `day` itself, or `nil` when the index does not hold it.
  public func position(of day: Int32) -> Int? {
    let p = lowerBound(day)
    return p < days.count && days[p] == day ? p : nil
  }

  /// First position whose date is ≥ `day`.
  public func lowerBound(_ day: Int32) -> Int {
    var lo = 0
    var hi = days.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if days[mid] < day { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// First position whose date is > `day`.
  public func upperBound(_ day: Int32) -> Int {
    var lo = 0
    var hi = days.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if days[mid] <= day { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// A new index holding the dates in `range` (shares nothing, dates are copied).
  public func slice(_ range: Range<Int>) -> DateIndex {
    if range.lowerBound == 0 && range.upperBound == days.count { return self }
    return DateIndex(Array(days[range]))
  }
}

/// How two date indexes line up: the positions in each of their common dates.
public struct Alignment: Sendable {
  /// The common dates.
  public let index: DateIndex
  /// For each common date, its position in the left index; `nil` when identical to the common index.
  public let left: [Int]?
  /// For each common date, its position in the right index; `nil` when identical to the common index.
  public let right: [Int]?

  /// Aligns two indexes on the intersection of their dates (docs/language.md §3), in O(n + m); the
  /// alignment of a pair of index objects met recently comes from a small cache (the
  /// members of a universe share one index, so `map(u, s => ratio(s, SPY))` aligns once).
  public static func intersect(_ a: DateIndex, _ b: DateIndex) -> Alignment {
    if a === b { return Alignment(index: a, left: nil, right: nil) }
    if let known = AlignmentCache.shared.alignment(a, b) { return known }
    let result = computeIntersection(a, b)
    AlignmentCache.shared.insert(a, b, result)
    return result
  }

  package static func computeIntersection(_ a: DateIndex, _ b: DateIndex) -> Alignment {
    if a.sameDates(as: b) { return Alignment(index: a, left: nil, right: nil) }
    var days: [Int32] = []
    var li: [Int] = []
    var ri: [Int] = []
    let n = min(a.count, b.count)
    days.reserveCapacity(n)
    li.reserveCapacity(n)
    ri.reserveCapacity(n)
    var i = 0
    var j = 0
    a.days.withUnsafeBufferPointer { x in
      b.days.withUnsafeBufferPointer { y in
        while i < x.count && j < y.count {
          if x[i] < y[j] {
            i += 1
          } else if x[i] > y[j] {
            j += 1
          } else {
            days.append(x[i])
            li.append(i)
            ri.append(j)
            i += 1
            j += 1
          }
        }
      }
    }
    let leftIsWhole = days.count == a.count
    let rightIsWhole = days.count == b.count
    let index = leftIsWhole ? a : (rightIsWhole ? b : DateIndex(days))
    return Alignment(
      index: index, left: leftIsWhole ? nil : li, right: rightIsWhole ? nil : ri)
  }

  /// The union of several indexes, ascending (for tables and time tables).
  public static func union(_ indexes: [DateIndex]) -> DateIndex {
    guard let first = indexes.first else { return .empty }
    if indexes.allSatisfy({ $0.sameDates(as: first) }) { return first }
    var all = Set<Int32>()
    for index in indexes { all.formUnion(index.days) }
    return DateIndex(all.sorted())
  }
}

/// The last few alignments of distinct index pairs. Entries hold their two indexes, so an
/// object identity in the cache always means the same dates.
package final class AlignmentCache: @unchecked Sendable {
  package static let shared = AlignmentCache()
  /// How many pairs are kept.
  package static let capacity = 8

  private let lock = NSLock()
  private var entries: [(a: DateIndex, b: DateIndex, alignment: Alignment)] = []

  package func alignment(_ a: DateIndex, _ b: DateIndex) -> Alignment? {
    lock.lock()
    defer { lock.unlock() }
    guard let k = entries.firstIndex(where: { $0.a === a && $0.b === b }) else { return nil }
    if k != entries.count - 1 { entries.append(entries.remove(at: k)) }
    return entries[entries.count - 1].alignment
  }

  package func insert(_ a: DateIndex, _ b: DateIndex, _ alignment: Alignment) {
    lock.lock()
    defer { lock.unlock() }
    entries.append((a, b, alignment))
    if entries.count > AlignmentCache.capacity { entries.removeFirst() }
  }
}
