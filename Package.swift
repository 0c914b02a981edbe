// swift-tools-version:6.1
import PackageDescription

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
    // Everything up to the AST: source text, tokens, parser, diagnostics. No dependencies.
    .target(name: "RotorSyntax"),
    // The bundled default dataset, embedded in the binary with `.incbin` (see blob.c).
    .target(
      name: "CRotorData",
      exclude: ["default.rotordata", "prelude.rotor", "SOURCES.md"],
      cSettings: [.headerSearchPath(".")]),
    // Meaning: values, series, kernels, interpreter, built-ins, data loading, output.
    .target(name: "RotorEngine", dependencies: ["RotorSyntax", "CRotorData"]),
    // libedit, through pkg-config (Debian: libedit-dev).
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
    // Fixed-argument wrappers around libedit's variadic API, and the SIGINT flag.
    .target(name: "CEditLineShim", dependencies: ["CEditLine"]),
    // The terminal front end.
    .target(name: "RotorREPL", dependencies: ["RotorEngine", "CEditLineShim"]),
    .executableTarget(name: "rotor", dependencies: ["RotorEngine", "RotorREPL"]),
    // Developer tools: the dataset packer and the release-build benchmark.
    .executableTarget(name: "rotor-pack", dependencies: ["RotorEngine"]),
    .executableTarget(name: "rotor-bench", dependencies: ["RotorEngine"]),
    .testTarget(
      name: "RotorSyntaxTests",
      dependencies: [
        "RotorSyntax", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "RotorEngineTests", dependencies: ["RotorEngine"], exclude: ["Fixtures"]),
    .testTarget(name: "RotorGoldenTests", dependencies: ["RotorEngine"], exclude: ["Cases"]),
    .testTarget(name: "RotorCLITests", dependencies: ["RotorEngine"]),
    .testTarget(name: "RotorREPLTests", dependencies: ["RotorREPL", "RotorEngine"]),
  ]
)
