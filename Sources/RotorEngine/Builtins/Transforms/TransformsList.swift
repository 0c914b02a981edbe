import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// The series → series built-ins.
  static let transforms: [Builtin] = [
    .abs, .beta, .crossover, .crossunder, .cumsum, .diff, .drawdown, .dropna, .ema, .exp, .fill,
    .highest, .lag, .log, .logret, .lowest, .monthly, .ratio, .rebase, .rename, .ret, .roc, .round, .rsi,
    .sma,
    .spread, .sqrt, .stdev, .vol, .weekly, .where, .wma, .yearly, .zscore,
  ]
}
