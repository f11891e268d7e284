// swift-tools-version:6.0
import PackageDescription

// Layers import only to their left:
// CZ3 -> Logic -> VCGen -> ClusterModel -> Controllers -> Proofs -> anvil-prove
let package = Package(
    name: "AnvilSwift",
    products: [
        .executable(name: "anvil-prove", targets: ["anvil-prove"]),
        .executable(name: "anvil-sim", targets: ["anvil-sim"]),
        .executable(name: "anvil-controller", targets: ["anvil-controller"]),
    ],
    dependencies: [
        // Kubernetes YAML for custom resources given to the simulator (Controllers reads them).
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZ3",
            path: "Sources/CZ3",
            pkgConfig: "z3",
            providers: [.apt(["libz3-dev"])]
        ),
        .target(name: "Logic", dependencies: ["CZ3"]),
        .target(name: "VCGen", dependencies: ["Logic"]),
        .target(name: "ClusterModel", dependencies: ["Logic", "VCGen"]),
        // Yams: custom resources and kubeconfigs are YAML.
        .target(name: "Controllers", dependencies: ["Logic", "VCGen", "ClusterModel", "Yams"]),
        .target(
            name: "Proofs",
            dependencies: ["Logic", "VCGen", "ClusterModel", "Controllers"],
            path: "proofs"
        ),
        .executableTarget(
            name: "anvil-prove",
            dependencies: ["Logic", "VCGen", "Proofs"]
        ),
        .executableTarget(
            name: "anvil-sim",
            dependencies: ["Controllers"]
        ),
        .executableTarget(
            name: "anvil-controller",
            dependencies: ["Controllers"]
        ),
        .testTarget(name: "LogicTests", dependencies: ["Logic"]),
        .testTarget(name: "ClusterModelTests", dependencies: ["ClusterModel", "Controllers"]),
        .testTarget(name: "ControllersTests", dependencies: ["Controllers"]),
        .testTarget(name: "VCGenTests", dependencies: ["Logic", "VCGen", "ClusterModel", "Controllers", "Proofs"]),
    ],
    swiftLanguageModes: [.v6]
)
