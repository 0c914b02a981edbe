import RotorCore
import RotorData
import RotorOutput

/// Two series arguments on their common dates, for the two-series statistics (`beta`, `corr`).
extension Builtin {
  /// The values of series arguments `x` and `y` on the dates both have (docs/language.md §3).
  static func alignedPair(_ args: Arguments) throws -> (x: [Double], y: [Double], index: DateIndex) {
    let x = try args.series("x")
    let y = try args.series("y")
    let al = Alignment.intersect(x.index, y.index)
    let xs = al.left.map { $0.map { x.values[$0] } } ?? x.values
    let ys = al.right.map { $0.map { y.values[$0] } } ?? y.values
    return (xs, ys, al.index)
  }
}
