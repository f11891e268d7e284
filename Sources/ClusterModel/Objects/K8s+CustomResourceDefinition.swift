/// CustomResourceDefinitions (apiextensions.k8s.io/v1) for the model's custom resources, with a
/// structural OpenAPI schema derived from the spec and status sorts (through the JSON codec's
/// layout, so the schema describes exactly the JSON the codec reads) and, as CEL rules, the
/// admission checks the model's API server makes (`K8s.stateIsValid`, `K8s.transitionIsValid`).
extension K8s {
    /// A CEL validation rule on a custom resource's `spec` (`oldSelf` makes it a transition rule).
    public struct CELRule: Sendable {
        public let rule: String
        public let message: String
    }

    /// The CEL rules of a kind: the model's state and transition validation, written again in CEL
    /// (`zookeeperClusterStateIsValid`, `rabbitmqClusterTransitionIsValid`, ...).
    public static func celRules(_ kind: Kind) -> [CELRule] {
        switch kind {
        case .zookeeperCluster:
            return [
                .init(rule: "self.replicas >= 3", message: "replicas must be at least 3"),
                .init(rule: "self.conf.syncLimit >= 1", message: "conf.syncLimit must be at least 1"),
                .init(rule: "self.conf.minSessionTimeout <= self.conf.maxSessionTimeout",
                      message: "conf.minSessionTimeout must not exceed conf.maxSessionTimeout"),
                .init(rule: "self.ports == oldSelf.ports", message: "ports are immutable"),
                .init(rule: "self.persistence == oldSelf.persistence", message: "persistence is immutable"),
            ]
        case .rabbitmqCluster:
            return [
                .init(rule: "self.replicas >= 0", message: "replicas must not be negative"),
                .init(rule: "self.replicas >= oldSelf.replicas", message: "replicas may not decrease"),
                .init(rule: "self.persistence.storage == oldSelf.persistence.storage", message: "persistence.storage is immutable"),
                .init(rule: "self.persistence.storageClassName == oldSelf.persistence.storageClassName",
                      message: "persistence.storageClassName is immutable"),
                .init(rule: "self.podManagementPolicy == oldSelf.podManagementPolicy", message: "podManagementPolicy is immutable"),
            ]
        default:
            return []
        }
    }

    /// The CustomResourceDefinition of a custom resource kind, as JSON.
    public static func customResourceDefinition(_ kind: Kind) -> JSON {
        var spec = schema(.datatype(kind.specDecl))
        let rules = celRules(kind)
        if !rules.isEmpty {
            spec = spec.setting("x-kubernetes-validations", .array(rules.map { .members(["rule": .string($0.rule), "message": .string($0.message)]) }))
        }
        var properties: [(key: String, value: JSON)] = [
            ("apiVersion", .members(["type": "string"])), ("kind", .members(["type": "string"])),
            ("metadata", .members(["type": "object"])), ("spec", spec),
        ]
        var version: [(key: String, value: JSON)] = [("name", "v1"), ("served", true), ("storage", true)]
        if let status = kind.statusDecl {
            properties.append(("status", schema(.datatype(status))))
            version.append(("subresources", .members(["status": .object([])])))
        }
        version.append(("schema", .members(["openAPIV3Schema": .members(["type": "object", "properties": .object(properties)])])))
        var names: [(key: String, value: JSON)] = [
            ("kind", .string(kind.kubernetesName)), ("listKind", .string(kind.kubernetesName + "List")),
            ("plural", .string(kind.resource)), ("singular", .string(kind.rawValue.lowercased())),
        ]
        if !kind.shortNames.isEmpty { names.append(("shortNames", .array(kind.shortNames.map(JSON.string)))) }
        return .members([
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": .members(["name": .string("\(kind.resource).\(kind.apiGroup)")]),
            "spec": .members([
                "group": .string(kind.apiGroup), "names": .object(names), "scope": "Namespaced",
                "versions": .array([.object(version)]),
            ]),
        ])
    }

    /// The structural schema of the JSON the codec writes for a value of `sort`.
    static func schema(_ sort: Sort, _ encoding: ValueJSONCodec.Encoding = .shape) -> JSON {
        if encoding == .opaque { return .members(["x-kubernetes-preserve-unknown-fields": true]) }
        switch sort {
        case .bool: return .members(["type": "boolean"])
        case .int: return encoding == .decimalString ? .members(["type": "string"]) : .members(["type": "integer"])
        case .string: return .members(["type": "string"])
        case .seq(let e), .set(let e): return .members(["type": "array", "items": schema(e, encoding)])
        case .map(.string, let v): return .members(["type": "object", "additionalProperties": schema(v, encoding)])
        case .map(let k, let v):
            return .members(["type": "array", "items": .members(["type": "object", "properties": .members(["key": schema(k), "value": schema(v, encoding)])])])
        case .datatype(let d) where d.isOption: return schema(d.fieldSort(1, 0), encoding)
        case .datatype(let d) where d.constructors.allSatisfy(\.fields.isEmpty):
            return .members(["type": "string", "enum": .array(d.constructors.map { .string($0.name) })])
        case .datatype(let d) where d.constructors.count == 1:
            return .members(["type": "object", "properties": .object(memberSchemas(d, 0))])
        case .datatype(let d):
            return .members(["type": "object", "properties": .object(d.constructors.indices.map { c in
                (d.constructors[c].name, .members(["type": "object", "properties": .object(memberSchemas(d, c))]))
            }), "maxProperties": 1, "minProperties": 1])
        case .recursive: return .members(["x-kubernetes-preserve-unknown-fields": true])
        }
    }

    /// The `properties` of constructor `c`'s object: each field's schema at its path (nested
    /// objects merged), an inlined union's variants side by side.
    private static func memberSchemas(_ d: DatatypeDecl, _ c: Int) -> [(key: String, value: JSON)] {
        var properties = JSON.object([])
        func insert(_ path: ArraySlice<String>, _ leaf: JSON, into props: JSON) -> JSON {
            guard let first = path.first else { return props }
            if path.count == 1 { return props.setting(first, leaf) }
            let inner = props[first]?["properties"] ?? .object([])
            return props.setting(first, .members(["type": "object", "properties": insert(path.dropFirst(), leaf, into: inner)]))
        }
        for (i, f) in d.constructors[c].fields.enumerated() {
            let place = jsonCodec.field(d, f.name), sort = d.fieldSort(c, i)
            if place.path.isEmpty, let union = sort.datatype {
                for (u, variant) in union.constructors.enumerated() {
                    properties = properties.setting(variant.name, .members(["type": "object", "properties": .object(memberSchemas(union, u))]))
                }
                continue
            }
            properties = insert(place.path[...], schema(sort, place.encoding), into: properties)
        }
        return properties.objectPairs ?? []
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral s: String) { self = .string(s) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
    public init(integerLiteral n: Int) { self = .int(n) }
}
