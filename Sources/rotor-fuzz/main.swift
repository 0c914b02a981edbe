import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput
import RotorSyntax

/// rotor-fuzz: runs random Rotor programs from the grammar through the whole interpreter
/// (parse, bind, evaluate on the bundled data, render) for a time budget, and checks that
/// each ends cleanly: no crash, and every error located in the program. Before each program
/// runs, its text is written to OUT/current.rotor, so that a crash leaves its reproducer
/// there (the test that launches this tool reports it). Exit status: 0 clean, 3 an error
/// that was not located (the program is printed), 2 usage. Evaluation and output stop at
/// the program's budget, at their interruption points. A program still running after
/// ``Watchdog/slowLimit`` seconds (work that never reaches an interruption point, such as
/// one long step of a built-in) ends the run early with its summary and a line naming the
/// program: a time bomb, which the limits do not bound yet, not a crash.
///
///   rotor-fuzz [--seed N] [--seconds S] [--out DIR] [--max-memory SIZE]
///   rotor-fuzz --replay FILE ...     run given programs the same way

var seed = UInt64(Date().timeIntervalSince1970 * 1000)
var seconds = 10.0
var out = FileManager.default.temporaryDirectory.appendingPathComponent("rotor-fuzz").path
var replay: [String] = []
var arguments = Array(CommandLine.arguments.dropFirst())
ResourceLimits.maxMemory = 2 << 30
while !arguments.isEmpty {
  let flag = arguments.removeFirst()
  switch flag {
  case "--replay":
    replay = arguments
    arguments = []
  case "--seed", "--seconds", "--out", "--max-memory":
    guard let value = arguments.first else {
      FileHandle.standardError.write(Data("rotor-fuzz: \(flag) needs a value\n".utf8))
      exit(2)
    }
    arguments.removeFirst()
    switch flag {
    case "--seed": seed = UInt64(value) ?? seed
    case "--seconds": seconds = Double(value) ?? seconds
    case "--max-memory":
      ResourceLimits.maxMemory = ResourceLimits.parseSize(value) ?? ResourceLimits.maxMemory
    default: out = value
    }
  default:
    FileHandle.standardError.write(
      Data("usage: rotor-fuzz [--seed N] [--seconds S] [--out DIR] | --replay FILE ...\n".utf8))
    exit(2)
  }
}

let dataset: Dataset
do {
  dataset = try DatasetLoader.open(DataChoice(onDefault: false, paths: []))
} catch {
  FileHandle.standardError.write(Data("rotor-fuzz: \(error.message)\n".utf8))
  exit(2)
}
try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
let current = (out as NSString).appendingPathComponent("current.rotor")

/// What one program came to.
enum Outcome { case ran, failed, interrupted }

/// Runs one program with a budget of `limit` seconds; returns how it ended, or a problem
/// (an error that is not located in the program).
/// Statements (separated by ``ProgramGenerator/separator`` lines) run one by one in one
/// session.
func run(_ text: String, name: String, limit: Double) -> (Outcome, problem: String?) {
  try? text.write(toFile: current, atomically: false, encoding: .utf8)
  return DeepStack.run { () -> (Outcome, problem: String?) in
    let session = Session(dataset: dataset)
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limit * 1e9)
    session.interpreter.isInterrupted = { DispatchTime.now().uptimeNanoseconds > deadline }
    var rendered = 0
    let format = [OutputFormat.text, .csv, .json][text.utf8.count % 3]
    let printer = ShownPrinter(format: format, options: .plain) { rendered += $0.utf8.count }
    // Output stops at the budget too (a large value's JSON once ran for a minute).
    printer.shouldStop = { session.interpreter.isInterrupted() }
    session.onShow = { printer.show($0.value) }
    var outcome = Outcome.ran
    for statement in text.components(separatedBy: ProgramGenerator.separator) {
      let (result, problem) = runStatement(statement, name: name, session)
      if problem != nil || result == .interrupted { return (result, problem) }
      if result == .failed { outcome = .failed }
    }
    return (outcome, nil)
  }
}

/// Runs one statement (or a few on one line) in `session`.
func runStatement(_ text: String, name: String, _ session: Session) -> (Outcome, problem: String?) {
  // The printer round trip: a program that parses prints and parses again.
  let source = SourceFile(name: name, text: text)
  let (program, syntaxErrors) = Parser.parse(source)
  if syntaxErrors.isEmpty {
    let printed = ASTPrinter.print(program)
    _ = Parser.parse(SourceFile(name: name, text: printed))
  }
  let diagnostics = session.run(source)
  for diagnostic in diagnostics {
    _ = DiagnosticRenderer.render(diagnostic)
    if diagnostic.isInterruption { return (.interrupted, nil) }
    let located =
      diagnostic.source != nil && diagnostic.range != nil || diagnostic.dataLocation != nil
      || diagnostic.severity == .note
    if !located { return (.failed, "error without a location: \(diagnostic.message)") }
  }
  return (diagnostics.isEmpty ? .ran : .failed, nil)
}

func finding(_ problem: String, _ text: String, _ label: String) -> Never {
  print("rotor-fuzz: \(label): \(problem)\n--- program ---\n\(text)--- end ---")
  exit(3)
}

if !replay.isEmpty {
  for path in replay {
    guard let data = FileManager.default.contents(atPath: path) else {
      print("rotor-fuzz: cannot read \(path)")
      exit(2)
    }
    let text = String(decoding: data, as: UTF8.self)
    let (_, problem) = run(text, name: path, limit: 5)
    if let problem { finding(problem, text, path) }
  }
  print("rotor-fuzz: replayed \(replay.count) programs")
  exit(0)
}

/// Ends the run when one program runs far past its time limit (see the file comment).
final class Watchdog: @unchecked Sendable {
  /// Seconds one program may run before the run ends early.
  static let slowLimit = 30.0
  private let lock = NSLock()
  private var program = (number: 0, started: Date())
  private var summary = ""

  /// Notes that program `number` starts now, with the summary so far.
  func starting(_ number: Int, summary: String) {
    lock.withLock { (program, self.summary) = ((number, Date()), summary) }
  }

  /// Checks once a second, on its own thread.
  func watch() {
    Thread.detachNewThread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 1)
        let (number, started, summary) = lock.withLock { (program.number, program.started, self.summary) }
        guard Date().timeIntervalSince(started) > Watchdog.slowLimit else { continue }
        print(summary)
        print(
          "rotor-fuzz: stopped early: program \(number) ran over \(Int(Watchdog.slowLimit)) s "
            + "without reaching an interruption point (a time bomb, not a crash; it is in \(current))")
        exit(0)  // exit flushes what print buffered
      }
    }
  }
}

print("rotor-fuzz: seed \(seed), \(seconds) s, programs written to \(current)")
let started = Date()
var generator = ProgramGenerator(seed: seed)
var tally: [String: Int] = ["ran": 0, "failed": 0, "interrupted": 0]
var k = 0
@MainActor func summary() -> String {
  "rotor-fuzz: \(k) programs, \(tally["ran"] ?? 0) ran, \(tally["failed"] ?? 0) ended in a located error, "
    + "\(tally["interrupted"] ?? 0) stopped at the time limit"
}
let watchdog = Watchdog()
watchdog.watch()
while Date().timeIntervalSince(started) < seconds {
  let text =
    "# rotor-fuzz seed \(seed) program \(k)\n"
    + generator.program().joined(separator: ProgramGenerator.separator)
  watchdog.starting(k, summary: summary())
  let remaining = seconds - Date().timeIntervalSince(started)
  let (outcome, problem) = run(text, name: "fuzz-\(k).rotor", limit: max(0.1, min(2, remaining)))
  if let problem { finding(problem, text, "seed \(seed) program \(k)") }
  tally["\(outcome)", default: 0] += 1
  k += 1
}
print(summary())
