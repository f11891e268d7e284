import Foundation

extension KubernetesREST {
    /// Equality-based label and field selectors of a list or watch (`app=zk,tier!=db`,
    /// `metadata.name=demo`): what `kubectl get -l` and `kubectl delete --wait` send. Set-based
    /// label selectors (`in`, `notin`) are not supported.
    public struct Selector: Sendable, Equatable {
        enum Test: Sendable, Equatable {
            case equals(String, String), differs(String, String), exists(String), absent(String)
        }
        var labels: [Test] = []
        var fields: [Test] = []

        public init() {}

        /// Parses the `labelSelector` and `fieldSelector` query values; fields may be
        /// `metadata.name` and `metadata.namespace`.
        public init(labelSelector: String?, fieldSelector: String?) throws(Failure) {
            labels = try Self.parse(labelSelector ?? "", what: "labelSelector")
            fields = try Self.parse(fieldSelector ?? "", what: "fieldSelector")
            for test in fields {
                let key: String
                switch test { case .equals(let k, _), .differs(let k, _), .exists(let k), .absent(let k): key = k }
                guard ["metadata.name", "metadata.namespace"].contains(key) else {
                    throw Failure(.badRequest, "fieldSelector: the field '\(key)' is not supported (only metadata.name and metadata.namespace)")
                }
            }
        }

        static func parse(_ text: String, what: String) throws(Failure) -> [Test] {
            var tests: [Test] = []
            for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                if part.contains(" in ") || part.contains(" notin ") || part.contains("(") {
                    throw Failure(.badRequest, "\(what): set-based requirements are not supported: '\(part)'")
                }
                if let r = part.range(of: "!=") {
                    tests.append(.differs(String(part[..<r.lowerBound]), String(part[r.upperBound...])))
                } else if let r = part.range(of: "==") ?? part.range(of: "=") {
                    tests.append(.equals(String(part[..<r.lowerBound]), String(part[r.upperBound...])))
                } else if part.hasPrefix("!") {
                    tests.append(.absent(String(part.dropFirst())))
                } else {
                    tests.append(.exists(part))
                }
            }
            return tests
        }

        /// Whether a stored object passes every requirement.
        public func matches(_ object: Value) -> Bool {
            let meta = object[field: "metadata"]
            var labelMap: [String: String] = [:]
            if case .map(let entries, _)? = meta?[field: "labels"] {
                for (k, v) in entries { if let k = k.stringValue, let v = v.stringValue { labelMap[k] = v } }
            }
            let fieldMap = [
                "metadata.name": meta?[field: "name"]?.someValue?.stringValue,
                "metadata.namespace": meta?[field: "namespace"]?.someValue?.stringValue,
            ].compactMapValues { $0 }
            return labels.allSatisfy { Self.passes($0, labelMap) } && fields.allSatisfy { Self.passes($0, fieldMap) }
        }

        static func passes(_ test: Test, _ values: [String: String]) -> Bool {
            switch test {
            case .equals(let k, let v): return values[k] == v
            case .differs(let k, let v): return values[k] != v
            case .exists(let k): return values[k] != nil
            case .absent(let k): return values[k] == nil
            }
        }
    }
}
