internal import CZ3

/// Z3's own progress output on stderr (its `verbose` parameter, 0 for none): the simplifier's
/// passes, restarts with their conflict counts, and at 10 every theory axiom it adds. It shows
/// what a check that does not end is doing; it never changes an answer.
public func setZ3Verbosity(_ level: UInt32) {
    Z3_global_param_set("verbose", String(level))
}
