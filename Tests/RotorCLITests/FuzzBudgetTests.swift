import Foundation
import XCTest

/// rotor-fuzz stops a program's output at its time budget, as it stops its evaluation: a
/// shown value of 2^11 references to a long series as JSON (about 40 s to print in a debug
/// build) was a time bomb that ended fuzzing runs early.
final class FuzzBudgetTests: XCTestCase {
  func testOutputStopsAtTheBudget() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-fuzz-budget-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Statements as the generator separates them; the program's length picks the format
    // (length % 3 == 2: JSON).
    var program = (["b = [AAPL.close, AAPL.close]\n"] + Array(repeating: "b = [b, b]\n", count: 10) + ["b\n"])
      .joined(separator: "# ---\n")
    while program.utf8.count % 3 != 2 { program = "#\n" + program }
    let file = folder.appendingPathComponent("bomb.rotor")
    try program.write(to: file, atomically: true, encoding: .utf8)

    let started = Date()
    let run = try GrammarFuzzTests.fuzz(["--out", folder.path, "--replay", file.path], timeout: 120)
    let output = run.output
    XCTAssertEqual(run.status, 0, output)
    XCTAssertTrue(output.contains("replayed 1 programs"), output)
    // The replay budget is 5 s.
    XCTAssertLessThan(Date().timeIntervalSince(started), 20, output)
  }
}
