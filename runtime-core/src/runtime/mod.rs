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
