import Foundation

/// Writing to the terminal without ever crashing: a closed or full standard error is
/// ignored (there is nowhere left to report it); standard output that could not be written
/// (a full disk, a closed descriptor) is remembered, and ``finish(_:)`` then reports it with
/// exit status 2.
enum Console {
  /// The error of the first write to standard output that failed, if any.
  nonisolated(unsafe) private static var outputError: Int32?

  /// Writes `text` to standard output, whole.
  static func out(_ text: String) {
    if outputError == nil, let failure = write(text, to: STDOUT_FILENO) { outputError = failure }
  }

  /// Writes `text` to standard error; a closed or full stream is ignored.
  static func error(_ text: String) {
    _ = write(text, to: STDERR_FILENO)
  }

  /// Exits with `status`, or with 2 when some output could not be written, saying why.
  static func finish(_ status: Int32) -> Never {
    fflush(nil)
    if let failure = outputError {
      error("rotor: error: cannot write the output: \(String(cString: strerror(failure)))\n")
      exit(2)
    }
    exit(status)
  }

  /// Writes all of `text` to `descriptor`; returns the error number when it cannot.
  private static func write(_ text: String, to descriptor: Int32) -> Int32? {
    var bytes = Array(text.utf8)
    if bytes.isEmpty { return nil }
    return bytes.withUnsafeMutableBytes { buffer -> Int32? in
      guard let base = buffer.baseAddress else { return nil }
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
  }
}
