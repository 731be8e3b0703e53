//! Task helpers on top of `runtime_core::task`, at tokio-util's paths.
//!
//! * [`TaskTracker`]: count spawned tasks and wait until all of them have
//!   finished, for graceful shutdown. Its companion types live in
//!   [`task_tracker`].
//! * [`AbortOnDropHandle`] and [`AbortOnDrop`]: task handles that abort
//!   their task when dropped.
//! * [`JoinQueue`]: a group of tasks whose outputs are awaited in spawn
//!   order.
//! * `JoinMap` and `JoinMapKeys` (feature `join-map`, which implies `rt`): a
//!   group of tasks stored under keys, awaited in completion order, that
//!   can be aborted by key.
//! * [`LocalPoolHandle`]: a pool of threads that run `!Send` futures, each
//!   pinned to one thread (see [`spawn_pinned`](LocalPoolHandle::spawn_pinned)).

mod abort_on_drop;
#[cfg(feature = "join-map")]
mod join_map;
mod join_queue;
mod spawn_pinned;
pub mod task_tracker;

pub use abort_on_drop::{AbortOnDrop, AbortOnDropHandle};
#[cfg(feature = "join-map")]
#[cfg_attr(docsrs, doc(cfg(feature = "join-map")))]
pub use join_map::{JoinMap, JoinMapKeys};
pub use join_queue::JoinQueue;
pub use spawn_pinned::LocalPoolHandle;
pub use task_tracker::TaskTracker;
