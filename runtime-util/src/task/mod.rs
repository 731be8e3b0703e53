//! Task helpers on top of `runtime_core::task`, at tokio-util's paths.
//!
//! * [`TaskTracker`]: count spawned tasks and wait until all of them have
//!   finished, for graceful shutdown. Its companion types live in
//!   [`task_tracker`].
//! * [`AbortOnDropHandle`] and [`AbortOnDrop`]: task handles that abort
//!   their task when dropped.
//! * [`LocalPoolHandle`]: a pool of threads that run `!Send` futures, each
//!   pinned to one thread (see [`spawn_pinned`](LocalPoolHandle::spawn_pinned)).

mod abort_on_drop;
pub mod task_tracker;

pub use abort_on_drop::{AbortOnDrop, AbortOnDropHandle};
pub use task_tracker::TaskTracker;

mod spawn_pinned;
pub use spawn_pinned::LocalPoolHandle;
