import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let ad_ratio = breadth(
    "ad_ratio",
    summary: "Advancers divided by decliners, per date.",
    formula: """
      ad_ratio(u) = advancers(u) / decliners(u); IEEE division: inf on a date with advancers \
      and no decliners, missing with neither (and where no member counts)
      """,
    explanation: """
      A scale-free reading of one day's breadth: 2 means two advancers for every decliner. \
      Readings above about 3 or below about 1/3 mark broad thrust or broad selling days; a \
      string of sub-1 readings while the index rises is a narrow rally. Pitfall: with few \
      members (the bundled universe before 2018-01-02 holds only the seven mega-caps) the \
      ratio jumps around and can be infinite.
      """,
    example: "ad_ratio(universe())[2024-07-11]"
  ) { panel, _, context in
    zip(try panel.total(.change, 0, context), try panel.total(.change, 1, context)).map(/)
  }
}
