import XCTest

@testable import RotorCore

/// Values are copied at every step of evaluation: a value stays a few words, whatever kinds
/// of value exist (large ones are boxed).
final class ValueSizeTests: XCTestCase {
  func testAValueIsSmall() {
    XCTAssertLessThanOrEqual(MemoryLayout<Value>.size, 48, "a Value is \(MemoryLayout<Value>.size) bytes")
  }
}
