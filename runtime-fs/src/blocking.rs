//! The one bridge from this crate to the blocking pool.
//!
//! Every file system call blocks the calling thread, so each runs as a
//! closure on runtime-core's blocking pool (`task::spawn_blocking`) and the
//! caller awaits its `JoinHandle`. Spawning needs a runtime: outside one,
//! `spawn_blocking` panics with its own message, as tokio's functions do.

use std::io;

use runtime_core::task::spawn_blocking;

/// Runs the blocking `f` on the blocking pool and returns its result.
///
/// A closure that never ran (the runtime shut down first) or that panicked
/// gives an `io::ErrorKind::Other` error, "background task failed".
pub(crate) async fn asyncify<F, T>(f: F) -> io::Result<T>
where
    F: FnOnce() -> io::Result<T> + Send + 'static,
    T: Send + 'static,
{
    match spawn_blocking(f).await {
        Ok(result) => result,
        Err(_) => Err(io::Error::other("background task failed")),
    }
}
