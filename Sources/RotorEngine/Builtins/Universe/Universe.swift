import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let universe = Builtin(
    "universe", params: [], returns: "list", category: .universe,
    summary: "The dataset's index members as a list of symbols (all symbols without a constituents file).",
    formula: """
      universe() = [each constituent of constituents.csv that has prices, in file order]; \
      without a constituents file, every symbol of the dataset, sorted
      """,
    explanation: """
      The universe is what breadth statistics count over: pct_above(universe(), 200) asks \
      how many index members are in a long-term uptrend. The bundled universe is today's \
      580 S&P 500 members, so it suffers from survivorship bias: companies that fell out \
      of the index are missing, which flatters past breadth and returns. Before 2018-01-02 \
      it holds only the seven mega-caps (their long histories come from etf/), so breadth \
      before 2018 describes seven stocks, not the market.
      """,
    example: "advancers(universe())[2024-07-11]"
  ) { _, context in
    let dataset = context.dataset
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
}
