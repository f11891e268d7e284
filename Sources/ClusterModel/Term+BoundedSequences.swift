/// Predicates over the first elements of a sequence: finite conjunctions and sums, so both Z3 and the
/// evaluator decide them without quantifiers. Callers bound the length separately.
extension Term {
    /// Whether every one of the first `bound` elements of a sequence satisfies `predicate`; equal to
    /// "every element does" whenever the sequence is no longer than `bound`.
    func everyElement(upTo bound: Int, _ predicate: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .and((0..<bound).map { (i) throws(SortError) in try element(at: .int(i)).unwrap(or: .true, predicate) })
    }

    /// How many of the first `bound` elements of a sequence satisfy `predicate`.
    func countElements(upTo bound: Int, _ predicate: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let ones = try (0..<bound).map { (i) throws(SortError) in
            try element(at: .int(i)).unwrap(or: 0) { (x) throws(SortError) in try .ite(predicate(x), 1, 0) }
        }
        return ones.isEmpty ? 0 : try .apply(.add, ones)
    }
}
