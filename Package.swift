// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "metodbank",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "metodbank", targets: ["metodbank"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // System libraries: a module map and a shim header, nothing else.
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode"),
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer"),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML"),
        // jemalloc for the program (not the tests) and its settings: see malloc_conf.c.
        .target(name: "CJemalloc", linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]),
        // renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not declare.
        .target(name: "CFileExchange"),

        .target(name: "MetodCore"),
        .target(name: "MetodMarkdown", dependencies: ["MetodCore", "CCmarkGFM"]),
        .target(name: "MetodQR", dependencies: ["MetodCore", "CQREncode"]),
        .target(name: "MetodContent", dependencies: ["MetodCore", "MetodMarkdown", "CYAML"]),
        .target(name: "MetodSearch", dependencies: ["MetodCore", "CStemmer"]),
        .target(
            name: "MetodSite",
            dependencies: [
                "MetodCore", "MetodMarkdown", "MetodContent", "MetodQR", "MetodSearch", "CFileExchange",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "MetodServe",
            dependencies: ["MetodCore", "MetodSite", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .target(
            name: "MetodCLI",
            dependencies: [
                "MetodCore", "MetodContent", "MetodSite", "MetodServe", "MetodSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "metodbank", dependencies: ["MetodCLI", "CJemalloc"]),

        .testTarget(name: "MetodCoreTests", dependencies: ["MetodCore"]),
        .testTarget(name: "MetodMarkdownTests", dependencies: ["MetodMarkdown"]),
        .testTarget(name: "MetodContentTests", dependencies: ["MetodContent"]),
        .testTarget(name: "MetodQRTests", dependencies: ["MetodQR"]),
        .testTarget(name: "MetodSearchTests", dependencies: ["MetodSearch", "MetodCore"]),
        .testTarget(
            name: "MetodSiteTests",
            dependencies: ["MetodSite", "MetodContent", "MetodCLI", "MetodServe"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
