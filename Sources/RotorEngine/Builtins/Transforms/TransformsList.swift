extension Builtin {
  /// The series → series built-ins.
  static let transforms: [Builtin] = [
    .abs, .cumsum, .diff, .drawdown, .dropna, .ema, .exp, .fill, .highest, .lag, .log, .logret,
    .lowest, .ratio, .rebase, .ret, .roc, .sma, .spread, .sqrt, .stdev, .where, .wma,
  ]
}
