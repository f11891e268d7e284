import Foundation

/// Proved obligations remembered on disk, so an unchanged obligation is not sent to Z3 again.
///
/// Trusted base: a receipt from the cache rests on an earlier run having issued one through
/// `Obligation.discharge` for the same query. An entry is keyed by the SHA-256 fingerprint of the
/// exact query (an injective encoding of goal, named hypotheses, sorts and datatypes), the Z3
/// version and the solver options that decide the answer (not the wall-clock limit). Only proved verdicts are stored; an entry whose content does
/// not name its own fingerprint or whose checksum does not match is ignored and the case re-checked.
public struct ObligationCache: Sendable {
    /// The directory holding one file per proved fingerprint.
    public let directory: String

    static let format = "anvil-obligation-cache 1"

    public init(directory: String) { self.directory = directory }

    /// The SHA-256 fingerprint of the query `obligation` puts to Z3 under `options`.
    public func fingerprint(of obligation: Obligation, options: SolverOptions) -> String {
        var encoder = CanonicalEncoder()
        encoder.append(Self.format)
        encoder.append(Prover.z3Version)
        // The wall-clock limit is left out: it can turn a proof into a failure, never a failure
        // into a proof, and an unsat answer stays one under any limit.
        encoder.append("rlimit=\(options.rlimit) seed=\(options.seed) mbqi=\(options.modelBasedQuantifiers)" + (options.relevancy.map { " relevancy=\($0)" } ?? "")
                       + (options.arrayExtensionality ? "" : " arrayExtensional=false"))
        encoder.append(obligation.goal)
        encoder.append(obligation.hypotheses.count)
        for h in obligation.hypotheses { encoder.append(h.name); encoder.append(h.term) }
        return SHA256.hex(encoder.bytes)
    }

    /// The file of a fingerprint's entry.
    public func path(of fingerprint: String) -> String { directory + "/" + fingerprint + ".proved" }

    /// Whether an earlier run found `assumption` satisfiable under `options` (the vacuity check).
    /// Not part of the trusted base: it only spares a sensitivity check, never proves anything.
    public func isKnownSatisfiable(_ assumption: Term, options: SolverOptions) -> Bool {
        let key = satisfiabilityFingerprint(assumption, options)
        guard let data = FileManager.default.contents(atPath: directory + "/" + key + ".sat") else { return false }
        return String(decoding: data, as: UTF8.self) == Self.entry(key, verdict: "satisfiable")
    }

    /// Remembers that `assumption` was found satisfiable under `options`.
    public func recordSatisfiable(_ assumption: Term, options: SolverOptions) {
        let key = satisfiabilityFingerprint(assumption, options)
        write(Self.entry(key, verdict: "satisfiable"), to: directory + "/" + key + ".sat")
    }

    private func satisfiabilityFingerprint(_ assumption: Term, _ options: SolverOptions) -> String {
        var encoder = CanonicalEncoder()
        encoder.append(Self.format)
        encoder.append("satisfiable?")
        encoder.append(Prover.z3Version)
        encoder.append("rlimit=\(options.rlimit) seed=\(options.seed) mbqi=\(options.modelBasedQuantifiers)" + (options.relevancy.map { " relevancy=\($0)" } ?? "")
                       + (options.arrayExtensionality ? "" : " arrayExtensional=false"))
        encoder.append(assumption)
        return SHA256.hex(encoder.bytes)
    }

    /// A receipt for `obligation` when a valid entry says its query was proved under `options`.
    public func receipt(for obligation: Obligation, options: SolverOptions) -> DischargeReceipt? {
        let key = fingerprint(of: obligation, options: options)
        guard let data = FileManager.default.contents(atPath: path(of: key)),
              String(decoding: data, as: UTF8.self) == Self.entry(key) else { return nil }
        return DischargeReceipt(obligation)
    }

    /// Stores the receipt's obligation as proved under `options`. The entry is written to a temporary
    /// file and renamed into place, so a reader never sees half an entry. Failing to write is not an error.
    public func record(_ receipt: DischargeReceipt, options: SolverOptions) {
        let key = fingerprint(of: receipt.obligation, options: options)
        write(Self.entry(key), to: path(of: key))
    }

    private func write(_ entry: String, to path: String) {
        let temporary = directory + "/.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(entry.utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// An entry's exact content: the format, the fingerprint, the verdict, and a checksum of those lines.
    static func entry(_ fingerprint: String, verdict: String = "proved") -> String {
        let content = "\(format)\nfingerprint \(fingerprint)\nverdict \(verdict)\n"
        return content + "checksum \(SHA256.hex(content.utf8))\n"
    }
}
