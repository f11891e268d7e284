import Foundation
import Synchronization

/// A live progress line on a terminal: obligations checked so far and the one just finished,
/// rewritten in place on standard error. Off when standard error is not a terminal, so logs and
/// CI output keep plain lines only.
public final class Progress: Sendable {
    private let state = Mutex<(done: Int, lastWrite: ContinuousClock.Instant?)>((0, nil))
    public let isLive: Bool

    public init(live: Bool = isatty(2) != 0) { isLive = live }

    /// Counts one finished obligation and, at most ten times a second, shows it.
    public func finished(_ obligation: Obligation) {
        guard isLive else { return }
        let now = ContinuousClock.now
        let line: String? = state.withLock { s in
            s.done += 1
            if let last = s.lastWrite, last.duration(to: now) < .milliseconds(100) { return nil }
            s.lastWrite = now
            return "\(s.done) obligations checked  \(obligation.label)"
        }
        guard let line else { return }
        let width = 100
        let shown = line.count > width ? String(line.prefix(width - 1)) + "…" : line.padding(toLength: width, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(("\r" + shown).utf8))
    }

    /// Clears the line before ordinary output is printed.
    public func clear() {
        guard isLive, state.withLock({ $0.lastWrite != nil }) else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 100) + "\r").utf8))
    }
}
