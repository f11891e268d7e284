/// Objects of the model as Kubernetes JSON (`apiVersion`, `kind`, `metadata`, `spec`, `status`),
/// by kind: the codec the REST server and the controller runtime share.
///
/// Where the model's records differ in shape from Kubernetes' (a stateful set's selector is the
/// model's `matchLabels` map; a pod template's labels sit under `metadata`), `jsonLayouts` says
/// where each field goes. Resource versions and uids (integers in the model) are decimal
/// strings; a Secret's data is base64; opaque fields (`K8s.opaqueFields`) are JSON values.
extension K8s {
    /// The codec with Kubernetes' layout.
    public static let jsonCodec = ValueJSONCodec(layouts: jsonLayouts, opaqueFields: Set(opaqueFields))

    /// Where record fields go in Kubernetes JSON, by datatype; fields not named are written under
    /// their own name.
    static let jsonLayouts: [String: ValueJSONCodec.Layout] = {
        typealias F = ValueJSONCodec.Field
        let selector = F(["selector", "matchLabels"], alwaysWritten: true)
        return [
            "ObjectMeta": .init(fields: [
                "resourceVersion": F(["resourceVersion"], .decimalString), "uid": F(["uid"], .decimalString),
                "deletionTimestamp": F(["deletionTimestamp"], .timestamp),
            ], ignoredKeys: ["creationTimestamp", "managedFields", "generation", "selfLink"]),
            "OwnerReference": .init(fields: ["kind": F(["kind"], .kindName), "uid": F(["uid"], .decimalString)],
                                    derived: [("apiVersion", { @Sendable fields in
                                        guard case .datatype(_, let c, _)? = fields["kind"] else { return .string("v1") }
                                        return .string(Kind.allCases[c].apiVersion)
                                    })]),
            "SecretSpec": .init(fields: ["data": F(["data"], .base64)]),
            "ServicePort": .init(ignoredKeys: ["protocol"]),
            "ContainerPort": .init(ignoredKeys: ["protocol"]),
            "PersistentVolumeClaimSpec": .init(fields: ["storage": F(["resources", "requests", "storage"])]),
            "PersistentVolumeClaimTemplate": .init(fields: ["name": F(["metadata", "name"]), "labels": F(["metadata", "labels"])]),
            "StatefulSetSpec": .init(fields: ["selector": selector]),
            "DaemonSetSpec": .init(fields: ["selector": selector]),
            // Kubernetes clients require these counters; the model keeps only the desired and ready counts.
            "DaemonSetStatus": .init(derived: [
                ("currentNumberScheduled", { @Sendable in .int($0["desiredNumberScheduled"]?.intValue ?? 0) }),
                ("numberMisscheduled", { @Sendable _ in .int(0) }),
            ]),
            "PolicyRule": .init(fields: ["verbs": F(["verbs"], alwaysWritten: true)]),
            "Container": .init(fields: ["preStopCommand": F(["lifecycle", "preStop", "exec", "command"])]),
            "Volume": .init(fields: ["source": F([])]),
            "PodSpec": .init(fields: [
                "containers": F(["containers"], alwaysWritten: true), "imagePullSecrets": F(["imagePullSecrets"], .nameRef),
            ]),
            "PodTemplateSpec": .init(fields: ["labels": F(["metadata", "labels"]), "annotations": F(["metadata", "annotations"])]),
        ]
    }()

    /// The Kubernetes JSON of an object value.
    public static func json(of object: Value) -> JSON {
        guard case .datatype(_, _, let parts) = object, parts.count == 4,
              case .datatype(_, let k, _) = parts[0], k < Kind.allCases.count else { return .null }
        let kind = Kind.allCases[k]
        var pairs: [(key: String, value: JSON)] = [
            ("apiVersion", .string(kind.apiVersion)), ("kind", .string(kind.kubernetesName)),
            ("metadata", jsonCodec.encode(parts[1], .datatype(objectMeta)) ?? .object([])),
        ]
        if case .datatype(_, _, let specPayload) = parts[2], let spec = specPayload.first {
            let members = jsonCodec.encode(spec, .datatype(kind.specDecl))?.objectPairs ?? []
            if kind.specIsTopLevel { pairs += members } else { pairs.append(("spec", .object(members))) }
        }
        if case .datatype(_, let c, let statusPayload) = parts[3], c != 0, let status = statusPayload.first, let decl = kind.statusDecl {
            pairs.append(("status", jsonCodec.encode(status, .datatype(decl)) ?? .object([])))
        }
        return .object(pairs)
    }

    /// The object value a Kubernetes JSON object denotes. `kind` is the kind the URL names (the
    /// body may then leave `apiVersion` and `kind` out, but may not name another); with
    /// `strict`, a field the model does not have is an error, otherwise it is dropped and listed.
    public static func object(fromJSON json: JSON, kind expected: Kind? = nil,
                              strict: Bool = true) throws(JSONError) -> (object: Value, dropped: [String]) {
        guard case .object(let pairs) = json else { throw JSONError(at: "", "expected an object, got \(json.kindDescription)") }
        let apiVersion = json["apiVersion"], kindName = json["kind"]
        if let apiVersion, apiVersion.stringValue == nil { throw JSONError(at: "apiVersion", "expected a string, got \(apiVersion.kindDescription)") }
        let kind: Kind
        switch kindName {
        case nil where expected != nil: kind = expected!
        case .string(let name)?:
            guard let found = Kind(kubernetesName: name) else {
                throw JSONError(at: "kind", "the model has no kind '\(name)' (it has " + Kind.allCases.map(\.kubernetesName).joined(separator: ", ") + ")")
            }
            if let expected, expected != found {
                throw JSONError(at: "kind", "expected \(expected.kubernetesName) (the kind the URL names), got \(name)")
            }
            kind = found
        default:
            throw JSONError(at: "kind", "expected a string naming the kind, got \(kindName?.kindDescription ?? "nothing")")
        }
        if let version = apiVersion?.stringValue, version != kind.apiVersion {
            throw JSONError(at: "apiVersion", "expected \(kind.apiVersion) for \(kind.kubernetesName), got '\(version)'")
        }
        var reading = ValueJSONCodec.Reading(strict: strict)
        let meta = try jsonCodec.decode(json["metadata"], .datatype(objectMeta), at: "metadata", &reading)
        let specSort = Sort.datatype(kind.specDecl)
        let specJSON: JSON?
        var known: Set<String> = ["apiVersion", "kind", "metadata", "status"]
        if kind.specIsTopLevel {
            let names = Set(kind.specDecl.constructors[0].fields.map(\.name))
            known.formUnion(names)
            specJSON = .object(pairs.filter { names.contains($0.key) })
        } else {
            known.insert("spec")
            specJSON = json["spec"]
        }
        let spec = try jsonCodec.decode(specJSON, specSort, at: kind.specIsTopLevel ? "" : "spec", &reading)
        let status = try decodeStatus(json["status"], kind, &reading)
        for (key, _) in pairs where !known.contains(key) {
            if strict { throw JSONError(at: key, "unknown field (the model has no such field)") }
            reading.dropped.append(key)
        }
        let object = Value.datatype(K8s.object, constructor: 0, fields: [
            .datatype(K8s.kind, constructor: Kind.allCases.firstIndex(of: kind)!, fields: []), meta,
            .datatype(objectSpec, constructor: objectSpec.constructorIndex(kind.rawValue)!, fields: [spec]), status,
        ])
        return (object, reading.dropped)
    }

    /// A status: `none` when absent, `null` or `{}`; else the kind's status record.
    static func decodeStatus(_ json: JSON?, _ kind: Kind, _ reading: inout ValueJSONCodec.Reading) throws(JSONError) -> Value {
        let none = Value.datatype(objectStatus, constructor: 0, fields: [])
        guard let json, json != .null, json != .object([]) else { return none }
        guard let decl = kind.statusDecl else {
            if reading.strict { throw JSONError(at: "status", "the model keeps no status for \(kind.kubernetesName)") }
            reading.dropped.append("status")
            return none
        }
        let status = try jsonCodec.decode(json, .datatype(decl), at: "status", &reading)
        return .datatype(objectStatus, constructor: objectStatus.constructorIndex(kind.rawValue)!, fields: [status])
    }
}
