/// Enumeration of the values of finite sorts, used to evaluate quantifiers and to spell out
/// complemented sets and defaulted maps over such sorts.
extension Sort {
    /// Every value of the sort in declaration order (`false` before `true`), or `nil` when the sort is not finite.
    public var allValues: [Value]? {
        isFinite ? enumerateFinite() : nil
    }

    private func enumerateFinite() -> [Value] {
        switch self {
        case .bool:
            return [.bool(false), .bool(true)]
        case .datatype(let d):
            var values: [Value] = []
            for (c, ctor) in d.constructors.enumerated() {
                var tuples: [[Value]] = [[]]
                for f in ctor.fields.indices {
                    let choices = d.fieldSort(c, f).enumerateFinite()
                    tuples = tuples.flatMap { tuple in choices.map { tuple + [$0] } }
                }
                values += tuples.map { .datatype(d, constructor: c, fields: $0) }
            }
            return values
        default:
            return []
        }
    }
}
