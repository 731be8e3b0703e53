//! Asynchronous tasks: `spawn`, `JoinHandle`, `JoinSet`, `LocalSet`,
//! task-local storage and cooperative scheduling. Mirrors `tokio::task`.

#[doc(inline)]
pub use runtime_core::task::{
    AbortHandle, AccessError, Builder, Id, JoinError, JoinHandle, JoinSet, LocalEnterGuard,
    LocalKey, LocalSet, Unconstrained, block_in_place, consume_budget, coop, futures, id, spawn,
    spawn_blocking, spawn_local, try_id, unconstrained, yield_now,
};
