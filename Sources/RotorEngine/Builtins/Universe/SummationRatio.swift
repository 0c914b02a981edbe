import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let summation_ratio = breadth(
    "summation_ratio",
    summary: "The ratio-adjusted summation index: the running total of mcclellan_ratio.",
    formula: """
      summation_ratio(u) = cumsum(mcclellan_ratio(u)); missing until the oscillator starts \
      (39 dates with a ratio); missing dates do not interrupt the total; no offset (published \
      NYSE versions often start at +1000)
      """,
    explanation: """
      The slow breadth trend on the ratio-adjusted scale, comparable across universes: it \
      rises while mcclellan_ratio is positive, and a turn up from deep negative levels often \
      marks a durable low. Since 2019 on the bundled universe it bottomed at −1,876 on \
      2020-03-24, peaked at +872 on 2024-01-02, and turned up from −963 on 2025-04-21. \
      Pitfall: a running total, so its level depends on where the data starts; read its \
      direction and its turns.
      """,
    example: "summation_ratio(universe()).since(2025-01-02)"
  ) { panel, _, context in Kernels.cumsum(try panel.mcclellanRatio(context)) }
}
