import Synchronization

/// Local definitions in model terms.
extension Term {
    /// `let x = value in body(x)` with a name no other binding uses, so a caller's term passed into
    /// `body` can never be captured by the binding.
    static func bind(_ hint: String, _ value: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try letIn("\(hint)#cm\(bindingCounter.add(1, ordering: .relaxed).newValue)", value, body)
    }
}

private let bindingCounter = Atomic<Int>(0)
