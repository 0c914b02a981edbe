// rotor-pack OUT.rotordata PATH...
// rotor-pack --check-embedded
//
// Loads PATHs (folders or CSV files, as `--data` does), packs them into Rotor's binary
// format (docs/data.md), checks that the packed form decodes to exactly the loaded
// values, and writes OUT atomically. Used by Scripts/dev/pack-dataset.sh to make the
// bundled dataset.
import Foundation
import RotorCore
import RotorData
import RotorSyntax

func fail(_ message: String, code: Int32 = 2) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())

/// `--check-embedded`: opens the bundled dataset, decodes every symbol, and reports timings.
if arguments == ["--check-embedded"] {
  let t0 = Date()
  do {
    let dataset = try Dataset.embedded()
    let t1 = Date()
    var rows = 0
    for symbol in dataset.symbols { rows += dataset.bars(symbol)?.index.count ?? 0 }
    let t2 = Date()
    guard rows == dataset.rowCount else { fail("rotor-pack: some symbols failed to decode") }
    let ms = { (a: Date, b: Date) in String(format: "%.2f ms", b.timeIntervalSince(a) * 1000) }
    print("embedded: \(dataset.summary), \(rows) rows, fingerprint \(dataset.fingerprint)")
    print("  open \(ms(t0, t1)), decode all \(ms(t1, t2))")
    exit(0)
  } catch {
    fail(error.description)
  }
}

guard arguments.count >= 2 else {
  fail("usage: rotor-pack OUT.rotordata PATH...")
}
let out = arguments[0]
let paths = Array(arguments.dropFirst())

let started = Date()
let dataset: Dataset
do {
  dataset = try DatasetLoader.load(paths: paths)
} catch {
  fail(error.description)
}
let loadTime = Date().timeIntervalSince(started)
for note in dataset.notes { FileHandle.standardError.write(Data(("note: " + note + "\n").utf8)) }

let (bytes, stats) = PackedDataset.packWithStatistics(dataset)

// Verify: every value of every symbol decodes bit for bit, and date indexes are shared alike.
do {
  let packed = try PackedDataset(bytes: bytes, name: out)
  try packed.validateAll()
  let reopened = Dataset(packed: packed, origin: out)
  guard reopened.symbols == dataset.symbols, reopened.constituents == dataset.constituents else {
    fail("rotor-pack: verification failed: symbols or constituents differ")
  }
  /// Bit patterns, with every NaN (missing) as the canonical one.
  func bits(_ values: [Double]) -> [UInt64] {
    values.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }
  }
  for symbol in dataset.symbols {
    guard let a = dataset.bars(symbol), let b = reopened.bars(symbol), a.index.days == b.index.days,
      Set(a.fields.keys) == Set(b.fields.keys),
      a.fields.allSatisfy({ field, values in b.fields[field].map { bits($0) == bits(values) } ?? false })
    else { fail("rotor-pack: verification failed for \(symbol)") }
  }
} catch {
  fail("rotor-pack: verification failed: \(error.description)")
}

do {
  try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
} catch {
  fail("rotor-pack: cannot write \(out): \(error)")
}

let encodings = stats.columns.keys.sorted().map { name in
  "\(name) \(stats.columns[name] ?? 0) columns / \(stats.payloadBytes[name] ?? 0) bytes"
}.joined(separator: ", ")
print("\(out): \(dataset.summary)")
print(
  "  \(stats.rows) rows, \(stats.dateIndexes) distinct date indexes, \(dataset.constituents.count) constituents"
)
print(
  "  \(stats.bytes) bytes; encodings: \(encodings); \(stats.columnsWithMissing) columns with missing values")
print("  fingerprint \(dataset.fingerprint), loaded in \(String(format: "%.2f", loadTime)) s")
