//! The std-or-loom shim: the one door through which runtime's code reaches
//! atomics, cells, `Arc`, locks and threads.
//!
//! Normally every item here is (a thin wrapper over) the standard library's.
//! Built with `RUSTFLAGS="--cfg runtime_loom"`, the same names come from
//! [loom](https://docs.rs/loom), which explores every interleaving of a
//! concurrent test. The cfg is namespaced (`runtime_loom`, not `loom`) so that
//! sibling crates' models run against this crate in loom mode without turning
//! on the `cfg(loom)` code of unrelated dependencies.
//!
//! The API is the intersection of the two worlds:
//!
//! * [`sync::Mutex`] and [`sync::Condvar`] do not poison: a panic while a
//!   lock is held is already a bug the task harness reports, and every
//!   structure guarded here keeps its invariants between statements.
//! * [`cell::UnsafeCell`] is accessed only through `with` / `with_mut`, which
//!   lets loom check that no access overlaps a conflicting one.
//!
//! Satellite crates use this module as `runtime_core::loom`. It is public for
//! that purpose only and is not covered by runtime-core's stability promise.

#[cfg(not(runtime_loom))]
mod std_impl;
#[cfg(not(runtime_loom))]
use std_impl as imp;

#[cfg(runtime_loom)]
mod loom_impl;
#[cfg(runtime_loom)]
use loom_impl as imp;

/// Synchronisation primitives: `Arc`, `Mutex`, `Condvar` and atomics.
pub mod sync {
    pub use super::imp::{Arc, Condvar, Mutex, MutexGuard, WaitTimeoutResult};

    /// Atomic integer and pointer types.
    pub mod atomic {
        pub use super::super::imp::atomic::{
            AtomicBool, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize, Ordering, fence,
        };
    }
}

/// Interior mutability checked by loom.
pub mod cell {
    pub use super::imp::UnsafeCell;
}

/// Threads and hints.
pub mod thread {
    pub use super::imp::{spawn_thread as spawn, yield_now};
}

/// A spin-loop hint; under loom a yield, so that spinning models terminate.
pub fn spin_loop_hint() {
    imp::spin_loop_hint()
}

/// Runs a concurrency model: every interleaving under loom, once otherwise.
///
/// Loom models in this workspace are written as `runtime_core::loom::model(|| ...)`
/// so that the same test body also runs (once) in a normal `cargo test`.
pub fn model<F>(f: F)
where
    F: Fn() + Sync + Send + 'static,
{
    imp::model(f)
}
