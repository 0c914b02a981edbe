import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let universe = Builtin(
    "universe", params: [Param("at", .date, default: .absent)], returns: [.list], effects: .pure,
    category: .universe,
    summary: "The dataset's index members as a list of symbols (all symbols without a constituents file).",
    formula: """
      universe() = [each constituent of constituents.csv that has prices, in file order]; \
      without a constituents file, every symbol of the dataset, sorted; universe(at=d) = \
      [each symbol that was an index member on d by the membership history and has a price \
      on or before d, sorted]
      """,
    explanation: """
      The universe is what breadth statistics count over: pct_above(universe(), 200) asks \
      how many index members are in a long-term uptrend. The bundled universe is today's \
      580 S&P 500 members, so it suffers from survivorship bias: companies that fell out \
      of the index are missing, which flatters past breadth and returns. Before 2018-01-02 \
      it holds only the seven mega-caps (their long histories come from etf/), so breadth \
      before 2018 describes seven stocks, not the market. universe(at=d) is the index as \
      it stood on d (point in time), limited to members with prices: ex-members that were \
      acquired or delisted have none in the bundled data; the breadth built-ins take \
      pit=true to count each member only while it was in the index.
      """,
    example: "advancers(universe())[2024-07-11]"
  ) { args, context in
    let dataset = context.dataset
    guard args.has("at") else {
      var members: [Value] = []
      for symbol in dataset.universe {
        if let bars = dataset.bars(symbol) {
          members.append(.bars(bars))
        } else if let problem = dataset.problem(symbol) {
          throw problem
        }
      }
      return .list(members)
    }
    let day = try args.date("at")
    guard let membership = dataset.membership else {
      throw args.error(
        "at", "needs a membership history, and this dataset has none (the bundled data has the S&P 500's)")
    }
    return .list(
      membership.members(on: day).compactMap { symbol in
        guard let bars = dataset.bars(symbol), let first = bars.index.days.first, first <= day else {
          return nil
        }
        return .bars(bars)
      })
  }
}
