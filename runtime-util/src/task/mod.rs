//! Task helpers on top of `runtime_core::task`, at tokio-util's paths.
//!
//! * [`TaskTracker`]: count spawned tasks and wait until all of them have
//!   finished, for graceful shutdown.

mod task_tracker;
pub use task_tracker::{TaskTracker, TaskTrackerToken, TaskTrackerWaitFuture, TrackedFuture};
