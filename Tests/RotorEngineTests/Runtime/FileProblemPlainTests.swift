import Foundation
import RotorCore
import XCTest

/// Foundation's file errors reach the user in plain words, never as
/// "NSCocoaErrorDomain error 512".
final class FileProblemPlainTests: XCTestCase {
  func testFoundationErrorsAreSaidInPlainWords() {
    let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))
    let wrapped = NSError(
      domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
      userInfo: [NSUnderlyingErrorKey: posix])
    XCTAssertEqual(FileProblem.plain(wrapped), "no space left on device")
    XCTAssertEqual(FileProblem.plain(CocoaError(.fileWriteUnknown)), "the file system refused it")
    XCTAssertEqual(FileProblem.plain(CocoaError(.fileNoSuchFile)), "no such file or folder")
    XCTAssertEqual(FileProblem.plain(CocoaError(.fileWriteNoPermission)), "no permission")
    for error in [wrapped, CocoaError(.fileWriteUnknown) as NSError] {
      XCTAssertFalse(FileProblem.plain(error).contains("Domain"))
    }
  }
}
