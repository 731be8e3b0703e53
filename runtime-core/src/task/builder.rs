//! `task::Builder`: spawn with a name.

use std::future::Future;
use std::io;

use super::{JoinHandle, LocalSet};
use crate::runtime::Handle;

/// Configures a task before spawning it.
///
/// The name is kept for diagnostics (it shows in the builder's `Debug`
/// output and is meant for tracing integrations); it does not change how the
/// task runs.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder as RtBuilder;
/// use runtime_core::task;
///
/// let rt = RtBuilder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let handle = task::Builder::new()
///         .name("worker")
///         .spawn(async { 1 })
///         .unwrap();
///     assert_eq!(handle.await.unwrap(), 1);
/// });
/// ```
#[derive(Default, Clone, Copy)]
pub struct Builder<'a> {
    name: Option<&'a str>,
}

impl<'a> Builder<'a> {
    /// A builder with no name.
    pub fn new() -> Self {
        Builder { name: None }
    }

    /// Names the task.
    pub fn name(&self, name: &'a str) -> Self {
        Builder { name: Some(name) }
    }

    /// Spawns on the current runtime; see [`spawn`](super::spawn).
    ///
    /// # Errors
    ///
    /// This version never fails; the `Result` is kept for compatibility
    /// with builders that may.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context.
    #[track_caller]
    pub fn spawn<F>(self, future: F) -> io::Result<JoinHandle<F::Output>>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        Ok(super::spawn(future))
    }

    /// Spawns on the runtime of `handle`.
    ///
    /// # Errors
    ///
    /// Never fails; see [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_on<F>(self, future: F, handle: &Handle) -> io::Result<JoinHandle<F::Output>>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        Ok(handle.spawn(future))
    }

    /// Spawns a `!Send` future on the current `LocalSet`.
    ///
    /// # Errors
    ///
    /// Never fails; see [`spawn`](Self::spawn).
    ///
    /// # Panics
    ///
    /// Panics outside a `LocalSet` context.
    #[track_caller]
    pub fn spawn_local<F>(self, future: F) -> io::Result<JoinHandle<F::Output>>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        Ok(super::spawn_local(future))
    }

    /// Spawns a `!Send` future on `local_set`.
    ///
    /// # Errors
    ///
    /// Never fails; see [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_local_on<F>(
        self,
        future: F,
        local_set: &LocalSet,
    ) -> io::Result<JoinHandle<F::Output>>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        Ok(local_set.spawn_local(future))
    }

    /// Runs a blocking closure on the current runtime's blocking pool.
    ///
    /// # Errors
    ///
    /// Never fails; see [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_blocking<F, R>(self, f: F) -> io::Result<JoinHandle<R>>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        Ok(super::spawn_blocking(f))
    }

    /// Runs a blocking closure on the blocking pool of `handle`'s runtime.
    ///
    /// # Errors
    ///
    /// Never fails; see [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_blocking_on<F, R>(self, f: F, handle: &Handle) -> io::Result<JoinHandle<R>>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        Ok(handle.spawn_blocking(f))
    }
}

impl std::fmt::Debug for Builder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder").field("name", &self.name).finish()
    }
}
