/// A named function of terms, `name(parameters) = body`, that proofs see opaque (Verus's
/// `#[verifier::opaque]`): a validity check gives Z3 its applications as an uninterpreted function
/// of the arguments, so Z3 knows only that equal arguments give equal results; evaluation and
/// satisfiability checks (counterexample searches, which must find real executions) use the body.
///
/// Sound: a formula valid for every interpretation of the function is valid for the body's. It
/// spares Z3 what no step of a proof looks into, such as a configuration file spelled out from a
/// resource's fields (ZooKeeper's `zoo.cfg`, whose digits Z3's string solver otherwise expands in
/// every query that mentions the made config map). A check that needs the body fails, and says
/// which definitions it kept opaque.
public final class Definition: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let parameters: [Variable]
    /// The body, whose free variables are among the parameters.
    public let body: Term

    /// A definition; throws if the body mentions a variable that is not a parameter, or a
    /// parameter appears twice.
    public init(_ name: String, _ parameters: [Variable], body: Term) throws(SortError) {
        guard Set(parameters).count == parameters.count else { throw SortError("definition \(name): a parameter appears twice") }
        let extra = body.freeVariables.subtracting(parameters)
        guard extra.isEmpty else {
            throw SortError("definition \(name): its body mentions \(extra.map(\.name).sorted().joined(separator: ", ")), not parameters")
        }
        self.name = name
        self.parameters = parameters
        self.body = body
    }

    /// A definition of the function that `build` makes of the parameters' terms.
    public convenience init(_ name: String, _ parameters: [Variable],
                            _ build: ([Term]) throws(SortError) -> Term) throws(SortError) {
        try self.init(name, parameters, body: build(parameters.map(\.term)))
    }

    /// The definition applied to `arguments` (one per parameter, of its sort).
    public func callAsFunction(_ arguments: [Term]) throws(SortError) -> Term {
        guard arguments.count == parameters.count, zip(parameters, arguments).allSatisfy({ $0.sort == $1.sort }) else {
            throw SortError("\(name) takes (\(parameters.map(\.sort.description).joined(separator: ", "))), "
                            + "given (\(arguments.map(\.sort.description).joined(separator: ", ")))")
        }
        return Term(sort: body.sort, node: .opaque(self, arguments, instance: instance(arguments)))
    }

    /// The body with the parameters replaced by `arguments`.
    func instance(_ arguments: [Term]) -> Term {
        body.substituting(Dictionary(uniqueKeysWithValues: zip(parameters, arguments)))
    }

    public static func == (a: Definition, b: Definition) -> Bool {
        a === b || (a.name == b.name && a.parameters == b.parameters && a.body == b.body)
    }
    public func hash(into h: inout Hasher) { h.combine(name); h.combine(parameters); h.combine(body) }
    public var description: String { name }
}
