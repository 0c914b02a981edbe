import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let advancers = breadth(
    "advancers",
    summary: "How many members closed higher than on their previous row, per date.",
    formula: """
      advancers(u)[t] = #{members m with close_m[t] > close_m[previous row of m]}; a member \
      counts on t only when it has both closes (its own previous row, not the calendar's); \
      missing on a date where no member counts. Close = each member's default series
      """,
    explanation: """
      The raw material of breadth: on a healthy up day most members rise, not just the \
      index heavyweights. Traders compare it with decliners (advancers − decliners, the \
      A/D line, the McClellan oscillator) rather than read it alone, because the count \
      depends on the universe's size. Pitfall: the bundled universe is today's survivors and \
      holds only the seven mega-caps before 2018-01-02, so counts before then are out of 7.
      """,
    example: "advancers(universe())[2024-07-11]"
  ) { panel, _, context in try panel.total(.change, 0, context) }
}
