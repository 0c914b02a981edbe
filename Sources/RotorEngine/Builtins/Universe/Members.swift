import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let members = Builtin(
    "members", params: [Param("sector", .string)], returns: [.list], effects: .pure, category: .universe,
    summary: "The index members of one sector (GICS name, any case) as a list of symbols.",
    formula: """
      members(sector) = [each constituent whose sector equals `sector`, ignoring case, in file \
      order]; an unknown sector is an error listing the known ones (see sectors())
      """,
    explanation: """
      Breadth inside a sector says whether a sector ETF's move is broad or carried by a few \
      heavyweights: compare pct_above(members("Energy"), 50) with XLE itself, or \
      equal_weight(members("Energy")) with XLE (cap-weighted). Sector names come from the \
      constituents file (GICS), e.g. "Information Technology", "Health Care". Pitfall: \
      membership is today's, so a sector's past breadth leaves out the companies that \
      have since left the index or changed sector.
      """,
    example: "equal_weight(members(\"Energy\")).since(2025-01-02).change()"
  ) { args, context in
    let wanted = try args.string("sector")
    let dataset = context.dataset
    guard !dataset.constituents.isEmpty else {
      throw Diagnostic(
        "members: the dataset has no constituents file, so no sectors",
        notes: [
          "a constituents.csv (symbol, name, sector) beside the prices defines universe() and members()"
        ])
    }
    let known = Set(dataset.constituents.map(\.sector).filter { !$0.isEmpty }).sorted()
    let key = wanted.lowercased()
    let chosen = dataset.constituents.filter { $0.sector.lowercased() == key && !$0.sector.isEmpty }
    guard !chosen.isEmpty else {
      let note = Suggestions.note(for: wanted, in: known)
      throw Diagnostic(
        "members: unknown sector \"\(wanted)\"",
        notes: (note.map { [$0] } ?? []) + ["sectors: " + known.map { "\"\($0)\"" }.joined(separator: ", ")])
    }
    var members: [Value] = []
    for member in chosen {
      if let bars = dataset.bars(member.symbol) {
        members.append(.bars(bars))
      } else if let problem = dataset.problem(member.symbol) {
        throw problem
      }
    }
    return .list(members)
  }
}
