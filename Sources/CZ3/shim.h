#ifndef ANVIL_CZ3_SHIM_H
#define ANVIL_CZ3_SHIM_H
#include <z3.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

// A guard around Z3_solver_check against Z3 4.8.12's crashes on some queries (a null pointer
// dereference in its relevancy propagation): a SIGSEGV or SIGBUS raised on the thread while it is
// inside a guarded check jumps back out of Z3, and the check reports the signal instead of
// killing the process. The context it ran in is then in an unknown state: the caller must never
// use or free it again. A fault anywhere else goes to the handler that was there before (the
// Swift runtime's backtracer), as if the guard did not exist.

// The guard's state lives in function-local statics: Swift's importer emits the bodies of a
// header's inline functions, not its global variables. Each Swift module that calls them gets
// its own copy, so only one module (Logic) may install the guard and run guarded checks.
static inline sigjmp_buf **anvil_guard_jump_slot(void) { static _Thread_local sigjmp_buf *slot; return &slot; }
static inline volatile sig_atomic_t *anvil_guard_signal_slot(void) { static _Thread_local volatile sig_atomic_t slot; return &slot; }
static inline struct sigaction *anvil_guard_previous(int sig) {
    static struct sigaction segv, bus;
    return sig == SIGSEGV ? &segv : &bus;
}

static inline void anvil_guard_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    sigjmp_buf *jump = *anvil_guard_jump_slot();
    if (jump != NULL) {
        *anvil_guard_jump_slot() = NULL;
        *anvil_guard_signal_slot() = sig;
        siglongjmp(*jump, 1);
    }
    // Not in a guarded check: put the previous handler back; the faulting instruction runs again
    // under it (a signal sent by kill is raised again instead).
    sigaction(sig, anvil_guard_previous(sig), NULL);
    if (info == NULL || info->si_code <= 0) raise(sig);
}

/// Installs the handler (once per process; later calls do nothing). Returns 0 on success.
static inline int anvil_guard_install(void) {
    static int installed = 0;
    if (__atomic_exchange_n(&installed, 1, __ATOMIC_SEQ_CST)) return 0;
    struct sigaction action;
    action.sa_sigaction = anvil_guard_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    if (sigaction(SIGSEGV, &action, anvil_guard_previous(SIGSEGV)) != 0) return -1;
    if (sigaction(SIGBUS, &action, anvil_guard_previous(SIGBUS)) != 0) return -1;
    return 0;
}

/// Z3_solver_check under the guard: `*fault` is 0, or the signal that stopped Z3 (the answer is then Z3_L_UNDEF).
static inline Z3_lbool anvil_guarded_solver_check(Z3_context c, Z3_solver s, int *fault) {
    sigjmp_buf jump;
    *fault = 0;
    if (sigsetjmp(jump, 1) != 0) {
        *fault = *anvil_guard_signal_slot();
        return Z3_L_UNDEF;
    }
    *anvil_guard_jump_slot() = &jump;
    Z3_lbool answer = Z3_solver_check(c, s);
    *anvil_guard_jump_slot() = NULL;
    return answer;
}

/// For tests: dereferences a null pointer under the guard; returns the signal that stopped it.
static inline int anvil_guarded_fault_for_testing(void) {
    sigjmp_buf jump;
    if (sigsetjmp(jump, 1) != 0) return *anvil_guard_signal_slot();
    *anvil_guard_jump_slot() = &jump;
    volatile int *null_pointer = NULL;
    int value = *null_pointer;
    *anvil_guard_jump_slot() = NULL;
    return value * 0;
}

#endif
