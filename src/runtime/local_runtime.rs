//! [`LocalRuntime`]: a current-thread runtime that also runs `!Send` tasks.
//!
//! A `LocalRuntime` is a current-thread [`Runtime`] paired with a
//! [`LocalSet`]: `block_on` runs its future inside the set, so
//! [`spawn_local`](crate::task::spawn_local) works anywhere in it without
//! a `LocalSet` of the user's own, and the runtime itself is `!Send` (its
//! local tasks must stay on the thread that created them). Local tasks run
//! while `block_on` drives the runtime, as every task of a current-thread
//! runtime does. Dropping the runtime drops the local tasks first, inside
//! the runtime's context (their destructors may still touch the drivers),
//! then shuts the runtime down.

use std::fmt;
use std::future::Future;
use std::io;
use std::marker::PhantomData;
use std::time::Duration;

use super::{Builder, EnterGuard, Handle, Runtime, RuntimeMetrics};
use crate::task::{JoinHandle, LocalSet};
use runtime_core::task::ServeLocalRuntimeGuard;

/// Options for [`Builder::build_local`]; none are defined yet, and the type
/// is not `Send`, like the runtime it builds.
///
/// # Examples
///
/// ```
/// use runtime::runtime::{Builder, LocalOptions};
///
/// let rt = Builder::new_current_thread()
///     .enable_all()
///     .build_local(LocalOptions::default())
///     .unwrap();
/// assert_eq!(rt.block_on(async { 7 }), 7);
/// ```
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct LocalOptions {
    /// Keeps the options `!Send` and `!Sync`.
    _not_send: PhantomData<*mut u8>,
}

/// A current-thread runtime on which `!Send` tasks can be spawned, without a
/// [`LocalSet`] of your own.
///
/// `LocalRuntime` is `!Send`: it stays on the thread that built it, with
/// its local tasks. Send tasks can still be spawned from anywhere through
/// its [`Handle`].
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use runtime::runtime::LocalRuntime;
///
/// let rt = LocalRuntime::new().unwrap();
/// let shared = Rc::new(5);
/// let task = rt.spawn_local({
///     let shared = shared.clone();
///     async move { *shared * 2 }
/// });
/// let out = rt.block_on(async move {
///     // `spawn_local` works here too, with no LocalSet in sight.
///     let more = runtime::task::spawn_local(async { 1 }).await.unwrap();
///     task.await.unwrap() + more
/// });
/// assert_eq!(out, 11);
/// ```
pub struct LocalRuntime {
    /// Makes `local` the target of `spawn_local` in this runtime's context
    /// (after `enter`), and other threads' `spawn_local` in it panic.
    /// `None` only while dropping or shutting down; dropped before `local`.
    serving: Option<ServeLocalRuntimeGuard>,
    /// The local tasks. `None` only while dropping or shutting down.
    local: Option<LocalSet>,
    /// `None` only once `shutdown_*` took it.
    rt: Option<Runtime>,
}

impl LocalRuntime {
    /// A local runtime with every driver enabled.
    ///
    /// # Errors
    ///
    /// Fails if a driver cannot be created.
    pub fn new() -> io::Result<LocalRuntime> {
        Builder::new_current_thread()
            .enable_all()
            .build_local(LocalOptions::default())
    }

    pub(super) fn from_runtime(rt: Runtime) -> LocalRuntime {
        let local = LocalSet::new();
        let serving = local.serve_local_runtime(&rt);
        LocalRuntime {
            serving: Some(serving),
            local: Some(local),
            rt: Some(rt),
        }
    }

    fn runtime(&self) -> &Runtime {
        self.rt
            .as_ref()
            .expect("the runtime is only taken when shutting down")
    }

    fn local(&self) -> &LocalSet {
        self.local
            .as_ref()
            .expect("the local set is only taken when shutting down")
    }

    /// The runtime's handle: spawns `Send` tasks, from any thread.
    pub fn handle(&self) -> &Handle {
        self.runtime().handle()
    }

    /// Spawns a task that need not be `Send`. It runs while
    /// [`block_on`](LocalRuntime::block_on) drives the runtime.
    #[track_caller]
    pub fn spawn_local<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.local().spawn_local(future)
    }

    /// Runs a blocking closure on the blocking pool.
    #[track_caller]
    pub fn spawn_blocking<F, R>(&self, func: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        self.runtime().spawn_blocking(func)
    }

    /// Runs a future to completion on this thread, driving the runtime and
    /// its local tasks meanwhile. Inside it,
    /// [`task::spawn_local`](crate::task::spawn_local) spawns onto this
    /// runtime.
    ///
    /// # Panics
    ///
    /// Panics when called from a thread that already drives a runtime.
    #[track_caller]
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.local().block_on(self.runtime(), future)
    }

    /// Enters the runtime's context until the guard is dropped: `spawn` and
    /// (on this thread) [`task::spawn_local`](crate::task::spawn_local)
    /// then spawn onto this runtime, even outside `block_on`; the tasks run
    /// at the next `block_on`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime::runtime::LocalRuntime;
    ///
    /// let rt = LocalRuntime::new().unwrap();
    /// let task = {
    ///     let _guard = rt.enter();
    ///     runtime::task::spawn_local(async { "spawned after enter" })
    /// };
    /// assert_eq!(rt.block_on(task).unwrap(), "spawned after enter");
    /// ```
    pub fn enter(&self) -> EnterGuard<'_> {
        self.runtime().enter()
    }

    /// Drops the local tasks, then shuts down, waiting at most `duration`
    /// for running blocking tasks.
    pub fn shutdown_timeout(mut self, duration: Duration) {
        self.take_runtime().shutdown_timeout(duration)
    }

    /// Drops the local tasks, then shuts down without waiting for blocking
    /// tasks.
    pub fn shutdown_background(mut self) {
        self.take_runtime().shutdown_background()
    }

    /// Metrics about the runtime.
    pub fn metrics(&self) -> RuntimeMetrics {
        self.runtime().metrics()
    }

    /// Drops the local tasks inside the runtime's context, and hands the
    /// runtime out.
    fn take_runtime(&mut self) -> Runtime {
        let rt = self.rt.take().expect("the runtime is taken once");
        drop(self.serving.take());
        if let Some(local) = self.local.take() {
            let _guard = rt.enter();
            drop(local);
        }
        rt
    }
}

impl Drop for LocalRuntime {
    fn drop(&mut self) {
        if self.rt.is_some() {
            drop(self.take_runtime());
        }
    }
}

impl fmt::Debug for LocalRuntime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalRuntime")
            .field("runtime", &self.rt)
            .finish_non_exhaustive()
    }
}
