import Controllers
import Testing

/// Random values of the model's sorts, shaped as the API server stores them: opaque fields hold
/// plain words or compact JSON, deletion timestamps decimal seconds, and each object's spec and
/// status match its kind.
struct RandomObjects {
    var random: SplitMix64
    init(seed: UInt64) { random = SplitMix64(state: seed) }

    mutating func word() -> String {
        let words = ["a", "demo", "x-y", "Zk 3", "päth/ü", "", "100Mi", "quo\"te", "line\nbreak"]
        return words[random.below(words.count)]
    }

    mutating func value(_ sort: Sort, _ encoding: ValueJSONCodec.Encoding = .shape, depth: Int = 0) -> Value {
        switch sort {
        case .bool: return .bool(random.below(2) == 0)
        case .int: return .int(random.below(7) == 0 ? -random.below(1000) : random.below(100_000))
        case .string:
            switch encoding {
            case .opaque: return .string([word(), #"{"limits":{"memory":"1Gi"},"requests":{"cpu":"1"}}"#, "[1,\"two\",null]"][random.below(3)])
            case .timestamp: return .string(String(random.below(2_000_000_000)))
            default: return .string(word())
            }
        case .seq(let e): return .seq((0..<random.below(depth > 3 ? 1 : 3)).map { _ in value(e, encoding, depth: depth + 1) })
        case .map(let k, let v):
            var entries: [Value: Value] = [:]
            for _ in 0..<random.below(3) { entries[value(k, depth: depth + 1)] = value(v, encoding, depth: depth + 1) }
            return .map(entries: entries, otherwise: nil)
        case .set(let e):
            return .set(members: Set((0..<random.below(3)).map { _ in value(e, depth: depth + 1) }), complemented: false)
        case .datatype(let d):
            if d.isOption { return random.below(3) == 0 ? .option(nil, of: d.fieldSort(1, 0)) : .option(value(d.fieldSort(1, 0), encoding, depth: depth), of: d.fieldSort(1, 0)) }
            let c = random.below(d.constructors.count)
            let fields = d.constructors[c].fields.enumerated().map { i, f in
                value(d.fieldSort(c, i), K8s.jsonCodec.field(d, f.name).encoding, depth: depth + 1)
            }
            return .datatype(d, constructor: c, fields: fields)
        case .recursive: return .bool(false)
        }
    }

    mutating func object(_ kind: K8s.Kind) -> Value {
        let meta = value(.datatype(K8s.objectMeta))
        let spec = value(.datatype(kind.specDecl))
        let status: Value = kind.statusDecl.flatMap { decl in random.below(2) == 0 ? nil : value(.datatype(decl)) }
            .map { .datatype(K8s.objectStatus, constructor: K8s.objectStatus.constructorIndex(kind.rawValue)!, fields: [$0]) }
            ?? .datatype(K8s.objectStatus, constructor: 0, fields: [])
        return .datatype(K8s.object, constructor: 0, fields: [
            .datatype(K8s.kind, constructor: K8s.Kind.allCases.firstIndex(of: kind)!, fields: []), meta,
            .datatype(K8s.objectSpec, constructor: K8s.objectSpec.constructorIndex(kind.rawValue)!, fields: [spec]), status,
        ])
    }
}

@Suite struct KubernetesJSONTests {
    /// Encoding, printing, parsing and decoding gives back the same object, for every kind.
    @Test(arguments: K8s.Kind.allCases)
    func roundTrip(kind: K8s.Kind) throws {
        var random = RandomObjects(seed: UInt64(K8s.Kind.allCases.firstIndex(of: kind)!))
        for _ in 0..<60 {
            let object = random.object(kind).normalized(as: .datatype(K8s.object))
            let json = K8s.json(of: object)
            let parsed = try JSON(parsing: json.text)
            #expect(parsed == json)
            let (decoded, dropped) = try K8s.object(fromJSON: parsed, kind: kind)
            #expect(dropped.isEmpty)
            #expect(decoded.normalized(as: .datatype(K8s.object)) == object, "\(json.prettyText)")
        }
    }

    @Test func configMapIsKubernetesShaped() throws {
        let object = try K8s.Object.make(.configMap, metadata: K8s.meta(name: "c", namespace: "default", resourceVersion: 4, uid: 9),
                                         spec: .record(K8s.configMapSpec, ["data": Term.emptyMap(.string, .string).inserting("k", "v")]))
        let json = K8s.json(of: try object.evaluate())
        #expect(json.text == #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default","resourceVersion":"4","uid":"9"},"data":{"k":"v"}}"#)
    }

    @Test func statefulSetSelectorAndTemplateAreNested() throws {
        var random = RandomObjects(seed: 5)
        let json = K8s.json(of: random.object(.statefulSet))
        #expect(json["spec"]?["selector"]?["matchLabels"] != nil)
        #expect(json["spec"]?["template"]?["spec"]?["containers"] != nil)
    }

    /// Malformed objects: each error names the field.
    @Test(arguments: [
        (#"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c"},"data":["x"]}"#, "data: expected an object, got a list"),
        (#"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":5}}"#, "metadata.name: expected a string, got a number"),
        (#"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","resourceVersion":"x1"}}"#,
         "metadata.resourceVersion: expected a string of decimal digits, got 'x1'"),
        (#"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c"},"dta":{}}"#, "dta: unknown field (the model has no such field)"),
        (#"{"kind":"Deployment","apiVersion":"apps/v1"}"#, "kind: the model has no kind 'Deployment'"),
        (#"{"kind":"StatefulSet","apiVersion":"v1"}"#, "apiVersion: expected apps/v1 for StatefulSet, got 'v1'"),
        (#"{"kind":"StatefulSet","apiVersion":"apps/v1","spec":{"replicas":"3"}}"#, "spec.replicas: expected an integer, got a string"),
        (#"{"kind":"StatefulSet","apiVersion":"apps/v1","spec":{"selector":{"matchLabels":{"a":1}}}}"#,
         "spec.selector.matchLabels.a: expected a string, got a number"),
        (#"{"kind":"StatefulSet","apiVersion":"apps/v1","spec":{"template":{"spec":{"containers":[{"image":3}]}}}}"#,
         "spec.template.spec.containers[0].image: expected a string, got a number"),
        (#"{"kind":"StatefulSet","apiVersion":"apps/v1","spec":{"template":{"spec":{"volumes":[{"name":"v"}]}}}}"#,
         "spec.template.spec.volumes[0]: expected exactly one of configMap, secret, emptyDir, hostPath, persistentVolumeClaim"),
        (#"{"kind":"Secret","apiVersion":"v1","data":{"k":"not base64!"}}"#, "data.k: expected base64 of UTF-8 text, got 'not base64!'"),
        (#"{"kind":"ZookeeperCluster","apiVersion":"anvil.dev/v1","spec":{"replicas":"three"}}"#, "spec.replicas: expected an integer, got a string"),
        (#"{"kind":"ZookeeperCluster","apiVersion":"anvil.dev/v1","spec":{"conf":{"quorumListenOnAllIPs":"yes"}}}"#,
         "spec.conf.quorumListenOnAllIPs: expected a boolean, got a string"),
        (#"{"kind":"Service","apiVersion":"v1","spec":{"ports":[{"port":80,"extra":1}]}}"#, "spec.ports[0].extra: unknown field (the model has no such field)"),
        (#"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"ownerReferences":[{"kind":"Nope"}]}}"#,
         "metadata.ownerReferences[0].kind: expected one of ConfigMap"),
        (#"[1]"#, "expected an object, got a list"),
    ])
    func malformedObjectsNameTheField(text: String, message: String) throws {
        let json = try JSON(parsing: text)
        #expect {
            _ = try K8s.object(fromJSON: json)
        } throws: { error in
            guard let e = error as? JSONError else { return false }
            return e.description.hasPrefix(message)
        }
    }

    /// An opaque field reads back as canonical JSON, whatever order a client wrote its keys in.
    @Test func opaqueFieldsAreCanonical() throws {
        let json = try JSON(parsing: #"{"kind":"Pod","apiVersion":"v1","spec":{"containers":[{"name":"c","resources":{"requests":{"memory":"1Gi","cpu":"1"}}}]}}"#)
        let pod = try K8s.object(fromJSON: json).object
        let container = pod[field: "spec"]?.datatypeFields.first?[field: "containers"]
        guard case .seq(let containers)? = container else { Issue.record("no containers"); return }
        #expect(containers.first?[field: "resources"]?.someValue == .string(#"{"requests":{"cpu":"1","memory":"1Gi"}}"#))
        #expect(K8s.json(of: pod)["spec"]?["containers"] == .array([.members(["name": "c", "image": "",
            "resources": .members(["requests": .members(["cpu": "1", "memory": "1Gi"])])])]))
    }

    @Test func unknownFieldsAreDroppedWhenNotStrict() throws {
        let json = try JSON(parsing: #"{"kind":"Service","apiVersion":"v1","metadata":{"name":"s"},"spec":{"type":"ClusterIP","ports":[{"port":80,"protocol":"TCP"}]}}"#)
        let (_, dropped) = try K8s.object(fromJSON: json, strict: false)
        #expect(dropped == ["spec.type"])
    }

    @Test func badJSONTextNamesTheLine() {
        #expect(throws: JSONError(at: "line 2, column 3", "not valid JSON: expected ',' or '}'")) {
            _ = try JSON(parsing: "{\"a\": 1\n  \"b\": 2}")
        }
    }

    @Test func timestampsAreRFC3339() throws {
        let codec = K8s.jsonCodec
        var reading = ValueJSONCodec.Reading(strict: true)
        #expect(codec.encode(.string("0"), .string, .timestamp) == "1970-01-01T00:00:00Z")
        #expect(codec.encode(.string("951782400"), .string, .timestamp) == "2000-02-29T00:00:00Z")
        #expect(try codec.decode("2000-02-29T00:00:00Z", .string, .timestamp, at: "t", &reading) == .string("951782400"))
        #expect(try codec.decode("2000-02-30T00:00:00Z", .string, .timestamp, at: "t", &reading) == .string("2000-02-30T00:00:00Z"))
    }

    @Test func customResourceDefinitionsAreStructural() {
        for kind in K8s.Kind.allCases where kind.isCustomResource {
            let crd = K8s.customResourceDefinition(kind)
            let schema = crd["spec"]?["versions"].flatMap { if case .array(let v) = $0 { return v.first } else { return nil } }?["schema"]?["openAPIV3Schema"]
            #expect(schema?["properties"]?["spec"]?["type"] == "object", "\(kind)")
            #expect(K8s.customResourceDefinition(kind).yamlText.hasPrefix("apiVersion: \"apiextensions.k8s.io/v1\"\n"))
        }
    }
}
