import CRotorFetch
import Foundation
import RotorCore

/// Polite sequential HTTP GETs for `rotor update`: a pause between requests, retries with
/// backoff on 429 and 5xx (honouring `Retry-After`) and on transport errors.
struct HTTPClient {
  /// A response with a status in 200..<300 (other statuses are errors after the retries).
  struct Response {
    let status: Int
    let body: [UInt8]
  }

  /// Seconds between requests (`ROTOR_UPDATE_PACE`, default 0.5).
  var pace: Double
  /// The first backoff in seconds, doubled on each retry (0 when the pace is 0).
  var backoff: Double
  /// Attempts per request.
  var attempts = 4
  /// Longest wait honoured from a `Retry-After` header.
  var maximumWait = 120.0
  /// What is being fetched (e.g. `SPY`), for the waiting message.
  var label = ""
  /// Called before waiting (what, seconds, reason) so the user sees why nothing happens.
  var onWait: (String, Double, String) -> Void = { _, _, _ in }
  private var lastRequest: Double = 0

  init(environment: [String: String]) {
    pace = environment["ROTOR_UPDATE_PACE"].flatMap(Double.init).map { max(0, $0) } ?? 0.5
    backoff = pace == 0 ? 0 : 2
  }

  /// Whether libcurl can be loaded; else the reason.
  static func unavailable() -> String? {
    var error = [CChar](repeating: 0, count: 256)
    if rotor_http_available(&error, error.count) == 0 { return nil }
    return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// GETs `url`; retries transient failures; a final non-2xx status is an error.
  mutating func get(_ url: String) -> Result<Response, FetchError> {
    var failure = FetchError("no attempt")
    for attempt in 0..<attempts {
      let since = now() - lastRequest
      if since < pace { sleep(seconds: pace - since) }
      lastRequest = now()
      var response = rotor_http_response()
      var error = [CChar](repeating: 0, count: 512)
      let rc = rotor_http_get(url, 60, "rotor/\(RotorVersion.current)", &response, &error, error.count)
      defer { rotor_http_free(&response) }
      var wait = backoff * pow(2, Double(attempt))
      if rc != 0 {
        let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        failure = FetchError("network error: \(message)", transient: true)
      } else {
        let status = Int(response.status)
        let body =
          response.body.map { Array(UnsafeRawBufferPointer(start: $0, count: response.length)) } ?? []
        if (200..<300).contains(status) { return .success(Response(status: status, body: body)) }
        guard status == 429 || status >= 500 else {
          return .failure(FetchError("HTTP status \(status)\(Self.snippet(body))"))
        }
        failure = FetchError(
          "HTTP status \(status) after \(attempt + 1) attempt\(attempt == 0 ? "" : "s")", transient: true)
        if response.retry_after >= 0 { wait = min(Double(response.retry_after), maximumWait) }
      }
      if attempt + 1 < attempts {
        if wait > 0 { onWait(label, wait, failure.message) }
        sleep(seconds: wait)
      }
    }
    return .failure(failure)
  }

  /// The start of a body, for error messages.
  static func snippet(_ body: [UInt8]) -> String {
    let text = String(decoding: body.prefix(80), as: UTF8.self)
      .split(whereSeparator: \.isNewline).joined(separator: " ")
    return text.isEmpty ? "" : ": \(text)"
  }

  private func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  private func sleep(seconds: Double) {
    guard seconds > 0 else { return }
    usleep(UInt32(min(seconds, 3600) * 1e6))
  }
}

/// Why fetching one symbol failed. `transient`: a network problem worth stopping for when
/// it repeats (429/5xx/transport), rather than a problem of this symbol's data.
struct FetchError: Error {
  let message: String
  var transient = false

  init(_ message: String, transient: Bool = false) {
    self.message = message
    self.transient = transient
  }
}
