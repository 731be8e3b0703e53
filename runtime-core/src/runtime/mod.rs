//! The runtime: schedulers, the blocking pool, and the driver seam.
//!
//! A [`Runtime`] owns a scheduler (where tasks run), a driver stack (what
//! idle workers park on: I/O readiness and timers, plugged in through the
//! [`driver`] seam) and a blocking pool (threads for `spawn_blocking`).
//! [`Builder`] configures one; [`Handle`] is a cheap reference to it that
//! spawns, enters the runtime's context, and looks drivers up.
//!
//! # Files
//!
//! * `builder.rs`, `rt.rs` (`Runtime`), `handle.rs`: the public types.
//! * `context.rs`: the thread-local "current runtime" state.
//! * `scheduler/`: the current-thread and multi-thread schedulers.
//! * `blocking/`: the blocking pool.
//! * `driver.rs`, `park.rs`: the driver seam and the plain thread parker.
//! * `metrics.rs`: `RuntimeMetrics`.

mod blocking;
mod builder;
mod config;
pub(crate) mod context;
pub mod driver;
mod handle;
mod id;
mod metrics;
mod park;
pub(crate) mod park_block_on;
mod rt;
pub(crate) mod scheduler;
mod shutdown;

pub use builder::Builder;
pub use context::TryCurrentError;
pub use handle::{EnterGuard, Handle, RuntimeFlavor};
pub use id::Id;
pub use metrics::RuntimeMetrics;
pub use rt::Runtime;
pub use shutdown::{is_rt_shutdown_err, shutdown_error};

/// The index of the runtime worker this code runs on, if it runs on one.
///
/// Indexes are those of [`RuntimeMetrics`]' `worker_*` methods, from `0` to
/// `num_workers() - 1`.
///
/// * On a multi-thread runtime: the worker's index inside its tasks;
///   `None` on the thread that calls [`Runtime::block_on`] (not a worker),
///   on blocking threads, and inside `block_in_place`.
/// * On a current-thread runtime: `Some(0)` on the thread that drives it
///   (inside `block_on`, with the scheduler); `None` elsewhere.
/// * Outside any runtime: `None`.
///
/// A task may move between workers at an `.await`, so the value can change
/// from one poll to the next.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::{self, Builder};
///
/// assert_eq!(runtime::worker_index(), None);
/// let rt = Builder::new_current_thread().build().unwrap();
/// assert_eq!(rt.block_on(async { runtime::worker_index() }), Some(0));
/// ```
pub fn worker_index() -> Option<usize> {
    context::with_scheduler(|cx| cx.and_then(scheduler::Context::worker_index))
}
