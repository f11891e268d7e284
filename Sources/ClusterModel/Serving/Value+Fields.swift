/// Reading concrete values the way terms read them: a record's field by name, a constructor's
/// name, an option's payload. For code that handles evaluated values (the REST server and the
/// controller runtime).
extension Value {
    /// The field `name` of a datatype value's constructor, or `nil`.
    public subscript(field name: String) -> Value? {
        guard case .datatype(let d, let c, let fields) = self,
              let i = d.constructors[c].fields.firstIndex(where: { $0.name == name }) else { return nil }
        return fields[i]
    }

    /// The constructor's name of a datatype value, or `nil`.
    public var constructorName: String? {
        guard case .datatype(let d, let c, _) = self else { return nil }
        return d.constructors[c].name
    }

    /// The fields of a datatype value (empty for other values).
    public var datatypeFields: [Value] {
        if case .datatype(_, _, let fields) = self { return fields }
        return []
    }

    /// The integer, when this is one.
    public var intValue: Int? {
        if case .int(let n) = self { return n }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The payload of `some`, or `nil` for `none` and for values that are not options.
    public var someValue: Value? { optionPayload ?? nil }

    /// The kind of an `Object` or `ObjectKey` value.
    public var objectKind: K8s.Kind? {
        guard case .datatype(_, let c, _)? = self[field: "kind"], c < K8s.Kind.allCases.count else { return nil }
        return K8s.Kind.allCases[c]
    }

    /// An `ObjectKey` value.
    public static func objectKey(_ kind: K8s.Kind, namespace: String, name: String) -> Value {
        .datatype(K8s.objectKey, constructor: 0, fields: [
            .datatype(K8s.kind, constructor: K8s.Kind.allCases.firstIndex(of: kind)!, fields: []), .string(namespace), .string(name),
        ])
    }

    /// An `ObjectKey` value as `resource namespace/name` (`configmaps default/demo-data`).
    public var keyDescription: String {
        "\(objectKind?.resource ?? "?") \(self[field: "namespace"]?.stringValue ?? "")/\(self[field: "name"]?.stringValue ?? "")"
    }
}
