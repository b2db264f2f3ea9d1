// swift-tools-version:6.0
// dtr — a literate, notebook-style scripting environment for diffusion models.
import PackageDescription

// MARK: - Build settings shared by every Swift target
let optimised: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "dtr",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dtr", targets: ["dtr"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System-library shims (headers only; BLAS and cairo are dlopen'ed lazily)
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ"),

        // Vectorised C kernels (exp …), compiled per instruction set and picked by CPUID at run time.
        .target(name: "CKernels", path: "Sources/CKernels"),
        // The git commit `dtr --version` prints (set by scripts/package.sh, else "unknown").
        .target(name: "CBuildInfo", path: "Sources/CBuildInfo"),

        // MARK: - Library layers (each imports only the layers below it)
        .target(name: "Tensor", dependencies: ["CBLAS", "CKernels"], swiftSettings: optimised),
        .target(name: "Diffusion", dependencies: ["Tensor", "CKernels"], swiftSettings: optimised),
        .target(name: "Render", dependencies: ["Tensor", "CCairo"], swiftSettings: optimised),
        .target(name: "Language", dependencies: ["Tensor", "Diffusion", "Render"], swiftSettings: optimised),
        .target(name: "Notebook", dependencies: ["Language"], swiftSettings: optimised),
        .target(name: "REPL", dependencies: ["Language", "Notebook", "CReadline"], swiftSettings: optimised),
        .target(name: "Kernel", dependencies: ["Tensor", "Language", "Notebook", "REPL", "CZMQ"], swiftSettings: optimised),
        .target(name: "Sweep", dependencies: ["Language", "Notebook"], swiftSettings: optimised),

        // MARK: - Front ends
        .executableTarget(
            name: "dtr",
            dependencies: [
                "Language", "Notebook", "REPL", "Kernel", "CBuildInfo", "Sweep",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimised),
        .executableTarget(
            name: "dtr-bench",
            dependencies: ["Tensor", "Diffusion", "Render", "Language", "Notebook"],
            path: "bench/Sources/dtr-bench",
            swiftSettings: optimised),

        // MARK: - Tests (mirror the targets)
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DiffusionTests", dependencies: ["Diffusion", "Tensor", "CKernels"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Tensor"], resources: [.copy("Golden")]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "Tensor"], resources: [.copy("Programs"), .copy("NumpyFixtures"), .copy("SamplerFixtures")]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Language"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "Notebook"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Notebook", "Language"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
