import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let decliners = breadth(
    "decliners",
    summary: "How many members closed lower than on their previous row, per date.",
    formula: """
      decliners(u)[t] = #{members m with close_m[t] < close_m[previous row of m]}; a member \
      counts on t only when it has both closes; missing on a date where no member counts
      """,
    explanation: """
      The other half of the advance/decline pair. A day when the index rises while \
      decliners outnumber advancers is a narrow, top-heavy gain; many decliners on a flat \
      index day is quiet distribution. Read it against advancers (ad_ratio, ad_line) rather \
      than alone. Pitfall: survivorship — the bundled universe is today's members, and only \
      the seven mega-caps before 2018-01-02.
      """,
    example: "decliners(universe())[2024-07-11]"
  ) { panel, _, context in try panel.total(.change, 1, context) }
}
