import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// The relative-rotation quadrants, shared by `rrg` and `plot`.
extension Builtin {
  /// The RRG quadrant of (rs_ratio, rs_momentum); empty when either is missing.
  static func quadrant(_ ratio: Double, _ momentum: Double) -> String {
    if ratio.isNaN || momentum.isNaN { return "" }
    switch (ratio >= 100, momentum >= 100) {
    case (true, true): return "Leading"
    case (true, false): return "Weakening"
    case (false, false): return "Lagging"
    case (false, true): return "Improving"
    }
  }
}
