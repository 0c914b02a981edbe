import RotorSyntax
import Testing

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// Calendar spans and date alignment (Swift Testing, parameterized).
@Suite struct CalendarTests {
  static func day(_ iso: String) -> Int32 {
    CivilDate.parseISO(Array(iso.utf8)) ?? 0
  }

  @Test(arguments: [
    ("2024-03-31", CalendarSpan.months(1), "2024-02-29"),
    ("2024-03-31", .months(13), "2023-02-28"),
    ("2024-07-11", .days(5), "2024-07-06"),
    ("2024-07-11", .weeks(2), "2024-06-27"),
    ("2024-02-29", .years(1), "2023-02-28"),
    ("2024-07-11", .yearToDate, "2023-12-31"),
    ("2024-01-15", .months(1), "2023-12-15"),
  ])
  func spansReachBackLikePandasDateOffset(from: String, span: CalendarSpan, expected: String) {
    #expect(CivilDate.iso(span.anchor(before: Self.day(from))) == expected)
  }

  @Test func intersectionKeepsCommonDatesInOrder() {
    let a = DateIndex([1, 2, 3, 5, 8])
    let b = DateIndex([2, 3, 4, 8, 9])
    let aligned = Alignment.intersect(a, b)
    #expect(aligned.index.days == [2, 3, 8])
    #expect(aligned.left == [1, 2, 4])
    #expect(aligned.right == [0, 1, 3])
  }

  @Test func sameCalendarAlignmentIsFree() {
    let a = DateIndex([1, 2, 3])
    let aligned = Alignment.intersect(a, a)
    #expect(aligned.index === a)
    #expect(aligned.left == nil && aligned.right == nil)
    let copy = DateIndex([1, 2, 3])
    #expect(Alignment.intersect(a, copy).left == nil)
  }

  @Test func subsetAlignmentReusesTheSmallerIndex() {
    let whole = DateIndex([1, 2, 3, 4])
    let part = DateIndex([2, 4])
    let aligned = Alignment.intersect(whole, part)
    #expect(aligned.index === part)
    #expect(aligned.left == [1, 3])
    #expect(aligned.right == nil)
  }

  @Test func asOfLookup() {
    let index = DateIndex([10, 20, 30])
    #expect(index.positionAsOf(9) == nil)
    #expect(index.positionAsOf(10) == 0)
    #expect(index.positionAsOf(25) == 1)
    #expect(index.positionAsOf(99) == 2)
  }

  @Test(arguments: [("SPX", ["SPY", "SPG", "XLK"], "SPG"), ("sam", ["sma", "sum", "ema"], "sma")])
  func suggestionsFindClosestNames(name: String, candidates: [String], first: String) {
    #expect(Suggestions.closest(to: name, in: candidates).contains(first))
  }
}
