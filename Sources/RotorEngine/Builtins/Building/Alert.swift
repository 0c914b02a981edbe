import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let alert = Builtin(
    "alert", params: [Param("condition", .any), Param("message", .string)],
    options: [Param("asof", .date, default: .absent)], returns: [.nothing],
    effects: .io, category: .building,
    summary: "Fires when a condition is true: ALERT: and the message (rotor check exits 1).",
    formula: """
      alert(c, message, asof=d): the condition is judged as in check (true/false, or a bool \
      series' last row, or its row as of d), but the alert fires when it is TRUE. Shows \
      "ALERT: message (…)" when it fires, "quiet: message (…)" when not, and "FAILED: \
      message (missing: …)" when the condition is missing or stale; under rotor check only \
      ALERT and FAILED lines are printed and the exit status is 1 when there is one
      """,
    explanation: """
      For events you want to hear about, as a cron job: alert(crossover(ratio(RSP, SPY), \
      ratio(RSP, SPY).sma(50)), "RSP/SPY crossed above its 50-day") stays quiet on most days \
      and prints one line on the day it happens. A check states what should hold; an alert \
      what should not happen unnoticed. Pitfall: a crossover is true on one row only, so \
      run the job every trading day after rotor update, or alert on the state (rs > \
      rs.sma(50)) instead of the event.
      """,
    example: "alert(drawdown(IWM) < -0.10, \"IWM in correction\", asof=2025-04-08)"
  ) { args, context in
    try CheckResult.run(args, context, isAlert: true)
  }
}
