//! Asynchronous green threads: spawning, joining, aborting, and cooperative
//! scheduling.
//!
//! A *task* is a future handed to the runtime with [`spawn`] (or
//! [`spawn_local`] for `!Send` futures in a [`LocalSet`], or
//! [`spawn_blocking`] for blocking closures). It runs concurrently with the
//! code that spawned it; its [`JoinHandle`] awaits its output.
//!
//! # Files
//!
//! * `raw/`: the task allocation and its state machine (see its docs).
//! * `join_handle.rs`, `abort_handle.rs`, `error.rs`, `id.rs`: the handles.
//! * `spawn.rs`, `builder.rs`: spawning, with or without a name.
//! * `join_set.rs`: a set of tasks awaited in completion order.
//! * `local.rs`: `LocalSet`, for `!Send` futures.
//! * `task_local.rs`: `task_local!` storage.
//! * `yield_now.rs`, `coop.rs`: giving way to other tasks.
//! * `block_in_place.rs`: blocking a multi-thread worker without starving
//!   its tasks.

mod abort_handle;
mod block_in_place;
mod builder;
pub mod coop;
mod error;
mod id;
mod join_handle;
mod join_set;
pub(crate) mod local;
pub(crate) mod raw;
mod spawn;
mod task_local;
mod yield_now;

pub use abort_handle::AbortHandle;
pub use block_in_place::block_in_place;
pub use builder::Builder;
pub use coop::{Unconstrained, consume_budget, unconstrained};
pub use error::JoinError;
pub use id::{Id, id, try_id};
pub use join_handle::JoinHandle;
pub use join_set::JoinSet;
#[doc(hidden)]
pub use local::ServeLocalRuntimeGuard;
pub use local::{LocalEnterGuard, LocalSet, spawn_local};
#[doc(hidden)]
pub use spawn::spawn_mandatory_blocking;
pub use spawn::{spawn, spawn_blocking};
pub use task_local::{AccessError, LocalKey, TaskLocalFuture};
pub use yield_now::yield_now;

/// Errors returned by task utilities, at tokio's `task::futures` path.
pub mod futures {
    pub use super::task_local::TaskLocalFuture;
}
