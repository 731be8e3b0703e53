//! `spawn` and `spawn_blocking` onto the current runtime.

use std::future::Future;

use super::{Id, JoinHandle};
use crate::runtime::context;

/// Spawns a future onto the current runtime, returning a handle to await
/// its output.
///
/// The task starts running in the background at once; dropping the
/// returned [`JoinHandle`] does not cancel it.
///
/// # Panics
///
/// Panics when called outside a runtime context.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_core::task;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let handle = task::spawn(async { 6 * 7 });
///     assert_eq!(handle.await.unwrap(), 42);
/// });
/// ```
#[track_caller]
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let id = Id::next();
    match context::with_current(|handle| handle.spawn(future, id)) {
        Ok(join) => join,
        Err(e) => panic!("`spawn` {e}"),
    }
}

/// Runs a blocking closure on the runtime's blocking pool, returning a
/// handle to await its result.
///
/// Use it for code that blocks (file I/O, CPU-heavy work, synchronous
/// libraries) so that it does not stall the tasks of a worker. A closure
/// that has started cannot be aborted; one still queued is cancelled by
/// `abort` or by runtime shutdown.
///
/// # Panics
///
/// Panics when called outside a runtime context.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_core::task;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// let sum = rt.block_on(async {
///     task::spawn_blocking(|| (1..=100u32).sum::<u32>()).await.unwrap()
/// });
/// assert_eq!(sum, 5050);
/// ```
#[track_caller]
pub fn spawn_blocking<F, R>(func: F) -> JoinHandle<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    match context::with_current(|handle| handle.blocking_spawner().spawn_blocking(handle, func)) {
        Ok(join) => join,
        Err(e) => panic!("`spawn_blocking` {e}"),
    }
}

/// Like [`spawn_blocking`], but the closure runs even if the runtime shuts
/// down before it starts (shutdown waits for it as for a running one).
///
/// For satellite crates that acknowledge work before doing it, as
/// runtime-fs's `File` acknowledges a write before the blocking `write`
/// runs: the runtime shutting down must not silently drop it. Returns
/// `None`, and drops `func`, when the runtime has already shut down.
///
/// # Panics
///
/// Panics when called outside a runtime context.
#[doc(hidden)]
#[track_caller]
pub fn spawn_mandatory_blocking<F, R>(func: F) -> Option<JoinHandle<R>>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    match context::with_current(|handle| {
        handle
            .blocking_spawner()
            .spawn_mandatory_blocking(handle, func)
    }) {
        Ok(join) => join,
        Err(e) => panic!("`spawn_blocking` {e}"),
    }
}
