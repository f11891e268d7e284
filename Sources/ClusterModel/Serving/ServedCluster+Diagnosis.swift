/// Why the model refused a request, in Kubernetes' words, found by evaluating the API server's
/// admission checks one by one on the state before the request. The checks are the model's own
/// terms (`K8s.metadataIsValid`, `K8s.stateIsValid`, `K8s.transitionIsValid`); a failed one is
/// reported by its false conjuncts (`spec: Invalid value: the model requires (3 <= spec.replicas)`).
extension ServedCluster {
    /// The message for `request` failing with `code`; `resource` names the object.
    public func failureMessage(_ request: Value, _ outcome: Outcome, _ code: APIServer.ErrorCode,
                               resource: KubernetesREST.Resource) -> String {
        let what = "\(resource.kind.resource) \"\(resource.name ?? "")\""
        switch outcome.fault {
        case "drop": return "the request was dropped (injected by the model's dropRequest); the client sees a timeout"
        case "api-error": return "an injected API error (the model's failRequest): \(code.rawValue)"
        default: break
        }
        let f = request.datatypeFields
        let object = ["create": 1, "update": 2, "updateStatus": 2][request.constructorName ?? ""].map { f[$0] }
        let name = object?[field: "metadata"]?[field: "name"]?.someValue?.stringValue ?? resource.name ?? ""
        let title = "\(resource.kind.kubernetesName) \"\(name)\""
        switch code {
        case .objectNotFound: return "\(what) not found"
        case .objectAlreadyExists: return "\(resource.kind.resource) \"\(name)\" already exists"
        case .conflict:
            if request.constructorName == "delete" { return "Precondition failed: the uid or resourceVersion of \(what) differs" }
            return "Operation cannot be fulfilled on \(what): the object has been modified; please apply your changes to the latest version and try again"
        case .forbidden:
            return "\(title) is forbidden: finalizers cannot be added once the object is being deleted (metadata.finalizers)"
        case .invalid, .badRequest:
            guard let object else { return "\(title): \(code.rawValue)" }
            let reasons = admissionFailures(request.constructorName!, object, namespace: f[0].stringValue ?? "", urlName: resource.name,
                                            before: outcome.before)
            let text = reasons.isEmpty ? "rejected by the model's admission checks" : reasons.joined(separator: "; ")
            return code == .invalid ? "\(title) is invalid: \(text)" : text
        default:
            return "\(what): \(code.rawValue)"
        }
    }

    /// The failed checks of a create or update, in the order the model makes them.
    func admissionFailures(_ ctor: String, _ object: Value, namespace: String, urlName: String?, before: Value) -> [String] {
        let meta = object[field: "metadata"]!
        let name = meta[field: "name"]?.someValue?.stringValue
        let objectNamespace = meta[field: "namespace"]?.someValue?.stringValue
        if let objectNamespace, objectNamespace != namespace {
            return ["the namespace of the provided object (\(objectNamespace)) does not match the namespace sent on the request (\(namespace))"]
        }
        let stored: Value? = object.objectKind.flatMap { kind in
            guard case .map(let etcd, _)? = before[field: "etcd"] else { return nil }
            return etcd[.objectKey(kind, namespace: namespace, name: name ?? "")]
        }
        if ctor == "create" {
            if name == nil && meta[field: "generateName"]?.someValue == nil {
                return ["metadata.name: Required value: name or generateName is required"]
            }
        } else {
            if name != urlName { return ["the name of the object (\(name ?? "")) does not match the name on the URL (\(urlName ?? ""))"] }
            if meta[field: "resourceVersion"]?.someValue == nil, object.objectKind?.isCustomResource == true {
                return ["metadata.resourceVersion: Invalid value: 0: must be specified for an update"]
            }
        }
        var candidate = object.setting("metadata", meta.setting("namespace", .option(.string(namespace), of: .string)))
        if ctor == "updateStatus", let stored { candidate = stored.setting("status", object[field: "status"]!) }
        else if ctor == "update", let stored { candidate = candidate.setting("status", stored[field: "status"]!) }
        var reasons: [String] = []
        let metadataChecks = Self.falseConjuncts({ try K8s.metadataIsValid($0) }, "metadata", candidate[field: "metadata"]!, K8s.objectMeta)
        if !metadataChecks.isEmpty {
            let explained = Self.metadataLimits(candidate[field: "metadata"]!)
            reasons += explained.isEmpty
                ? metadataChecks.map { "\(Self.fieldPath(in: $0, or: "metadata")): Invalid value: the model requires \(Self.brief($0))" }
                : explained
        }
        reasons += Self.falseConjuncts({ try K8s.stateIsValid($0) }, "object", candidate, K8s.object)
            .map { "\(Self.fieldPath(in: $0, or: "spec")): Invalid value: the model's state validation requires \(Self.brief($0))" }
        if ctor != "create", let stored {
            let old = Variable("old", .datatype(K8s.object)), new = Variable("new", .datatype(K8s.object))
            if let rule = try? K8s.transitionIsValid(old: old.term, new: new.term) {
                reasons += rule.falseConjuncts([old: stored, new: candidate]).map {
                    let text = $0.description.replacingOccurrences(of: "new.", with: "")
                    return "\(Self.fieldPath(in: text, or: "spec")): Invalid value: the model's transition validation requires \(Self.brief(text))"
                }
            }
        }
        return reasons
    }

    /// The model's metadata limits that `meta` breaks, in words (only called when the model's
    /// `metadataIsValid` is false: the verdict is the model's, these name the field).
    static func metadataLimits(_ meta: Value) -> [String] {
        guard case .seq(let owners)? = meta[field: "ownerReferences"], case .seq(let finalizers)? = meta[field: "finalizers"] else { return [] }
        var out: [String] = []
        if owners.count > K8s.maxOwnerReferences {
            out.append("metadata.ownerReferences: Invalid value: at most \(K8s.maxOwnerReferences) owner references (a model limit)")
        }
        if finalizers.count > K8s.maxFinalizers {
            out.append("metadata.finalizers: Invalid value: at most \(K8s.maxFinalizers) finalizers (a model limit)")
        }
        if owners.filter({ $0[field: "controller"]?.someValue == .bool(true) }).count > 1 {
            out.append("metadata.ownerReferences: Invalid value: only one reference can have controller set to true")
        }
        return out
    }

    /// The first field path a condition mentions (`metadata.ownerReferences`), to name the field.
    static func fieldPath(in text: String, or fallback: String) -> String {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") })
        return words.first { ($0.hasPrefix("metadata.") || $0.hasPrefix("spec.")) && !$0.hasSuffix(".") }.map(String.init) ?? fallback
    }

    /// A condition's text, cut to a readable length.
    static func brief(_ text: String) -> String { text.count <= 160 ? text : String(text.prefix(157)) + "..." }

    static func falseConjuncts(_ check: (Term) throws -> Term, _ name: String, _ value: Value, _ decl: DatatypeDecl) -> [String] {
        let v = Variable(name, .datatype(decl))
        guard let term = try? check(v.term) else { return [] }
        return term.falseConjuncts([v: value]).map { $0.description.replacingOccurrences(of: "object.", with: "") }
    }
}

extension Term {
    /// The conjuncts of this Boolean term that are false under `env`: `and`s are split, a `match`
    /// or `let` is followed into the arm that applies (its bound variables renamed after what they
    /// stand for, so `(3 <= spec.replicas)` reads as a field path), anything else is a leaf.
    func falseConjuncts(_ env: [Variable: Value]) -> [Term] {
        switch node {
        case .apply(.and, let args):
            return args.flatMap { $0.falseConjuncts(env) }
        case .match(let scrutinee, let arms):
            guard case .datatype(_, let c, let fields)? = try? scrutinee.evaluate(env),
                  let arm = arms.first(where: { $0.constructor == c }) else { break }
            var inner = env
            var renaming: [Variable: Term] = [:]
            for (binding, field) in zip(arm.bindings, fields) {
                let label = arm.bindings.count == 1 ? scrutinee.description
                    : "\(scrutinee.description).\(binding.name.prefix { $0 != "!" })"
                let named = Variable(label, binding.sort)
                renaming[binding] = named.term
                inner[named] = field
            }
            return arm.body.substituting(renaming).falseConjuncts(inner)
        case .letIn(let v, let value, let body):
            guard let x = try? value.evaluate(env) else { break }
            var inner = env
            inner[v] = x
            return body.falseConjuncts(inner)
        default:
            break
        }
        return (try? evaluate(env)) == .bool(false) ? [self] : []
    }
}
