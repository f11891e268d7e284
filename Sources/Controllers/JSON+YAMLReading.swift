import Yams

extension JSON {
    /// A YAML document (one, as a Kubernetes manifest or a kubeconfig is) as JSON: scalars by
    /// their resolved YAML tag (null, bool, int, float, else string), mappings with string keys.
    public init(yaml text: String) throws(JSONError) {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw JSONError(at: "", "not valid YAML: \(error)") }
        guard let node else { throw JSONError(at: "", "the YAML document is empty") }
        self = try JSON(yamlNode: node, at: "")
    }

    init(yamlNode node: Node, at path: String) throws(JSONError) {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue: self = node.bool.map(JSON.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: self = node.int.map(JSON.int) ?? .string(scalar.string)
            case Tag.Name.float.rawValue: self = node.float.map(JSON.double) ?? .string(scalar.string)
            default: self = .string(scalar.string)
            }
        case .sequence(let items):
            var out: [JSON] = []
            for (i, item) in items.enumerated() { out.append(try JSON(yamlNode: item, at: "\(path)[\(i)]")) }
            self = .array(out)
        case .mapping(let pairs):
            var out: [(key: String, value: JSON)] = []
            for (key, value) in pairs {
                guard let name = key.string else { throw JSONError(at: path, "a mapping key that is not a string") }
                out.append((name, try JSON(yamlNode: value, at: path.isEmpty ? name : "\(path).\(name)")))
            }
            self = .object(out)
        }
    }
}

extension ControllerCatalogue {
    /// The entry's sample custom resource as an object value (through the Kubernetes JSON codec).
    public static func sampleObject(_ entry: ControllerEntry) throws -> Value {
        try K8s.object(fromJSON: JSON(yaml: entry.sampleYAML), kind: entry.kind).object
    }
}
