//! Helpers shared by the signal tests.
//!
//! Signals are process-wide: tests that run in one binary (one process, one
//! thread per test) each use a signal no other test of that binary uses, and
//! behaviour that needs a process to itself has a file of its own.

#![allow(dead_code)]

use runtime_core::runtime::{Builder, Runtime};

/// A current-thread runtime with the I/O and signal drivers.
pub(crate) fn rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .driver_layer(runtime_signal::driver::layer())
        .build()
        .unwrap()
}

/// A multi-thread runtime with the I/O and signal drivers.
pub(crate) fn multi_rt(workers: usize) -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(workers)
        .driver_layer(runtime_net::driver::layer())
        .driver_layer(runtime_signal::driver::layer())
        .build()
        .unwrap()
}

/// Sends `signum` to this process (any thread not blocking it handles it).
pub(crate) fn send_signal(signum: libc::c_int) {
    // SAFETY: kill(2) with our own pid; the callers have a handler installed
    // for `signum` (a `Signal` exists), so the default action does not run.
    let rc = unsafe { libc::kill(libc::getpid(), signum) };
    assert_eq!(rc, 0, "kill: {}", std::io::Error::last_os_error());
}

/// Raises `signum` on the calling thread; it is handled before this returns.
pub(crate) fn raise(signum: libc::c_int) {
    // SAFETY: as for `send_signal`.
    let rc = unsafe { libc::raise(signum) };
    assert_eq!(rc, 0, "raise: {}", std::io::Error::last_os_error());
}
