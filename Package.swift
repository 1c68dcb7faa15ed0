// swift-tools-version:6.0
import PackageDescription

/// Every executable that calls `sqrt`, `exp` and friends needs libm on Linux.
let libm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

let package = Package(
    name: "FluxOptimise",
    products: [
        .library(name: "Flux", targets: ["Flux"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Tracker", targets: ["Tracker"]),
        .library(name: "Optimise", targets: ["Optimise"]),
        .library(name: "Layers", targets: ["Layers"]),
        .library(name: "Optimisers", targets: ["Optimisers"]),
    ],
    targets: [
        .target(name: "CKernels"),
        .target(name: "Tensors", dependencies: ["CKernels"], linkerSettings: libm),
        .target(name: "Tracker", dependencies: ["Tensors"], linkerSettings: libm),
        .target(name: "Optimise", dependencies: ["Tensors", "Tracker", "CKernels"], linkerSettings: libm),
        .target(name: "Layers", dependencies: ["Tensors", "Tracker", "Optimise"], linkerSettings: libm),
        .target(name: "Optimisers", dependencies: ["Tensors", "Tracker", "Optimise"], linkerSettings: libm),
        .target(name: "Flux", dependencies: ["Tensors", "Tracker", "Optimise", "Layers"], linkerSettings: libm),

        .target(name: "ExampleSupport", dependencies: ["Optimise"], path: "Examples/Support", linkerSettings: libm),

        .executableTarget(name: "digits", dependencies: ["Flux", "ExampleSupport"],
                          path: "Examples/Digits", exclude: ["Resources"], linkerSettings: libm),
        .executableTarget(name: "linear-regression", dependencies: ["Flux"],
                          path: "Examples/LinearRegression", linkerSettings: libm),
        .executableTarget(name: "tracker-era", dependencies: ["Flux"],
                          path: "Examples/TrackerEra", linkerSettings: libm),
        .executableTarget(name: "optimise-guide", dependencies: ["Flux"],
                          path: "Examples/OptimiseGuide", linkerSettings: libm),
        .executableTarget(name: "schedules", dependencies: ["Flux"],
                          path: "Examples/Schedules", linkerSettings: libm),
        .executableTarget(name: "optimisers-jl", dependencies: ["Flux", "Optimisers"],
                          path: "Examples/OptimisersJL", linkerSettings: libm),
        .executableTarget(name: "optimiser-race", dependencies: ["Flux", "ExampleSupport"],
                          path: "Examples/OptimiserRace", linkerSettings: libm),
        .executableTarget(name: "checkpoint-resume", dependencies: ["Flux", "ExampleSupport"],
                          path: "Examples/CheckpointResume", linkerSettings: libm),
        .executableTarget(name: "bench", dependencies: ["Flux"],
                          path: "Benchmarks/Bench", linkerSettings: libm),

        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "TrackerTests", dependencies: ["Tensors", "Tracker"]),
        .target(name: "HostileValues", dependencies: ["Tensors"], path: "Tests/HostileValues"),
        .testTarget(name: "OptimiseTests", dependencies: ["Tensors", "Tracker", "Optimise", "HostileValues"]),
        .testTarget(name: "LayersTests", dependencies: ["Flux"]),
        .testTarget(name: "OptimisersTests", dependencies: ["Flux", "Optimisers", "HostileValues"]),
        .testTarget(name: "ExamplesTests"),
        .testTarget(name: "ExampleSupportTests", dependencies: ["ExampleSupport", "Optimise"]),
    ],
    swiftLanguageModes: [.v6]
)
