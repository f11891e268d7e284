import Yams

/// Reads a custom resource written as Kubernetes YAML (the shape `kubectl apply` takes) into an
/// object term of the model, by the sorts of the model's datatypes. Errors name the field.
public enum KubernetesYAML {
    /// Why a document could not be read, naming the field.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The custom resource of `kind` that the YAML document `text` describes.
    public static func object(_ text: String, kind: K8s.Kind) throws -> Term {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw Failure(description: "the document is empty") }
            root = node
        } catch let error as Failure { throw error } catch {
            throw Failure(description: "not valid YAML: \(error)")
        }
        guard let fields = root.mapping else { throw Failure(description: "the document is not a mapping") }
        for key in fields.keys.compactMap(\.string) where !["apiVersion", "kind", "metadata", "spec", "status"].contains(key) {
            throw Failure(description: "unknown top-level field '\(key)'")
        }
        let expectedKind = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
        guard let givenKind = fields["kind"]?.string else { throw Failure(description: "kind: missing") }
        guard givenKind == expectedKind else { throw Failure(description: "kind: expected \(expectedKind), got \(givenKind)") }
        guard fields["apiVersion"]?.string != nil else { throw Failure(description: "apiVersion: missing") }
        guard let metadata = fields["metadata"]?.mapping else { throw Failure(description: "metadata: missing") }
        var meta: [String: Term] = [:]
        for (k, v) in metadata {
            guard let key = k.string else { continue }
            switch key {
            case "name", "namespace", "generateName":
                meta[key] = try decode(v, .string, path: "metadata.\(key)")
            case "labels", "annotations":
                meta[key] = try decode(v, .map(.string, .string), path: "metadata.\(key)")
            default:
                throw Failure(description: "metadata.\(key): not accepted for a new custom resource")
            }
        }
        guard meta["name"] != nil else { throw Failure(description: "metadata.name: missing") }
        let spec = try decode(fields["spec"] ?? Node.mapping([:]), .datatype(kind.specDecl), path: "spec")
        return try K8s.Object.make(kind, metadata: K8s.meta(
            name: meta["name"], namespace: meta["namespace"] ?? "default",
            labels: meta["labels"] ?? .emptyMap(.string, .string), annotations: meta["annotations"] ?? .emptyMap(.string, .string)),
            spec: spec)
    }

    /// A YAML node as a term of `sort`; a missing record field takes its sort's zero value.
    static func decode(_ node: Node, _ sort: Sort, path: String) throws -> Term {
        func fail(_ expected: String) -> Failure { Failure(description: "\(path): expected \(expected), got \(node.any)") }
        switch sort {
        case .bool:
            guard let b = node.bool else { throw fail("a boolean") }
            return .bool(b)
        case .int:
            guard let n = node.int else { throw fail("an integer") }
            return .int(n)
        case .string:
            guard let s = node.string else { throw fail("a string") }
            return .string(s)
        case .map(let k, let v):
            guard let m = node.mapping else { throw fail("a mapping") }
            var result = Term.emptyMap(k, v)
            for (key, value) in m {
                let keyText = key.string ?? "?"
                result = try result.inserting(decode(key, k, path: path), decode(value, v, path: "\(path).\(keyText)"))
            }
            return result
        case .seq(let e):
            guard let items = node.sequence else { throw fail("a list") }
            return try Term.seq(items.enumerated().map { try decode($1, e, path: "\(path)[\($0)]") }, of: e)
        case .datatype(let d) where d.isOption:
            if node.null != nil { return .none(d.fieldSort(1, 0)) }
            return .some(try decode(node, d.fieldSort(1, 0), path: path))
        case .datatype(let d) where d.constructors.allSatisfy(\.fields.isEmpty):
            guard let name = node.string, d.constructorIndex(name) != nil else {
                throw fail("one of " + d.constructors.map(\.name).joined(separator: ", "))
            }
            return try .enumCase(d, name)
        case .datatype(let d) where d.constructors.count == 1:
            guard let m = node.mapping else { throw fail("a mapping") }
            let fields = d.constructors[0].fields
            for key in m.keys.compactMap(\.string) where !fields.contains(where: { $0.name == key }) {
                throw Failure(description: "\(path).\(key): unknown field (\(d.name) has " + fields.map(\.name).joined(separator: ", ") + ")")
            }
            var args: [Term] = []
            for (i, f) in fields.enumerated() {
                let fieldSort = d.fieldSort(0, i)
                if let value = m[f.name] {
                    args.append(try decode(value, fieldSort, path: "\(path).\(f.name)"))
                } else {
                    args.append(try .literal(fieldSort.zeroValue, sort: fieldSort))
                }
            }
            return try .apply(.construct(d, 0), args)
        default:
            throw Failure(description: "\(path): values of sort \(sort) cannot be written in YAML yet")
        }
    }
}

extension Node {
    /// The node as plain text, for error messages.
    var any: String { string.map { "'\($0)'" } ?? (mapping != nil ? "a mapping" : sequence != nil ? "a list" : "null") }
}
