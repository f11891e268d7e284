import Foundation

/// The keys waiting for a reconcile, each with the time it is due: an event makes a key due now,
/// a finished reconcile makes it due after the requeue delay (an earlier due time wins).
final class ReconcileQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var due: [Value: Date] = [:]

    /// Makes `key` due `after` seconds from now, unless it is due sooner already.
    func schedule(_ key: Value, after seconds: TimeInterval) {
        condition.lock()
        defer { condition.unlock() }
        let when = Date().addingTimeInterval(seconds)
        if let current = due[key], current <= when { return }
        due[key] = when
        condition.broadcast()
    }

    /// Forgets `key` (its object is gone).
    func cancel(_ key: Value) {
        condition.lock()
        defer { condition.unlock() }
        due[key] = nil
    }

    /// Waits for the key due first and takes it out of the queue; `nil` if none is due by `deadline`.
    func next(until requested: Date = .distantFuture) -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let now = Date()
            // NSCondition cannot wait until the distant future: wait at most an hour at a time.
            let deadline = min(requested, now.addingTimeInterval(3_600))
            if let (key, when) = due.min(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.description < $1.key.description) }) {
                if when <= now { due[key] = nil; return key }
                if !condition.wait(until: min(when, deadline)) && requested <= Date() { return nil }
            } else if !condition.wait(until: deadline) && requested <= Date() {
                return nil
            }
        }
    }

    /// How many keys are waiting.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return due.count
    }
}
