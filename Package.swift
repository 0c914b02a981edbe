// swift-tools-version:6.1
import PackageDescription

// The modules and their one-way doors (docs/architecture.md draws the same picture, and
// ArchitectureTests keeps the two in step with every `import` in Sources/):
//
//   RotorSyntax ← RotorCore ← RotorData ─┐
//                     ↑                    ├─ RotorEngine ← RotorREPL ← rotor
//                     └──── RotorOutput ──┘
//
// A target may import only what it lists here; an import against the arrows does not build.
let package = Package(
  name: "Rotor",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "rotor", targets: ["rotor"]),
    .library(name: "RotorEngine", targets: ["RotorEngine"]),
  ],
  dependencies: [
    // Property-based tests with shrinking (Swift Testing); tests only.
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1")
  ],
  targets: [
    // Source text, tokens, lexer, AST, parser, diagnostics, civil dates. No dependencies.
    .target(name: "RotorSyntax"),
    // Values, series, date indexes, tables, charts as data, panels and the O(n) kernels.
    .target(name: "RotorCore", dependencies: ["RotorSyntax"]),
    // The bundled default dataset and prelude, embedded in the binary with `.incbin`.
    .target(
      name: "CRotorData",
      exclude: [
        "default.rotordata", "prelude.rotor", "sp500_membership.csv", "SOURCES.md", "VERIFY.md",
      ],
      cSettings: [.headerSearchPath(".")]),
    // Data sources (CSV formats, the packed format), datasets, the cache, the bundled data.
    .target(name: "RotorData", dependencies: ["RotorSyntax", "RotorCore", "CRotorData"]),
    // Renderers: text, CSV, JSON, Markdown, terminal and SVG charts, notebooks.
    .target(name: "RotorOutput", dependencies: ["RotorSyntax", "RotorCore"]),
    // Meaning: interpreter, binder, built-ins (one per file), session.
    .target(
      name: "RotorEngine",
      dependencies: ["RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "CRotorData"]),
    // libedit, through pkg-config (Debian: libedit-dev).
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
    // Fixed-argument wrappers around libedit's variadic API, and the SIGINT flag.
    .target(name: "CEditLineShim", dependencies: ["CEditLine"]),
    // HTTP GET through libcurl, loaded with dlopen only by `rotor update` (no link-time
    // network library, so the start of `rotor` is not slowed; docs/data.md).
    .target(name: "CRotorFetch"),
    // The terminal front end.
    .target(
      name: "RotorREPL",
      dependencies: [
        "RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorEngine", "CEditLine",
        "CEditLineShim",
      ]),
    .executableTarget(
      name: "rotor",
      dependencies: [
        "RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorEngine", "RotorREPL",
        "CRotorFetch",
      ]),
    // Developer tools: the dataset packer and the release-build benchmark.
    .executableTarget(
      name: "rotor-pack", dependencies: ["RotorSyntax", "RotorCore", "RotorData"]),
    // The grammar-aware fuzzer: random programs through the whole interpreter (a test
    // runs it for a fixed budget; Scripts/dev/fuzz.sh runs the parser's libFuzzer harness).
    .executableTarget(
      name: "rotor-fuzz",
      dependencies: ["RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorEngine"]),
    .executableTarget(
      name: "rotor-bench",
      dependencies: ["RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorEngine"]),
    .testTarget(
      name: "RotorSyntaxTests",
      dependencies: [
        "RotorSyntax", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "RotorEngineTests",
      dependencies: [
        "RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorEngine",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "RotorGoldenTests",
      dependencies: ["RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorEngine"],
      exclude: ["Cases"]),
    .testTarget(name: "RotorCLITests", dependencies: ["RotorSyntax", "RotorEngine"]),
    .testTarget(
      name: "RotorREPLTests",
      dependencies: [
        "RotorSyntax", "RotorCore", "RotorData", "RotorOutput", "RotorREPL", "RotorEngine",
      ]),
  ]
)
