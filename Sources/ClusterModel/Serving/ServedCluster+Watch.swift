import Foundation

/// Watches, which the model does not have (its reads are quorum reads): every change of etcd
/// that an action makes is logged as an event, and a watch reads the log. A list's resource
/// version is the counter the next write takes, so a watch from it sees exactly the later
/// changes; a watch from an older version R replays the logged changes from R on.
extension ServedCluster {
    /// Logs the objects added, modified and deleted between two states.
    func recordEvents(from before: Value, to after: Value) {
        guard case .map(let old, _)? = before[field: "apiServer"]?[field: "etcd"],
              case .map(let new, _)? = after[field: "apiServer"]?[field: "etcd"], old != new else { return }
        let rv = Self.counter(before)
        var changes: [Event] = []
        for (key, object) in new where old[key] != object {
            changes.append(Event(type: old[key] == nil ? "ADDED" : "MODIFIED", resourceVersion: rv, key: key, object: object))
        }
        for (key, object) in old where new[key] == nil {
            let meta = object[field: "metadata"]!.setting("resourceVersion", .option(.int(rv), of: .int))
            changes.append(Event(type: "DELETED", resourceVersion: rv, key: key, object: object.setting("metadata", meta)))
        }
        appendEvents(changes.sorted { $0.key.description < $1.key.description })
    }

    /// The events at or after resource version `from` that pass `filter`, waiting up to
    /// `timeout` seconds for one; `nil` when `from` is older than the log keeps.
    public func events(from: Int, timeout: TimeInterval, _ filter: (Event) -> Bool) -> [Event]? {
        let deadline = Date().addingTimeInterval(timeout)
        return waitForEvents(until: deadline) { log, oldest in
            guard from >= oldest else { return nil }
            return log.filter { $0.resourceVersion >= from && filter($0) }
        }
    }
}
