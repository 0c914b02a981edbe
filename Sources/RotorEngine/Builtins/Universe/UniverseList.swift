import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// Universe, breadth and list built-ins (map, sort, rank, breadth statistics).
  static let universeList: [Builtin] = [
    .ad_line, .ad_ratio, .advancers, .decliners, .equal_weight, .except, .filter, .map, .mcclellan,
    .mcclellan_ratio, .members,
    .new_highs,
    .new_lows, .pct_above, .perf, .rank, .rrg, .rs_momentum, .rs_ratio, .sectors, .sort, .summation,
    .unchanged, .universe, .rotate,
    .zweig, .zweig_thrust, .high_low_index, .net_new_highs, .summation_ratio, .corr_matrix,
  ]
}
