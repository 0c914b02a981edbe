import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// The two sides of the comparison a `check(...)` condition was written as (`a > b`), kept
/// so the report can say what was compared and tell a missing side from a false comparison.
struct CheckSides {
  /// The comparison operator.
  let op: BinaryOperator
  /// The left operand's value.
  let left: Value
  /// The right operand's value.
  let right: Value
  /// The operands' source text, naming a number side in the report.
  let leftText: String
  /// The right operand's source text.
  let rightText: String
}

/// What one `check(condition, message)` or `alert(condition, message)` found
/// (docs/language.md §4 and §6).
public struct CheckResult: Sendable {
  /// What the condition was.
  public enum Status: Sendable, Equatable {
    /// The condition is true.
    case held
    /// The condition is false.
    case failed
    /// The condition has no value: missing, no row, or stale data; never passes.
    case missing
  }

  /// What was found.
  public var status: Status
  /// The message the script gave.
  public let message: String
  /// What was compared and as of when (`0.29 > 0.28, as of 2026-10-02`), or why the
  /// condition is missing; empty for a plain `true`/`false` with nothing to add.
  public let detail: String
  /// Whether this is an `alert` (it fires when the condition is true) rather than a
  /// `check` (it fails when the condition is false).
  public var isAlert = false

  /// Whether all is well: a check's condition holds, an alert's does not; a missing
  /// condition never passes.
  public var passes: Bool { isAlert ? status == .failed : status == .held }

  /// The line reported: `ok: message (detail)`, `FAILED: …`, and for an alert `ALERT: …`
  /// when it fires, `quiet: …` when not (a missing condition is `FAILED:` for both).
  public var line: String {
    let word: String
    switch (status, isAlert) {
    case (.missing, _): word = "FAILED: "
    case (.held, false): word = "ok: "
    case (.failed, false): word = "FAILED: "
    case (.held, true): word = "ALERT: "
    case (.failed, true): word = "quiet: "
    }
    return word + message + (detail.isEmpty ? "" : " (\(detail))")
  }

  init(status: Status, message: String, detail: String) {
    self.status = status
    self.message = message
    self.detail = detail
  }

  /// Judges a condition: a bool, or a bool series whose row as of `asOf` (its last row when
  /// nil) is the condition — missing when that value is missing, when there is no such row,
  /// or when the series is stale as of `asOf` (else the dataset's latest session).
  static func judge(
    _ condition: Value, message: String, sides: CheckSides?, asOf: Int32?, dataset: Dataset
  ) throws(Diagnostic) -> CheckResult {
    switch condition {
    case .bool(let holds):
      if let asOf {
        throw Diagnostic(
          "asof=\(CivilDate.iso(asOf)) needs a series condition; a plain true/false has no dates",
          notes: ["compare series (x > y) rather than numbers from .last()"])
      }
      if let sides, let missing = missingSide(sides, at: nil) {
        return CheckResult(status: .missing, message: message, detail: "missing: \(missing)")
      }
      let compared = sides.map { comparison($0, at: nil) } ?? ""
      return CheckResult(status: holds ? .held : .failed, message: message, detail: compared)
    case .series(let s) where Interpreter.isCondition(condition):
      guard let position = asOf.map(s.index.positionAsOf) ?? (s.count > 0 ? s.count - 1 : nil) else {
        let when = asOf.map { " on or before \(CivilDate.iso($0))" } ?? ""
        return CheckResult(
          status: .missing, message: message, detail: "missing: \(s.name) has no rows\(when)")
      }
      let last = s.index.days[position]
      let value = s.values[position]
      let calendar = dataset.calendar
      if position == s.count - 1, let latest = asOf ?? calendar.latest,
        calendar.isStale(last: last, asOf: latest)
      {
        return CheckResult(
          status: .missing, message: message,
          detail: "missing: the data ends \(CivilDate.iso(last)), stale as of \(CivilDate.iso(latest))")
      }
      if value.isNaN {
        let why = sides.flatMap { missingSide($0, at: last) } ?? "\(s.name) is missing"
        return CheckResult(
          status: .missing, message: message, detail: "missing: \(why) on \(CivilDate.iso(last))")
      }
      let compared = sides.map { comparison($0, at: last) + ", " } ?? ""
      return CheckResult(
        status: value != 0 ? .held : .failed, message: message,
        detail: compared + "as of \(CivilDate.iso(last))")
    default:
      throw Diagnostic(
        "a condition must be true/false or a bool series such as x > y, not a \(condition.kind.rawValue)",
        notes: ["compare a number with a level (drawdown(IWM).last() < -0.10) or two series"])
    }
  }

  /// The number a side has (as of `day` for a series), or nil when it is not a number or a
  /// series.
  private static func number(_ value: Value, at day: Int32?) -> Double? {
    switch value {
    case .number(let v): return v
    case .series(let s):
      guard let day, let position = s.index.positionAsOf(day) else { return s.values.last }
      return s.values[position]
    case .bars(let b):
      return number(.series(b.series), at: day)
    default: return nil
    }
  }

  /// How a side reads: `0.2871`, `RSP/SPY 0.2871`, `63.6%`.
  /// A number computed by an expression is named by it (`drawdown(IWM).last() -0.05`); a
  /// literal is its value alone.
  private static func side(_ value: Value, text: String, at day: Int32?) -> String {
    guard let v = number(value, at: day) else { return TextRenderer.render(value) }
    switch value {
    case .series(let s):
      return s.name + " " + (s.isPercent ? NumberFormat.percent(v) : NumberFormat.human(v))
    case .bars(let b): return b.displayName + " " + NumberFormat.human(v)
    default:
      let literal = Double(text.filter { !$0.isWhitespace && $0 != "_" }) != nil
      return (literal ? "" : text + " ") + NumberFormat.human(v)
    }
  }

  private static func comparison(_ sides: CheckSides, at day: Int32?) -> String {
    side(sides.left, text: sides.leftText, at: day) + " " + sides.op.rawValue + " "
      + side(sides.right, text: sides.rightText, at: day)
  }

  /// Which side of the comparison is missing, if one is.
  private static func missingSide(_ sides: CheckSides, at day: Int32?) -> String? {
    for (text, value) in [(sides.leftText, sides.left), (sides.rightText, sides.right)] {
      guard let v = number(value, at: day), v.isNaN else { continue }
      switch value {
      case .series(let s): return "\(s.name) has no value"
      case .bars(let b): return "\(b.displayName) has no value"
      default: return "\(text) has no value"
      }
    }
    return nil
  }
}

extension CheckResult {
  /// The body of `check` and `alert`: judges the condition and reports the result.
  static func run(_ args: Arguments, _ context: CallContext, isAlert: Bool) throws(Diagnostic) -> Value {
    let message = try args.string("message")
    var result = try CheckResult.judge(
      try args.value("condition"), message: message, sides: context.checkSides,
      asOf: args.has("asof") ? try args.date("asof") : nil, dataset: context.dataset)
    result.isAlert = isAlert
    context.report(result)
    return .nothing
  }
}
