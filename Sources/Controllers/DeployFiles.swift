import Foundation

/// The files of `deploy/`: a CustomResourceDefinition for every custom resource kind of the
/// model and the sample custom resource of every controller in the catalogue, generated from
/// the model (`anvil-controller --write-deploy deploy`), so they cannot drift from it.
public enum DeployFiles {
    static let header = "# Generated from the model by `swift run anvil-controller --write-deploy deploy`; do not edit.\n"

    /// Each file's path under `deploy/` and its text.
    public static var all: [(path: String, text: String)] {
        let crds = K8s.Kind.allCases.filter(\.isCustomResource).map { kind in
            ("crds/\(kind.resource).\(kind.apiGroup).yaml", header + K8s.customResourceDefinition(kind).yamlText)
        }
        let samples = ControllerCatalogue.all.map { entry in
            ("samples/\(entry.name).yaml", header + entry.sampleYAML + (entry.sampleYAML.hasSuffix("\n") ? "" : "\n"))
        }
        return crds + samples
    }

    /// Writes `text` to `path`, creating its directory.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
