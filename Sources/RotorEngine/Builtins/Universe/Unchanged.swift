import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let unchanged = breadth(
    "unchanged",
    summary: "How many members closed exactly where they closed on their previous row, per date.",
    formula: """
      unchanged(u)[t] = #{members m with close_m[t] = close_m[previous row of m]}; a member \
      counts on t only when it has both closes; missing on a date where no member counts. \
      advancers + decliners + unchanged = the members that count that day
      """,
    explanation: """
      Completes the advance/decline count: advancers + decliners + unchanged is the number \
      of members with two consecutive closes. With decimal prices it is usually small; a \
      large count tends to mean stale data (holidays in one calendar, halted stocks) rather \
      than a quiet market. Pitfall: survivorship, as for advancers.
      """,
    example: "unchanged(universe()).last(1mo)"
  ) { panel, _, context in try panel.total(.change, 2, context) }
}
