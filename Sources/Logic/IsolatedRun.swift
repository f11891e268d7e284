#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a computation in a forked copy of the process, so that a crash or a hang in it costs only
/// the copy (`anvil-prove --isolate`, where a Z3 crash is suspected). The copy sends its result
/// back as text through a pipe. It has only the forking thread: it must not use Dispatch or other
/// threads (`Z3Session.runIsolated` checks there without a watchdog; the parent kills the copy at
/// the wall-clock limit).
enum IsolatedRun {
    enum Outcome: Equatable, Sendable {
        /// The copy finished and sent this text.
        case finished(String)
        /// The copy was ended by this signal (a crash).
        case crashed(Int32)
        /// The copy ran past the wall-clock time allowed and was killed.
        case timedOut
        /// The copy used no processor time for `stallSeconds` (blocked for good, for example on
        /// a lock another thread of this process held when it was copied) and was killed.
        case stalled
        /// No copy could be made, or it ended without sending a result.
        case unavailable(String)
    }

    /// How long a copy may go without using processor time before it counts as blocked.
    static let stallSeconds = 20.0

    /// `body()`'s text, computed in a forked copy that is killed after `seconds` (never, with
    /// nil) or when it has used no processor time for `stallAfter` seconds. The copy writes
    /// nothing but its result and leaves with `_exit` (flushing no buffers); a crash in it ends it
    /// quietly, without the inherited backtrace handler.
    static func run(seconds: Double?, stallAfter: Double = stallSeconds, _ body: () -> String) -> Outcome {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return .unavailable("no pipe (errno \(errno))") }
        let pid = fork()
        if pid < 0 {
            close(fds[0]); close(fds[1])
            return .unavailable("no fork (errno \(errno))")
        }
        if pid == 0 {
            close(fds[0])
            // Other workers' pipes, inherited at this fork, are closed, so that this copy never
            // keeps another copy's pipe open (whose reader would then wait for this copy's end).
            let limit = min(Int32(sysconf(Int32(_SC_OPEN_MAX))), 4096)
            for fd in Int32(3)..<max(limit, 3) where fd != fds[1] { close(fd) }
            for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] { signal(sig, SIG_DFL) }
            let bytes = Array(body().utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
                if n <= 0 { _exit(2) }
                sent += n
            }
            _exit(0)
        }
        close(fds[1])
        defer { close(fds[0]) }
        // Non-blocking reads: a copy forked by another worker at the same moment may hold this
        // pipe's write end too, so the end of the copy, not only the pipe's end, finishes the wait.
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        let start = ContinuousClock.now
        var output: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        func drain() -> Bool {  // false at the pipe's end
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output += buffer[0..<n]; continue }
                return n < 0
            }
        }
        var lastCPU = cpuTicks(pid), lastProgress = start, lastLook = start
        var status: Int32 = 0, exited = false
        while true {
            var p = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 10) > 0, !drain() { break }
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                _ = drain()
                break
            }
            let now = ContinuousClock.now
            if let seconds, now - start > .milliseconds(Int(seconds * 1000)) { return killed(pid, .timedOut) }
            guard now - lastLook > .milliseconds(250) else { continue }
            lastLook = now
            let cpu = cpuTicks(pid)
            if cpu != lastCPU { lastCPU = cpu; lastProgress = now }
            else if now - lastProgress > .milliseconds(Int(stallAfter * 1000)) { return killed(pid, .stalled) }
        }
        if !exited { _ = waitpid(pid, &status, 0) }
        let ending = status & 0x7f
        if ending != 0 { return .crashed(ending) }
        let code = (status >> 8) & 0xff
        guard code == 0 else { return .unavailable("the copy exited with \(code)") }
        return .finished(String(decoding: output, as: UTF8.self))
    }

    private static func killed(_ pid: pid_t, _ outcome: Outcome) -> Outcome {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        return outcome
    }

    /// The processor time the process has used (user + system clock ticks, from `/proc`; nil
    /// where there is no `/proc`, and then a copy never counts as stalled).
    private static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15 (1-based, counting pid and comm).
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
