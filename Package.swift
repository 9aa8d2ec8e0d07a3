// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Berth",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "berth", targets: ["berth"]),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // Headers only: CurlTransport loads libcurl with dlopen on the first request, so the
        // package needs libcurl4-openssl-dev to build and libcurl4 to run.
        .systemLibrary(name: "CCurl"),
        // Headers only: Crypto loads libcrypto with dlopen on the first digest.
        .systemLibrary(
            name: "COpenSSL",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .target(name: "BerthHCL"),
        .target(name: "BerthAWS", dependencies: ["CCurl", "COpenSSL"]),
        .target(name: "BerthTerraform"),
        .target(name: "BerthWizard", dependencies: ["BerthHCL", "BerthAWS", "BerthTerraform"]),
        .target(name: "BerthTUI", dependencies: ["CNcurses", "BerthWizard", "BerthTerraform"]),
        .executableTarget(name: "berth", dependencies: ["BerthTUI", "BerthWizard", "BerthAWS", "BerthHCL", "BerthTerraform"]),

        .target(name: "BerthTestSupport", dependencies: ["BerthAWS"], path: "Tests/BerthTestSupport"),
        .testTarget(name: "BerthHCLTests", dependencies: ["BerthHCL", "BerthTestSupport"], resources: [.copy("Corpus")]),
        .testTarget(name: "BerthAWSTests", dependencies: ["BerthAWS", "BerthTestSupport"], exclude: ["SigV4TestSuite"]),
        .testTarget(name: "BerthTerraformTests", dependencies: ["BerthTerraform", "BerthTUI", "BerthWizard", "BerthTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BerthWizardTests", dependencies: ["BerthWizard", "BerthTestSupport"]),
        .testTarget(name: "BerthTUITests", dependencies: ["BerthTUI", "BerthTestSupport"]),
        .testTarget(name: "BerthEndToEndTests", dependencies: ["BerthTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
