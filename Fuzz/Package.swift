// swift-tools-version:5.3
// libFuzzer harness for the lexer and parser, kept out of the main build.
// Build and run with Scripts/dev/fuzz.sh.
import PackageDescription

let package = Package(
  name: "FuzzRotor",
  dependencies: [.package(name: "Rotor", path: "..")],
  targets: [
    .target(
      name: "FuzzParse",
      dependencies: [.product(name: "RotorEngine", package: "Rotor")])
  ]
)
