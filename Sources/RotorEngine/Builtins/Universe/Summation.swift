import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let summation = breadth(
    "summation",
    summary: "The McClellan summation index: the running total of the McClellan oscillator.",
    formula: """
      summation(u) = cumsum(mcclellan(u)); missing until the oscillator starts (39 dates with \
      a net value); missing dates do not interrupt the total; no +1000 offset (some published versions add one)
      """,
    explanation: """
      A slow breadth trend: it rises while the oscillator is positive. Traders read its \
      direction (a turn up from deep negative levels often marks a durable low) and its \
      divergences from the index over months. Its level depends on where the data starts, \
      since it is a running total. Pitfall: the bundled universe is today's survivors and \
      before 2018-01-02 only the seven mega-caps.
      """,
    example: "summation(universe()).since(2025-01-02)"
  ) { panel, _, context in Kernels.cumsum(try panel.mcclellan(context)) }
}
