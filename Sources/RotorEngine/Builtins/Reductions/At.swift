import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let at = Builtin(
    "at", params: [Param("x", .series), Param("d", .date)], returns: [.number], effects: .pure,
    category: .reduction,
    summary: "The value as of a date: the last row dated on or before d (as x[d]).",
    formula: """
      at(x,d) = x[d] = value of the last row dated on or before d, that row's value even \
      when it is missing; an error when d is before the first date; missing when d is later \
      than x's last date and a trading day lies between (x is stale as of d)
      """,
    explanation: """
      Reads a series on a given day, falling back to the previous trading day on weekends \
      and holidays: SPY.at(2024-07-13) is the Friday close. Use it to measure a move from \
      an event. Pitfall: it does not skip a missing row; fill(x).at(d) takes the last value \
      instead. A date after the series' data ends reads as missing, not as its last value \
      (x.lastdate() tells when it ends).
      """,
    example: "SPY.at(2024-07-13)"
  ) { args, context in
    do throws(Diagnostic) {
      return .number(try Indexing.asOf(try args.series("x"), try args.date("d"), dataset: context.dataset))
    } catch {
      throw Diagnostic("at: \(error.message)", notes: error.notes)
    }
  }
}
