//! `Runtime`: owns the scheduler, the drivers and the blocking pool.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use super::blocking::BlockingPool;
use super::handle::EnterGuard;
use super::scheduler::current_thread::CurrentThread;
use super::scheduler::multi_thread::MultiThread;
use super::{Handle, RuntimeMetrics, context};
use crate::task::JoinHandle;

/// The runtime: a scheduler with its drivers and blocking pool.
///
/// Build one with [`Builder`](super::Builder). Dropping the runtime shuts
/// it down: every task is cancelled (its future dropped on the dropping
/// thread, with the runtime context set), the drivers are shut down, and
/// running blocking tasks are waited for (use
/// [`shutdown_timeout`](Runtime::shutdown_timeout) or
/// [`shutdown_background`](Runtime::shutdown_background) to bound that).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// let answer = rt.block_on(async {
///     let task = runtime_core::task::spawn(async { 40 });
///     task.await.unwrap() + 2
/// });
/// assert_eq!(answer, 42);
/// ```
pub struct Runtime {
    scheduler: Scheduler,
    handle: Handle,
    blocking_pool: BlockingPool,
}

pub(crate) enum Scheduler {
    CurrentThread(CurrentThread),
    MultiThread(MultiThread),
}

impl Runtime {
    pub(crate) fn from_parts(
        scheduler: Scheduler,
        handle: Handle,
        blocking_pool: BlockingPool,
    ) -> Runtime {
        Runtime {
            scheduler,
            handle,
            blocking_pool,
        }
    }

    /// The runtime's handle.
    pub fn handle(&self) -> &Handle {
        &self.handle
    }

    /// Spawns a future onto the runtime; see [`Handle::spawn`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// let join = rt.spawn(async { 3 });
    /// assert_eq!(rt.block_on(join).unwrap(), 3);
    /// ```
    #[track_caller]
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.handle.spawn(future)
    }

    /// Runs a blocking closure on the blocking pool; see
    /// [`Handle::spawn_blocking`].
    #[track_caller]
    pub fn spawn_blocking<F, R>(&self, func: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        self.handle.spawn_blocking(func)
    }

    /// Runs a future to completion on this thread, driving the runtime
    /// (its tasks, I/O and timers) meanwhile. This is the runtime's entry
    /// point.
    ///
    /// # Panics
    ///
    /// Panics when called from a thread that already drives a runtime
    /// (inside another `block_on`, or in a task): use `.await` there, or
    /// `spawn_blocking` plus a separate runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// assert_eq!(rt.block_on(async { "hello" }), "hello");
    /// ```
    #[track_caller]
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        match &self.scheduler {
            Scheduler::CurrentThread(s) => s.block_on(&self.handle.inner, future),
            Scheduler::MultiThread(s) => s.block_on(&self.handle.inner, future),
        }
    }

    /// Enters the runtime's context; see [`Handle::enter`].
    pub fn enter(&self) -> EnterGuard<'_> {
        self.handle.enter()
    }

    /// Shuts the runtime down, waiting at most `duration` for blocking
    /// tasks that are still running; those are left to finish on their own.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// rt.spawn_blocking(|| std::thread::sleep(Duration::from_secs(2)));
    /// // Returns after ~10ms, not 2s.
    /// rt.shutdown_timeout(Duration::from_millis(10));
    /// ```
    pub fn shutdown_timeout(mut self, duration: Duration) {
        self.shutdown_scheduler();
        self.blocking_pool.shutdown(Some(duration));
    }

    /// Shuts the runtime down without waiting for blocking tasks. Usable
    /// from inside another runtime, where a blocking wait is forbidden.
    pub fn shutdown_background(self) {
        self.shutdown_timeout(Duration::ZERO)
    }

    /// Metrics about the runtime.
    pub fn metrics(&self) -> RuntimeMetrics {
        self.handle.metrics()
    }

    fn shutdown_scheduler(&mut self) {
        let _guard = context::set_current(&self.handle.inner);
        match &self.scheduler {
            Scheduler::CurrentThread(s) => s.shutdown(&self.handle.inner),
            Scheduler::MultiThread(s) => s.shutdown(&self.handle.inner),
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shutdown_scheduler();
        // The blocking pool's own drop waits for running blocking tasks.
    }
}

// A panic caught while using a runtime leaves it consistent: tasks' panics
// are caught inside the runtime, and its shared state is guarded by locks
// that do not poison.
impl std::panic::UnwindSafe for Runtime {}
impl std::panic::RefUnwindSafe for Runtime {}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("handle", &self.handle)
            .finish()
    }
}
