import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let check = Builtin(
    "check", params: [Param("condition", .any), Param("message", .string)],
    options: [Param("asof", .date, default: .absent)], returns: [.nothing],
    effects: .io, category: .building,
    summary: "Reports whether a condition holds: ok: or FAILED: and the message (rotor check).",
    formula: """
      check(c, message, asof=d): c is true/false, or a bool series whose last row (with \
      asof, its row as of d) is the condition, dated. It FAILS as missing when that value is \
      missing, there is no such row, or the series ends a trading day or more before the \
      dataset's latest date (with asof, before d): stale. Written as a \
      comparison (a > b), the line shows both sides' values. Shows "ok: message (…)" or \
      "FAILED: message (…)" and returns nothing; under rotor check only FAILED lines are \
      printed and the exit status is 1 when any check failed
      """,
    explanation: """
      States what should hold, so cron can watch it: rotor check alerts.rotor exits 0 when \
      every check holds and 1 with one FAILED: line per failed check (docs/language.md §6); \
      alert(c, message) is the opposite, for an event to be told about. \
      Prefer series conditions, ratio(RSP, SPY) > ratio(RSP, SPY).sma(50), over numbers \
      from .last(): a series knows its date, so old data fails as missing instead of \
      answering from the past. Pitfall: a comparison with a missing number is false, and \
      not(...) of it true; check catches a missing side of a comparison written inside it, \
      not one hidden in a function or a binding.
      """,
    example: "check(ratio(RSP, SPY) > ratio(RSP, SPY).sma(50), \"RSP/SPY above its 50-day\")"
  ) { args, context in
    try CheckResult.run(args, context, isAlert: false)
  }
}
