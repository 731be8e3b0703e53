//! Task helpers on top of `runtime_core::task`, at tokio-util's paths.
//!
//! * [`TaskTracker`]: count spawned tasks and wait until all of them have
//!   finished, for graceful shutdown. Its companion types live in
//!   [`task_tracker`].
//! * [`AbortOnDropHandle`] and [`AbortOnDrop`]: task handles that abort
//!   their task when dropped.

mod abort_on_drop;
pub mod task_tracker;

pub use abort_on_drop::{AbortOnDrop, AbortOnDropHandle};
pub use task_tracker::TaskTracker;
