import Foundation

#if os(Linux)
  /// glibc's `pthread_getattr_np`: the attributes of a running thread, its stack included.
  @_silgen_name("pthread_getattr_np")
  private func threadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>)
    -> Int32
#endif

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
  /// the caller is already on such a thread (or no thread can be made). Threads are kept
  /// between calls.
  package static func run<T>(_ body: () -> T) -> T {
    if isDeep { return body() }
    return withoutActuallyEscaping(body) { body -> T in
      nonisolated(unsafe) let work = body
      nonisolated(unsafe) var result: T?
      // `spawn` returns when the job has run to the end.
      spawn([{ result = work() }])
      return result ?? body()
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
      spawn(jobs, onLanes: true)
    }
  }

  /// Whether the current thread is one of ours.
  package static var isDeep: Bool { pthread_getspecific(marker) != nil }

  private static let marker: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  /// One piece of work and the batch it belongs to.
  private final class Job: @unchecked Sendable {
    private var work: (() -> Void)?
    let batch: Batch
    init(_ work: @escaping () -> Void, _ batch: Batch) {
      self.work = work
      self.batch = batch
    }

    /// Runs the work, lets go of it (the caller's closure must not outlive its call), runs
    /// `cleanUp`, then counts it done.
    func run(then cleanUp: () -> Void = {}) {
      runAndDrop()
      cleanUp()
      batch.finished()
    }

    private func runAndDrop() {
      let work = self.work
      self.work = nil
      work?()
    }
  }

  /// The jobs of one ``spawn(_:)`` call: done when every one has run.
  private final class Batch: @unchecked Sendable {
    private let condition = NSCondition()
    private var left: Int
    init(_ count: Int) { left = count }

    func finished() {
      condition.lock()
      left -= 1
      if left == 0 { condition.broadcast() }
      condition.unlock()
    }

    func wait() {
      condition.lock()
      while left > 0 { condition.wait() }
      condition.unlock()
    }
  }

  /// Deep threads kept for the next statement or `map`: starting one (reserving its stack)
  /// and ending it (unmapping the stack, which interrupts every core to flush its address
  /// translations) cost more than a short statement.
  private final class Pool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Job] = []
    /// Threads waiting for a job.
    private var idle = 0
    /// Threads that finished a job and are about to wait for the next (counted as idle by
    /// ``submit(_:)``, so that a statement after a statement reuses the same thread).
    private var finishing = 0
    /// Threads beyond this many idle ones end after their job.
    private let keptIdle: Int

    init(keptIdle: Int) { self.keptIdle = keptIdle }
    /// Threads started so far (for tests).
    private(set) var started = 0

    /// Queues `jobs` for kept threads, starting threads for those no kept one will take;
    /// false when a thread could not be started (the caller then runs what is left itself).
    func submit(_ jobs: [Job]) -> Bool {
      condition.lock()
      queue += jobs
      let starting = Swift.max(0, queue.count - idle - finishing)
      condition.broadcast()
      condition.unlock()
      for _ in 0..<starting where !startThread() { return false }
      return true
    }

    /// Takes a queued job, if any (for a caller that could not start threads).
    func take() -> Job? {
      condition.lock()
      defer { condition.unlock() }
      return queue.isEmpty ? nil : queue.removeFirst()
    }

    /// A worker: runs queued jobs; waits for more while few enough others wait.
    private func work() {
      let stack = StackPages()
      var fromJob = false
      while true {
        condition.lock()
        if fromJob { finishing -= 1 }
        while queue.isEmpty {
          guard idle < keptIdle else {
            condition.unlock()
            return
          }
          idle += 1
          condition.wait()
          idle -= 1
        }
        let job = queue.removeFirst()
        condition.unlock()
        job.run {
          stack.releaseDeepPages()
          condition.lock()
          finishing += 1
          condition.unlock()
        }
        fromJob = true
      }
    }

    private final class Start: @unchecked Sendable {
      let pool: Pool
      init(_ pool: Pool) { self.pool = pool }
    }

    private func startThread() -> Bool {
      var attributes = pthread_attr_t()
      pthread_attr_init(&attributes)
      defer { pthread_attr_destroy(&attributes) }
      pthread_attr_setstacksize(&attributes, DeepStack.size)
      pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
      _ = DeepStack.marker
      let context = Unmanaged.passRetained(Start(self)).toOpaque()
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
          Unmanaged<Start>.fromOpaque(context).takeRetainedValue().pool.work()
          return nil
        }, context)
      guard status == 0 else {
        Unmanaged<Start>.fromOpaque(context).release()
        return false
      }
      condition.lock()
      started += 1
      condition.unlock()
      return true
    }

    /// ``started``, read under the lock.
    var startedCount: Int {
      condition.lock()
      defer { condition.unlock() }
      return started
    }
  }

  /// Threads for statements.
  private static let pool = Pool(keptIdle: 2 * Parallel.cores + 2)
  /// A thread per lane of ``forEach(_:threads:)``: lane k of every `map` runs on the same
  /// thread, so what it allocates comes from the same heap each time (glibc gives each
  /// thread its own), and the memory the last `map` freed there is reused.
  private static let lanes = (0..<Parallel.cores).map { _ in Pool(keptIdle: 1) }

  /// How many deep threads were started so far (kept ones are reused).
  package static var threadsStarted: Int { ([pool] + lanes).reduce(0) { $0 + $1.startedCount } }

  /// Runs every job on a deep thread (kept ones first; job k on lane k's thread when
  /// `onLanes` and there are that many lanes) and waits for all. When threads cannot be
  /// started, the jobs no thread took run here, on the caller's stack.
  private static func spawn(_ jobs: [() -> Void], onLanes: Bool = false) {
    let batch = Batch(jobs.count)
    let pools = onLanes && jobs.count <= lanes.count ? Array(lanes.prefix(jobs.count)) : [pool]
    var allStarted = true
    if pools.count == 1 {
      allStarted = pools[0].submit(jobs.map { Job($0, batch) })
    } else {
      for (k, lane) in pools.enumerated() where !lane.submit([Job(jobs[k], batch)]) { allStarted = false }
    }
    if !allStarted {
      for pool in pools {
        while let job = pool.take() { job.run() }
      }
    }
    batch.wait()
  }
}

/// The stack of the current (kept) thread: after a job that went deep, the pages it touched
/// far below the worker's own frame go back to the system, so that one deep expression does
/// not leave a kept thread holding hundreds of megabytes.
private struct StackPages {
  /// The lowest address of the stack, or 0 when unknown.
  private let low: UInt
  private let page = UInt(max(4096, sysconf(Int32(_SC_PAGESIZE))))
  /// How deep a job may go and leave its pages in place: 8 MB, a main thread's stack.
  private let kept: UInt = 8 << 20

  init() {
    #if os(Linux)
      var attributes = pthread_attr_t()
      var address: UnsafeMutableRawPointer?
      var size = 0
      if threadAttributes(pthread_self(), &attributes) == 0 {
        pthread_attr_getstack(&attributes, &address, &size)
        pthread_attr_destroy(&attributes)
      }
      low = UInt(bitPattern: address)
    #else
      low = 0
    #endif
  }

  /// Gives back the pages more than ``kept`` below this frame, when the page there is in
  /// memory (one `mincore` call otherwise).
  func releaseDeepPages() {
    #if os(Linux)
      var here = 0
      let frame = withUnsafeMutablePointer(to: &here) { UInt(bitPattern: $0) }
      guard low > 0, frame > low + kept + page else { return }
      let probe = (frame - kept) & ~(page - 1)
      var resident: UInt8 = 0
      guard let start = UnsafeMutableRawPointer(bitPattern: probe),
        mincore(start, Int(page), &resident) == 0, resident & 1 == 1,
        let bottom = UnsafeMutableRawPointer(bitPattern: low)
      else { return }
      madvise(bottom, Int(probe + page - low), MADV_DONTNEED)
    #endif
  }
}
