import Foundation

/// Writing to the terminal without ever crashing: a closed or full standard error is
/// ignored (there is nowhere left to report it); standard output that could not be written
/// (a full disk, a closed descriptor) is remembered, and ``finish(_:)`` then reports it with
/// exit status 2.
enum Console {
  /// The error of the first write to standard output that failed, if any.
  nonisolated(unsafe) private static var outputError: Int32?

  /// True once a write to standard output failed: output still to come is not rendered.
  static var outputFailed: Bool { outputError != nil }

  /// Writes `text` to standard output, whole.
  static func out(_ text: String) {
    if outputError == nil, let failure = write(text, to: STDOUT_FILENO) { outputError = failure }
  }

  /// Writes `text` to standard error; a closed or full stream is ignored.
  static func error(_ text: String) {
    _ = write(text, to: STDERR_FILENO)
  }

  /// All of standard input as bytes; a closed descriptor, a folder or a device in its place
  /// (`rotor <&-`, `rotor < /tmp`, `rotor < /dev/zero`) is an error, never a trap or an
  /// endless read (at most ``inputLimit`` bytes).
  static func readStandardInput() -> Result<[UInt8], ConsoleError> {
    var info = stat()
    guard fstat(STDIN_FILENO, &info) == 0 else {
      return .failure(ConsoleError("standard input is closed"))
    }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .failure(ConsoleError("standard input is a folder, not a script"))
    case S_IFCHR where isatty(STDIN_FILENO) == 0, S_IFBLK:
      return .failure(ConsoleError("standard input is a device, not a script"))
    default: break
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { Foundation.read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 {
        return .failure(ConsoleError("cannot read standard input: \(String(cString: strerror(errno)))"))
      }
      if n == 0 { break }
      bytes += buffer[0..<n]
      if bytes.count > inputLimit {
        return .failure(ConsoleError("standard input is longer than \(inputLimit >> 20) MiB; not a script"))
      }
    }
    return .success(bytes)
  }

  /// The most bytes read from standard input as a script.
  static let inputLimit = 256 << 20

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

/// Why standard input could not be read.
struct ConsoleError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}
