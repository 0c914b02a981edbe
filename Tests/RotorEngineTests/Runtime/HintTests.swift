@testable import RotorCore
@testable import RotorData
import RotorEngine
import RotorSyntax
import XCTest

/// Suggestions that can be typed as shown, and hints for habits from pandas and charting sites.
final class HintTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  /// The notes of the error `text` ends with.
  private func notes(_ text: String) throws -> [String] {
    let session = Session(dataset: try XCTUnwrap(Self.dataset))
    do {
      _ = try session.evaluate(text)
    } catch {
      return error.notes
    }
    XCTFail("\(text) did not fail")
    return []
  }

  func testSuggestionsNeedingBackticksAreShownInThem() {
    XCTAssertEqual(Suggestions.typed("SPY"), "'SPY'")
    XCTAssertEqual(Suggestions.typed("^RUT"), "`^RUT`")
    XCTAssertEqual(Suggestions.typed("BRK.B"), "`BRK.B`")
    XCTAssertEqual(Suggestions.note(for: "RUT", in: ["^RUT", "ret"]), "did you mean `^RUT` or 'ret'?")
    // The symbol that is the name plus a class comes before closer spellings.
    XCTAssertEqual(Suggestions.note(for: "BRK", in: ["BLK", "BRK.B"]), "did you mean `BRK.B` or 'BLK'?")
  }

  func testBareSymbolsGetTheirBacktickedSpelling() throws {
    XCTAssertEqual(try notes("RUT.last()").first, "did you mean `^RUT` or 'ret' or 'ABT'?")
    XCTAssertEqual(try notes("BRK.B"), ["a symbol with a dot is written in backticks: `BRK.B`"])
    XCTAssertEqual(try notes("BRK").first?.hasPrefix("did you mean `BRK.B`"), true)
    let (_, diagnostics) = Parser.parse(SourceFile(name: "<test>", text: "^RUT.last()"))
    XCTAssertEqual(diagnostics.first?.notes, ["a symbol that starts with ^ is written in backticks: `^RUT`"])
    let (_, spaced) = Parser.parse(SourceFile(name: "<test>", text: "^ RUT"))
    XCTAssertEqual(spaced.first?.notes, [])
  }

  func testPandasNamesPointToRotor() throws {
    XCTAssertTrue(try notes("SPY.pct_change()").first?.contains("ret") == true)
    XCTAssertTrue(try notes("SPY.rolling(20).mean()").first?.contains("x.sma(n)") == true)
    XCTAssertTrue(try notes("SPY.shift(1)").first?.contains("lag") == true)
    XCTAssertTrue(try notes("SPY.resample(\"W\")").first?.contains("weekly") == true)
    XCTAssertTrue(try notes("x = pct_change").first?.contains("ret") == true)
  }

  func testWhereWithAValueBeforeTheDotSaysTheReceiverIsTheCondition() throws {
    XCTAssertTrue(try notes("SPY.where(SPY > 500)").first?.contains("where(cond, x, nan)") == true)
    // A condition before the dot is fine.
    let session = Session(dataset: try XCTUnwrap(Self.dataset))
    guard case .series(let s) = try session.evaluate("(SPY > 500).where(1, 0)") else {
      return XCTFail("not a series")
    }
    XCTAssertFalse(s.values.isEmpty)
  }
}
