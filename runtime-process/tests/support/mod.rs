//! Helpers shared by the process tests.
#![allow(dead_code, unreachable_pub)]

use std::future::Future;

/// A current-thread runtime with the I/O driver.
pub fn current_thread() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap()
}

/// A multi-thread runtime with the I/O driver.
pub fn multi_thread(workers: usize) -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap()
}

/// Runs `fut` on a fresh current-thread runtime.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    current_thread().block_on(fut)
}

/// Whether `pid` names a live (or zombie) process we may signal.
pub fn pid_exists(pid: u32) -> bool {
    // SAFETY: signal 0 only checks that the process exists; no signal is
    // sent and no memory is touched.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}
