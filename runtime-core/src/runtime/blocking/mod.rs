//! The blocking pool: threads for `spawn_blocking` work.
//!
//! Blocking closures run as ordinary tasks (one allocation, a `JoinHandle`,
//! abort before start) whose future calls the closure once
//! ([`task::BlockingTask`]). The pool grows a thread per queued task while
//! no thread is idle, up to `max_blocking_threads`; idle threads exit after
//! `thread_keep_alive`. Shutdown cancels queued tasks and waits for running
//! ones no longer than the timeout it is given.

mod pool;
mod task;

pub(crate) use pool::{BlockingPool, PoolConfig, Spawner};

/// The pool settings of a builder.
pub(crate) fn pool_config(builder: &crate::runtime::Builder) -> PoolConfig {
    PoolConfig {
        thread_name: builder.thread_name.clone(),
        stack_size: builder.thread_stack_size,
        after_start: builder.after_start.clone(),
        before_stop: builder.before_stop.clone(),
        thread_cap: builder.max_blocking_threads,
        keep_alive: builder.keep_alive(),
    }
}
