import Foundation

/// Runs work on threads with a large stack, so that evaluating a deep expression is bounded
/// by Rotor's own depth limits (docs/language.md "Limits") and never by the 8 MB main thread
/// or the 512 KB of a worker thread.
///
/// The stack is reserved address space: only the pages a deep evaluation touches become
/// memory.
package enum DeepStack {
  /// The stack reserved for each evaluation thread: 512 MB.
  package static let size = 512 << 20

  /// Runs `body` on a thread with a ``size`` stack and waits for it; runs it in place when
  /// the caller is already on such a thread (or no thread can be made).
  package static func run<T>(_ body: () -> T) -> T {
    if isDeep { return body() }
    return withoutActuallyEscaping(body) { body -> T in
      nonisolated(unsafe) let work = body
      nonisolated(unsafe) var result: T?
      // When the thread started, it ran `work` to the end before the join returned.
      if spawn([{ result = work() }]), let result { return result }
      return body()
    }
  }

  /// Runs `body(k)` for every `k` in `0..<count` on up to `threads` deep threads (each
  /// takes every `threads`-th `k`) and waits for all; `body` may only write state that no
  /// other `k` touches.
  package static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    let lanes = max(1, min(count, threads))
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let work = body
      let jobs = (0..<lanes).map { lane -> () -> Void in
        { for k in stride(from: lane, to: count, by: lanes) { work(k) } }
      }
      if !spawn(jobs) { for k in 0..<count { body(k) } }
    }
  }

  /// Whether the current thread is one of ours.
  package static var isDeep: Bool { pthread_getspecific(marker) != nil }

  private static let marker: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  private final class Job: @unchecked Sendable {
    let work: () -> Void
    init(_ work: @escaping () -> Void) { self.work = work }
  }

  /// Starts one deep thread per job and joins them all; false when none could be started
  /// (then nothing ran).
  private static func spawn(_ jobs: [() -> Void]) -> Bool {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, size)
    _ = marker
    var threads: [pthread_t] = []
    var leftovers: [() -> Void] = []
    for job in jobs {
      let context = Unmanaged.passRetained(Job(job)).toOpaque()
      #if canImport(Darwin)
        var thread: pthread_t?
      #else
        var thread = pthread_t()
      #endif
      let status = pthread_create(
        &thread, &attributes,
        { context in
          pthread_setspecific(DeepStack.marker, UnsafeRawPointer(bitPattern: 1))
          guard let context else { return nil }
          Unmanaged<Job>.fromOpaque(context).takeRetainedValue().work()
          return nil
        }, context)
      #if canImport(Darwin)
        if status == 0, let thread {
          threads.append(thread)
        } else {
          Unmanaged<Job>.fromOpaque(context).release()
          leftovers.append(job)
        }
      #else
        if status == 0 {
          threads.append(thread)
        } else {
          Unmanaged<Job>.fromOpaque(context).release()
          leftovers.append(job)
        }
      #endif
    }
    if threads.isEmpty { return false }
    for job in leftovers { job() }
    for thread in threads { pthread_join(thread, nil) }
    return true
  }
}
