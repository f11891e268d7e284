/// A lasso-shaped execution: a finite prefix of states, then a non-empty loop repeated forever.
/// Position `i` of the execution is `states[i]` for `i < count`; after the last position the
/// execution continues at the loop's first position.
public struct Lasso: Hashable, Sendable, CustomStringConvertible {
    public let prefix: [Value]
    public let loop: [Value]

    public init(prefix: [Value], loop: [Value]) {
        precondition(!loop.isEmpty, "a lasso needs a non-empty loop")
        self.prefix = prefix
        self.loop = loop
    }

    /// The distinct positions' states: the prefix followed by one round of the loop.
    public var states: [Value] { prefix + loop }
    public var count: Int { prefix.count + loop.count }

    /// The position that follows position `i`.
    public func successor(of i: Int) -> Int { i + 1 < count ? i + 1 : prefix.count }

    /// Every lasso over `states` with a prefix of at most `maxPrefix` and a loop of 1 to `maxLoop` states.
    public static func all(over states: [Value], maxPrefix: Int, maxLoop: Int) -> [Lasso] {
        func sequences(_ n: Int) -> [[Value]] {
            (0..<n).reduce([[]]) { acc, _ in acc.flatMap { seq in states.map { seq + [$0] } } }
        }
        var result: [Lasso] = []
        for p in 0...maxPrefix {
            let prefixes = sequences(p)
            for l in 1...max(1, maxLoop) {
                for loop in sequences(l) { result += prefixes.map { Lasso(prefix: $0, loop: loop) } }
            }
        }
        return result
    }

    public var description: String {
        prefix.map(\.description).joined(separator: " ") + " (" + loop.map(\.description).joined(separator: " ") + ")^w"
    }
}
