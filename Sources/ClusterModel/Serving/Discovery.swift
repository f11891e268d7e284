/// The discovery documents of the served API (`/api`, `/apis`, `/api/v1`, `/apis/GROUP/v1`,
/// `/version`), listing every kind of the model; clients such as `kubectl` read them to find
/// the resource paths.
enum Discovery {
    static let verbs: JSON = .array(["create", "delete", "get", "list", "patch", "update", "watch"])

    static var coreVersions: JSON { .members(["kind": "APIVersions", "versions": .array(["v1"])]) }

    static func groupDocument(_ group: String) -> JSON {
        let version: JSON = .members(["groupVersion": .string("\(group)/v1"), "version": "v1"])
        return .members(["name": .string(group), "versions": .array([version]), "preferredVersion": version])
    }

    static var groupList: JSON {
        .members(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(KubernetesREST.groups.map(groupDocument))])
    }

    static func group(_ group: String) -> JSON { groupDocument(group).setting("kind", "APIGroup").setting("apiVersion", "v1") }

    static func resourceList(group: String) -> JSON {
        var resources: [JSON] = []
        for kind in K8s.Kind.allCases where kind.apiGroup == group {
            var entry: [(key: String, value: JSON)] = [
                ("name", .string(kind.resource)), ("singularName", .string(kind.rawValue.lowercased())), ("namespaced", true),
                ("kind", .string(kind.kubernetesName)), ("verbs", verbs),
            ]
            if !kind.shortNames.isEmpty { entry.append(("shortNames", .array(kind.shortNames.map(JSON.string)))) }
            resources.append(.object(entry))
            if kind.statusDecl != nil {
                resources.append(.members(["name": .string(kind.resource + "/status"), "singularName": "", "namespaced": true,
                                           "kind": .string(kind.kubernetesName), "verbs": .array(["get", "patch", "update"])]))
            }
        }
        return .members(["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(group.isEmpty ? "v1" : "\(group)/v1"),
                         "resources": .array(resources)])
    }

    static func version(_ text: String) -> JSON {
        .members(["major": "1", "minor": "30", "gitVersion": .string(text), "platform": "linux/amd64",
                  "goVersion": "none (the executable cluster model of Anvil for Swift)"])
    }
}
