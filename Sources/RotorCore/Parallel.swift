import Foundation

/// Work spread over the cores (`DispatchQueue.concurrentPerform`), for loops whose
/// iterations are independent: parsing files, encoding symbols, kernels over the members
/// of a universe.
package enum Parallel {
  /// The number of cores the work is spread over: all of them, or `$ROTOR_THREADS` when set
  /// (`ROTOR_THREADS=1` runs everything on the calling thread).
  package static let cores: Int = {
    if let text = ProcessInfo.processInfo.environment["ROTOR_THREADS"], let n = Int(text), n >= 1 {
      return min(n, 64)
    }
    return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64))
  }()

  /// Runs `body(k)` for every `k` in `0..<count`, on all cores when `count > 1`. `body` may
  /// only write state that no other iteration touches.
  package static func forEach(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1, cores > 1 else {
      for k in 0..<count { body(k) }
      return
    }
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let run = body
      DispatchQueue.concurrentPerform(iterations: count) { run($0) }
    }
  }

  /// `body(k)` for every `k` in `0..<count`, computed on all cores, in order.
  package static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
      slots.deinitialize()
      slots.deallocate()
    }
    nonisolated(unsafe) let out = slots
    forEach(count) { out[$0] = body($0) }
    return slots.compactMap { $0 }
  }
}
