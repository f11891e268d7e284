import Foundation

/// Finds the proof module declared by `proofs/<stem>.swift`: the file must declare
/// `public enum <stem>: ProofModule` in the `Proofs` target. The type is looked up by its mangled
/// name, so a new file is found without editing any registry.
public enum ProofDiscovery {
    public static func module(forStem stem: String) -> (any ProofModule.Type)? {
        guard isSwiftIdentifier(stem) else { return nil }
        // Mangled nominal type name: <len>Proofs <len><name> O (enum).
        let mangled = "6Proofs\(stem.utf8.count)\(stem)O"
        return _typeByName(mangled) as? any ProofModule.Type
    }

    public static func isSwiftIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && CharacterSet.letters.contains(first)) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
    }
}

/// The package checkout that holds `proofs/`: found upward from the working directory.
public struct PackageRoot: Sendable {
    public let path: String
    public var proofsDirectory: String { path + "/proofs" }

    public init(path: String) { self.path = URL(fileURLWithPath: path).standardizedFileURL.path }

    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> PackageRoot? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let fm = FileManager.default
            if fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: url.appendingPathComponent("proofs").path) {
                return PackageRoot(path: url.path)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// `proofs/*.swift`, sorted: the files `--all` checks.
    public func allProofFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: proofsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { proofsDirectory + "/" + $0 }
    }

    /// A path shown relative to the root when it lies inside it.
    public func display(_ absolute: String) -> String {
        let p = URL(fileURLWithPath: absolute).standardizedFileURL.path
        return p.hasPrefix(path + "/") ? String(p.dropFirst(path.count + 1)) : p
    }
}
