import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// plot and its renderers: tick selection, braille rasterisation, the sparkline, the
/// scale decision, SVG structure (well-formed XML, one path per line, labelled axes), and
/// a chart's JSON, CSV and Markdown.
final class ChartTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func evaluate(_ text: String) throws -> Value {
    try Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load")).evaluate(text)
  }

  private func chart(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Chart {
    guard case .chart(let c) = try evaluate(text) else {
      XCTFail("\(text) is not a chart", file: file, line: line)
      return Chart(title: "", content: .lines([], .shared))
    }
    return c
  }

  private func day(_ iso: String) -> Int32 { CivilDate.parseISO(Array(iso.utf8)) ?? 0 }

  // MARK: Ticks

  func testValueTicksAreNiceAndWithinTheRange() {
    let a = Ticks.values(0.2719, 0.3303, maxCount: 5)
    XCTAssertEqual(a.step, 0.02, accuracy: 1e-12)
    XCTAssertEqual(a.ticks.count, 3)
    for (t, expected) in zip(a.ticks, [0.28, 0.30, 0.32]) { XCTAssertEqual(t, expected, accuracy: 1e-12) }
    XCTAssertEqual(Ticks.values(-21.7, 1.2, maxCount: 5).ticks, [-20, -15, -10, -5, 0])
    XCTAssertEqual(Ticks.values(0, 100, maxCount: 6).ticks, [0, 20, 40, 60, 80, 100])
    XCTAssertEqual(Ticks.values(4, 4, maxCount: 5).ticks, [4], "an empty range gives its one value")
    for (lo, hi, n) in [(0.001, 0.0017, 4), (123_456.0, 987_654.0, 7), (-3.3, 2.2, 3)] {
      let (ticks, _) = Ticks.values(lo, hi, maxCount: n)
      XCTAssertLessThanOrEqual(ticks.count, n)
      XCTAssertGreaterThanOrEqual(ticks.count, 2)
      XCTAssertTrue(ticks.allSatisfy { $0 >= lo && $0 <= hi })
    }
  }

  func testLogTicksAreOneTwoFiveThenSparser() {
    XCTAssertEqual(Ticks.logValues(3, 80, maxCount: 10), [5, 10, 20, 50])
    XCTAssertEqual(Ticks.logValues(4.4, 6900, maxCount: 6), [10, 30, 100, 300, 1000, 3000])
    XCTAssertEqual(Ticks.logValues(4.4, 6900, maxCount: 4), [10, 100, 1000])
    XCTAssertEqual(Ticks.logValues(1, 1e9, maxCount: 4), [1, 1e5], "every fifth power of ten")
  }

  func testValueTickLabels() {
    XCTAssertEqual(Ticks.label(0.3, step: 0.02), "0.30")
    XCTAssertEqual(Ticks.label(-5, step: 5, percent: true, signed: true), "-5%")
    XCTAssertEqual(Ticks.label(5, step: 5, percent: true, signed: true), "+5%")
    XCTAssertEqual(Ticks.label(0, step: 5, percent: true, signed: true), "0%")
    XCTAssertEqual(Ticks.label(-0.0001, step: 0.5), "0.0", "no negative zero")
    XCTAssertEqual(Ticks.label(2_500_000, step: 500_000), "2.5M")
    XCTAssertEqual(Ticks.label(-13.3456, step: 0.01, percent: true, signed: true), "-13.35%")
  }

  func testDateTicksFollowTheSpan() {
    let quarters = Ticks.dates(from: day("2024-01-02"), to: day("2026-07-01"), step: .quarter).map(\.label)
    XCTAssertEqual(quarters, ["Apr 2024", "Jul", "Oct", "2025", "Apr", "Jul", "Oct", "2026", "Apr", "Jul"])
    let atMostSix = Ticks.dates(from: day("2024-01-02"), to: day("2026-07-01")) { $0.count <= 6 }
    XCTAssertEqual(atMostSix.map(\.label), ["Jul 2024", "2025", "Jul", "2026", "Jul"])
    let july = Ticks.dates(from: day("2024-07-01"), to: day("2024-07-31")) { $0.count <= 6 }
    XCTAssertEqual(july.map(\.label), ["Jul 1 2024", "Jul 8", "Jul 15", "Jul 22", "Jul 29"])
    let decades = Ticks.dates(from: day("1927-12-30"), to: day("2026-07-01")) { $0.count <= 10 }
    XCTAssertEqual(
      decades.map(\.label), ["1930", "1940", "1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"])
    XCTAssertEqual(Ticks.dates(from: day("2024-07-06"), to: day("2024-07-06")) { _ in true }, [])
  }

  // MARK: Braille

  func testBrailleDotsMapToUnicodeCells() {
    var canvas = BrailleCanvas(columns: 2, rows: 1)
    canvas.set(0, 0)
    XCTAssertEqual(canvas.line(row: 0), "⠁ ")
    canvas.set(1, 3)
    canvas.set(2, 1)
    XCTAssertEqual(canvas.line(row: 0), "⢁⠂")
    var full = BrailleCanvas(columns: 1, rows: 1)
    for x in 0..<2 { for y in 0..<4 { full.set(x, y) } }
    XCTAssertEqual(full.line(row: 0), "⣿")
    full.set(7, 7)
    XCTAssertFalse(full.isSet(7, 7), "dots outside the canvas are ignored")
  }

  func testBrailleLinesAreConnected() {
    var canvas = BrailleCanvas(columns: 4, rows: 2)
    canvas.line(0, 7, 7, 0)
    for x in 0..<8 { XCTAssertTrue(canvas.isSet(x, 7 - x), "diagonal dot \(x)") }
    var flat = BrailleCanvas(columns: 2, rows: 1)
    flat.line(0, 0, 3, 0)
    XCTAssertEqual(flat.line(row: 0), "⠉⠉")
    var colored = BrailleCanvas(columns: 2, rows: 1)
    colored.set(0, 0, color: 1)
    XCTAssertEqual(colored.line(row: 0, palette: ["<0>", "<1>"]), "<1>⠁\u{1B}[0m ")
  }

  // MARK: Sparkline and percentages

  func testSparklineScalesBetweenLowAndHigh() {
    XCTAssertEqual(TextRenderer.sparkline([1, 2, 3, 4, 5, 6, 7, 8]), "▁▂▃▄▅▆▇█")
    XCTAssertEqual(TextRenderer.sparkline([1, .nan, 3]), "▁ █")
    XCTAssertEqual(TextRenderer.sparkline([2, 2]), "▄▄")
    XCTAssertNil(TextRenderer.sparkline([1, .nan]))
  }

  func testSeriesShowItsSparklineAndPercentagesReadAsPercentages() throws {
    let text = TextRenderer.render(try evaluate("pct_above(sectors, 50).last(30)"))
    let lines = text.split(separator: "\n")
    XCTAssertTrue(lines[0].hasPrefix("pct_above([XLK,XLF,XLE,…],50) · 30 rows · "), text)
    XCTAssertEqual(lines[0].suffix(24).allSatisfy { "▁▂▃▄▅▆▇█ ".contains($0) }, true, text)
    XCTAssertTrue(lines.dropFirst(2).allSatisfy { $0.hasSuffix("%") }, text)
    XCTAssertFalse(
      TextRenderer.render(try evaluate("(SPY > 0).last(3)")).contains("▁"), "no sparkline for bools")
  }

  // MARK: plot

  func testScaleIsRebasedForLinesOfVeryDifferentLevels() throws {
    let rotation = try chart("plot(ratio(RSP, SPY).since(2024-01-01), ratio(IWM, QQQ).since(2024-01-01))")
    guard case .lines(let lines, let scale) = rotation.content else { return XCTFail("not lines") }
    XCTAssertEqual(lines.count, 2)
    XCTAssertEqual(scale, .rebased)
    XCTAssertEqual(rotation.rebaseDay, day("2024-01-02"))
    XCTAssertEqual(rotation.plottedSeries.map { $0.values.first(where: \.isFinite) }, [0, 0])
    let shared = try chart("plot(SPY.last(1y), SPY.sma(50).last(1y))")
    guard case .lines(_, let sharedScale) = shared.content else { return XCTFail("not lines") }
    XCTAssertEqual(sharedScale, .shared)
    XCTAssertEqual(
      Chart.automaticScale([
        Series(index: DateIndex([1, 2]), values: [-1, 1], name: "a"),
        Series(index: DateIndex([1, 2]), values: [100, 200], name: "b"),
      ]), .shared, "values at or below zero are never rebased")
    let apart = try chart("plot(SPY.between(2020-01-01, 2020-02-01), QQQ.between(2024-01-01, 2024-02-01))")
    XCTAssertNil(apart.rebaseDay, "lines that share no date are each rebased to their own start")
    XCTAssertEqual(apart.plottedSeries.map { $0.values.first }, [0, 0])
    guard case .lines(let columns, _) = try chart("plot(macd(SPY).last(3mo), title=\"m\")").content else {
      return XCTFail("not lines")
    }
    XCTAssertEqual(columns.map(\.name), ["macd", "signal", "hist"])
  }

  func testADerivedLineIsRebasedOnItsSource() throws {
    let c = try chart(
      "x = ratio(XLF, SPY).last(1y)\nplot(x, x.sma(50), ratio(XLK, SPY).last(1y))")
    guard case .lines(let lines, let scale) = c.content else { return XCTFail("not lines") }
    XCTAssertEqual(scale, .rebased, "XLK/SPY is at another level")
    XCTAssertEqual(c.bases, [0, 0, 2], "the average joins its source; XLK/SPY is its own")
    let plotted = c.plottedSeries
    let (x, avg) = (lines[0], lines[1])
    var checked = 0
    for (i, day) in avg.index.days.enumerated() where avg.values[i].isFinite {
      guard let j = x.index.positionAsOf(day), x.index.days[j] == day else { continue }
      XCTAssertEqual(
        plotted[0].values[j] > plotted[1].values[i], x.values[j] > avg.values[i], "on \(CivilDate.iso(day))")
      checked += 1
    }
    XCTAssertGreaterThan(checked, 150)
    let alone = try chart("x = ratio(XLF, SPY).last(1y)\nplot(x, x.sma(50))")
    guard case .lines(_, let aloneScale) = alone.content else { return XCTFail("not lines") }
    XCTAssertEqual(aloneScale, .shared, "a series and its own average share one axis")
    let named = try chart(
      "x = ratio(XLF, SPY).last(1y)\nplot(price=x, avg=x.sma(50), other=ratio(XLK, SPY).last(1y))")
    XCTAssertEqual(named.bases, [0, 0, 2], "named lines keep their family")
    XCTAssertEqual(
      Chart.families([
        Series(index: DateIndex([1]), values: [600], name: "SPY"),
        Series(index: DateIndex([1]), values: [0.3], name: "ratio(RSP,SPY)"),
      ]), [0, 1], "a ratio is not on its denominator's base")
  }

  func testPanelsStackLinesOfDifferentUnits() throws {
    let c = try chart(
      "u = universe()\nplot(ad_line(u).last(2y), mcclellan(u).last(2y), new_highs(u).last(2y))")
    XCTAssertEqual(c.panels, [[0], [1], [2]], "chosen automatically: units differ wildly")
    let text = TerminalChart.render(c, options: RenderOptions(width: 100, color: false))
    XCTAssertEqual(text.components(separatedBy: "━━━ ").count - 1, 3, text)
    XCTAssertEqual(text.components(separatedBy: "└").count - 1, 1, "one date axis, under the last panel")
    let widths = text.split(separator: "\n").filter { $0.contains("┤") }.map {
      $0.firstIndex(of: "┤")?.utf16Offset(in: $0)
    }
    XCTAssertEqual(Set(widths).count, 1, "the panels' value axes line up: \(widths)")
    let svg = SVGChart.render(c)
    XCTAssertEqual(svg.components(separatedBy: "class=\"panel\"").count - 1, 3)
    XCTAssertEqual(svg.components(separatedBy: "class=\"series\"").count - 1, 3)
    XCTAssertNoThrow(try XMLDocument(data: Data(svg.utf8)))
    XCTAssertEqual(
      try chart("u = universe()\nplot(ad_line(u).last(2y), mcclellan(u).last(2y), panels=false)").panels, [])
    XCTAssertEqual(
      try chart("plot(SPY.last(1y), SPY.sma(50).last(1y), QQQ.last(1y), panels=true)").panels,
      [[0], [1], [2]])
    XCTAssertEqual(
      try chart("plot(SPY.last(1y), SPY.sma(50).last(1y), QQQ.last(1y), panels=[1, 1, 2])").panels,
      [[0, 1], [2]])
    XCTAssertEqual(
      try chart("x = ratio(XLF, SPY).last(1y)\nplot(x, x.sma(50), ratio(XLK, SPY).last(1y))").panels, [],
      "positive lines of different levels are rebased, not stacked")
    let apart = try chart("plot(macd(SPY).last(1y), SPY.last(1y))")
    XCTAssertEqual(apart.panels.count, 2, "a price beside an oscillator: \(apart.panels)")
  }

  func testLogAxesAreAlwaysLabelled() throws {
    for text in [
      "plot(SPY.last(1y), scale=\"log\")", "plot(SPY.last(1mo), scale=\"log\")",
      "plot(`^GSPC`, scale=\"log\")",
    ] {
      let c = try chart(text)
      let ticks = LinePlot(c).ticks(maxCount: 6)
      XCTAssertGreaterThanOrEqual(ticks.count, 2, text)
      let terminal = TerminalChart.render(c, options: RenderOptions(width: 100, color: false))
      XCTAssertGreaterThanOrEqual(terminal.components(separatedBy: "┤").count - 1, 2, "\(text)\n\(terminal)")
      let svg = SVGChart.render(c)
      let yAxis = try XCTUnwrap(
        svg.components(separatedBy: "class=\"y-axis\"").last?.components(separatedBy: "</g>").first)
      XCTAssertGreaterThanOrEqual(yAxis.components(separatedBy: "<text").count - 1, 2, text)
    }
  }

  func testNamedArgumentsNameLines() throws {
    guard case .lines(let rs, _) = try chart("plot(rs=ratio(RSP, SPY))").content else { return XCTFail() }
    XCTAssertEqual(rs.map(\.name), ["rs"])
    guard case .lines(let xy, _) = try chart("plot(x=SPY.last(1y), y=QQQ.last(1y), title=\"t\")").content
    else {
      return XCTFail()
    }
    XCTAssertEqual(xy.map(\.name), ["x", "y"])
    XCTAssertTrue(
      TerminalChart.render(try chart("plot(rs=ratio(RSP, SPY))"), options: .plain).contains("━━━ rs "))
  }

  func testRotationGraphHasTailsFromTheRrgHistory() throws {
    guard case .rotation(let r) = try chart("plot(rrg(sectors, SPY), tail=5)").content else {
      return XCTFail("not a rotation graph")
    }
    XCTAssertEqual(r.members.count, 11)
    XCTAssertEqual(r.benchmark, "SPY")
    XCTAssertTrue(r.members.allSatisfy { $0.trail.count == 5 }, "\(r.members.map(\.trail.count))")
    let table = try evaluate("rrg(sectors, SPY)")
    guard case .table(let t) = table, let ratios = t.column(named: "rs_ratio")?.numbers else {
      return XCTFail()
    }
    XCTAssertEqual(
      r.members.map { $0.trail.last?.ratio }, ratios.map { Optional($0) }, "tails end at the table")
    guard case .rotation(let bare) = try chart("plot(rrg(sectors, SPY, at=2024-07-13))").content else {
      return XCTFail("not a rotation graph")
    }
    XCTAssertTrue(bare.members.allSatisfy { $0.trail.count == 1 && $0.trail[0].day == day("2024-07-12") })
  }

  func testPlotErrors() throws {
    func message(_ text: String) throws -> String {
      do {
        _ = try evaluate(text)
        return ""
      } catch let error as Diagnostic {
        return error.message
      }
    }
    XCTAssertEqual(
      try message("plot(1)"),
      "plot: argument 1 is a number; plot draws series, lists of series and tables with dates")
    XCTAssertTrue(try message("plot(perf(sectors))").hasPrefix("plot: a table of labels plots only as"))
    XCTAssertTrue(
      try message("plot(SPY, tail=3)").hasPrefix("plot: argument 'tail' is for a relative rotation graph"))
    XCTAssertEqual(
      try message("plot(SPY, scale=\"cube\")"),
      "plot: argument 'scale' must be \"auto\", \"shared\", \"rebased\" or \"log\"")
    XCTAssertTrue(try message("plot(macd(SPY), scale=\"rebased\")").contains("needs positive values"))
    XCTAssertEqual(
      try message("plot(SPY.since(2030-01-01))"), "plot: nothing to draw: every value is missing")
    XCTAssertTrue(try message("plot()").hasPrefix("plot: nothing to draw: give a series"))
    XCTAssertTrue(try message("plot(SPY, panels=[1, 2])").contains("one panel number"))
    do {
      _ = try evaluate("plot(SPY, titel=\"a\")")
      XCTFail("a misspelt option is not a line")
    } catch let error as Diagnostic {
      XCTAssertTrue(error.notes.contains { $0.contains("title") }, "\(error)")
    }
  }

  // MARK: Terminal text

  func testTerminalChartFitsItsWidthAndColoursOnlyWhenAsked() throws {
    let value = try evaluate(
      "plot(ratio(RSP, SPY).since(2024-01-01), ratio(IWM, QQQ).since(2024-01-01), title=\"t\")")
    for width in [40, 80, 100, 160] {
      let text = TextRenderer.render(value, options: RenderOptions(width: width, color: false))
      XCTAssertFalse(text.contains("\u{1B}"))
      for line in text.split(separator: "\n") {
        XCTAssertLessThanOrEqual(line.count, width, "\(width): \(line)")
      }
      XCTAssertTrue(text.contains("% change since 2024-01-02"))
    }
    let colored = TextRenderer.render(value, options: RenderOptions(width: 100, color: true))
    XCTAssertTrue(colored.contains("\u{1B}[36m") && colored.contains("\u{1B}[33m"), "one colour per line")
  }

  func testRenderOptionsReadColumnsAndNoColor() {
    XCTAssertEqual(RenderOptions.terminalWidth(environment: ["COLUMNS": "132"]), 132)
    XCTAssertEqual(
      RenderOptions.terminalWidth(environment: ["COLUMNS": "x"]),
      RenderOptions.terminalWidth(environment: [:]))
    XCTAssertFalse(RenderOptions.standardOutput(environment: ["NO_COLOR": "1", "TERM": "xterm"]).color)
  }

  // MARK: SVG

  /// The SVG of an expression, parsed.
  private func svg(_ text: String) throws -> XMLDocument {
    guard case .chart(let c) = try evaluate(text) else { throw XCTSkip("not a chart") }
    return try XMLDocument(xmlString: SVGChart.render(c), options: [])
  }

  private func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] {
    try document.nodes(forXPath: xpath)
  }

  /// An attribute of an element node.
  private func attribute(_ node: XMLNode, _ name: String) -> String? {
    (node as? XMLElement)?.attributes?.first { $0.name == name }?.stringValue
  }

  func testLineChartSVGIsWellFormedWithOnePathPerLineAndLabelledAxes() throws {
    let doc = try svg(
      "plot(ratio(RSP, SPY).since(2024-01-01), ratio(IWM, QQQ).since(2024-01-01), title=\"rotation\")")
    XCTAssertEqual(doc.rootElement()?.name, "svg")
    let paths = try nodes(doc, "//*[local-name()='path'][@class='series']")
    XCTAssertEqual(paths.count, 2)
    XCTAssertEqual(
      paths.compactMap { attribute($0, "data-name") },
      ["ratio(RSP,SPY)", "ratio(IWM,QQQ)"])
    XCTAssertEqual(Set(paths.compactMap { attribute($0, "stroke") }).count, 2)
    let title = try nodes(doc, "//*[local-name()='text'][@class='title']")
    XCTAssertEqual(title.first?.stringValue, "rotation")
    let dates = try nodes(doc, "//*[local-name()='g'][@class='x-axis']/*[local-name()='text']").compactMap(
      \.stringValue)
    XCTAssertGreaterThanOrEqual(dates.count, 4)
    XCTAssertTrue(dates.contains("2025"), "\(dates)")
    let values = try nodes(doc, "//*[local-name()='g'][@class='y-axis']/*[local-name()='text']").compactMap(
      \.stringValue)
    XCTAssertTrue(values.contains("-10%"), "\(values)")
    XCTAssertTrue(values.contains("% change since 2024-01-02"), "the rebased axis says so")
    let legend = try nodes(doc, "//*[local-name()='g'][@class='legend']/*[local-name()='text']").compactMap(
      \.stringValue)
    XCTAssertEqual(legend.count, 2)
  }

  func testLongHistoriesAreThinnedButKeepTheirExtremes() throws {
    let doc = try svg("plot(`^GSPC`)")
    let path = try XCTUnwrap(try nodes(doc, "//*[local-name()='path'][@class='series']").first)
    let d = try XCTUnwrap(attribute(path, "d"))
    let points = d.split(separator: " ").count / 2
    XCTAssertLessThan(points, 4 * 900, "at most four points per pixel column")
    XCTAssertGreaterThan(points, 400)
  }

  func testRotationGraphSVGHasQuadrantsMembersAndTails() throws {
    let doc = try svg("plot(rrg(sectors, SPY), tail=5)")
    let quadrants = try nodes(doc, "//*[local-name()='text'][@class='quadrant']").compactMap(\.stringValue)
    XCTAssertEqual(quadrants, ["Leading", "Weakening", "Lagging", "Improving"])
    XCTAssertEqual(try nodes(doc, "//*[local-name()='circle'][@class='point']").count, 11)
    XCTAssertEqual(try nodes(doc, "//*[local-name()='path'][@class='tail']").count, 11)
    let labels = try nodes(doc, "//*[local-name()='text'][@class='label']").compactMap(\.stringValue)
    XCTAssertEqual(
      Set(labels), ["XLK", "XLF", "XLE", "XLI", "XLV", "XLP", "XLY", "XLB", "XLU", "XLRE", "XLC"])
    let axes = try nodes(doc, "//*[local-name()='text'][@class='axis-title']").compactMap(\.stringValue)
    XCTAssertEqual(axes.count, 2)
  }

  // MARK: JSON, CSV, Markdown

  func testChartJSONAndCSVCarryItsData() throws {
    let value = try evaluate("plot(SPY.last(3), RSP.last(3), title=\"two\", scale=\"rebased\")")
    let object = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(value).utf8)) as? [String: Any])
    XCTAssertEqual(object["type"] as? String, "chart")
    XCTAssertEqual(object["kind"] as? String, "lines")
    XCTAssertEqual(object["scale"] as? String, "rebased")
    XCTAssertEqual(object["title"] as? String, "two")
    let series = try XCTUnwrap(object["series"] as? [[String: Any]])
    XCTAssertEqual(series.map { $0["name"] as? String }, ["SPY", "RSP"])
    XCTAssertEqual((series.first?["values"] as? [Any])?.count, 3)
    XCTAssertEqual(CSVRenderer.render(value).split(separator: "\n").first, "date,SPY,RSP")

    let rrg = try evaluate("plot(rrg([XLK, XLE], SPY), tail=3)")
    let rrgObject = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(rrg).utf8)) as? [String: Any])
    XCTAssertEqual(rrgObject["kind"] as? String, "rrg")
    XCTAssertEqual(rrgObject["tail"] as? Int, 3)
    let members = try XCTUnwrap(rrgObject["members"] as? [[String: Any]])
    XCTAssertEqual((members.first?["rs_ratio"] as? [Any])?.count, 3)
    let csv = CSVRenderer.render(rrg).split(separator: "\n")
    XCTAssertEqual(csv.first, "symbol,date,rs_ratio,rs_momentum,quadrant")
    XCTAssertEqual(csv.count, 1 + 6)
  }

  func testMarkdownTablesAlignNumbersAndShowPercentages() throws {
    let md = try XCTUnwrap(MarkdownRenderer.render(try evaluate("perf(sectors)")))
    let lines = md.split(separator: "\n")
    XCTAssertEqual(lines[0], "| symbol | 1w | 1mo | 3mo | ytd | 1y |")
    XCTAssertEqual(lines[1], "|:--|--:|--:|--:|--:|--:|")
    XCTAssertEqual(lines.count, 2 + 11)
    XCTAssertTrue(lines[2].hasSuffix("% |"), String(lines[2]))
    let series = try XCTUnwrap(MarkdownRenderer.render(try evaluate("SPY.between(2024-07-09, 2024-07-12)")))
    XCTAssertEqual(series.split(separator: "\n").count, 2 + 4)
    XCTAssertEqual(MarkdownRenderer.escape("a|b*c"), "a\\|b\\*c")
    let display = MarkdownRenderer.table(
      Table.timeTable([try XCTUnwrap(try evaluate("SPY.last(30)").asSeries)]), rows: .display)
    XCTAssertTrue(display.contains("\n\n*Last 10 of 30 rows, "), display)
    XCTAssertEqual(display.split(separator: "\n").count, 2 + 10 + 1)
  }
}
