//! Runtime metrics: counts a user can read to see what the scheduler does.
//!
//! Per-worker counters are written only by their own worker, with relaxed
//! loads and stores (no read-modify-write on the hot path), and read by
//! anyone; numbers read while the runtime runs are therefore snapshots.

use std::time::Duration;

use super::Handle;
use crate::loom::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

/// A view of a runtime's metrics, from [`Handle::metrics`] or
/// `Runtime::metrics`.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// let metrics = rt.handle().metrics();
/// assert_eq!(metrics.num_workers(), 1);
/// rt.block_on(rt.spawn(async {})).unwrap();
/// assert_eq!(metrics.spawned_tasks_count(), 1);
/// assert_eq!(metrics.num_alive_tasks(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct RuntimeMetrics {
    handle: Handle,
}

/// Counters of one worker.
#[derive(Debug, Default)]
pub(crate) struct WorkerMetrics {
    pub(crate) park_count: AtomicU64,
    /// Parks plus unparks: odd while the worker sleeps.
    pub(crate) park_unpark_count: AtomicU64,
    pub(crate) noop_count: AtomicU64,
    pub(crate) steal_count: AtomicU64,
    pub(crate) steal_operations: AtomicU64,
    pub(crate) poll_count: AtomicU64,
    pub(crate) busy_duration_total: AtomicU64,
    pub(crate) local_queue_depth: AtomicUsize,
    pub(crate) overflow_count: AtomicU64,
}

impl WorkerMetrics {
    /// Adds `n` to a counter that only the calling worker writes.
    #[inline]
    pub(crate) fn add(counter: &AtomicU64, n: u64) {
        counter.store(counter.load(Relaxed).wrapping_add(n), Relaxed);
    }
}

impl RuntimeMetrics {
    pub(crate) fn new(handle: Handle) -> RuntimeMetrics {
        RuntimeMetrics { handle }
    }

    /// The number of worker threads (1 for a current-thread runtime).
    pub fn num_workers(&self) -> usize {
        self.handle.inner.num_workers()
    }

    /// The number of tasks spawned and not yet finished.
    pub fn num_alive_tasks(&self) -> usize {
        self.handle.inner.num_alive_tasks()
    }

    /// The number of tasks waiting in the global (injection) queue.
    pub fn global_queue_depth(&self) -> usize {
        self.handle.inner.injection_queue_depth()
    }

    /// The number of tasks spawned since the runtime started.
    pub fn spawned_tasks_count(&self) -> u64 {
        self.handle.inner.spawned_tasks_count()
    }

    /// The number of threads of the blocking pool (not counting the
    /// multi-thread runtime's workers, which run on it).
    pub fn num_blocking_threads(&self) -> usize {
        let threads = self.handle.inner.blocking_spawner().num_threads();
        match &self.handle.inner {
            super::scheduler::Handle::MultiThread(h) => threads.saturating_sub(h.num_workers()),
            super::scheduler::Handle::CurrentThread(_) => threads,
        }
    }

    /// The number of idle threads of the blocking pool.
    pub fn num_idle_blocking_threads(&self) -> usize {
        self.handle.inner.blocking_spawner().num_idle_threads()
    }

    /// The number of blocking tasks waiting for a thread.
    pub fn blocking_queue_depth(&self) -> usize {
        self.handle.inner.blocking_spawner().queue_depth()
    }

    fn worker(&self, worker: usize) -> &WorkerMetrics {
        self.handle.inner.worker_metrics(worker)
    }

    /// How many times worker `worker` parked.
    ///
    /// # Panics
    ///
    /// Panics if `worker >= num_workers()` (as every `worker_*` method).
    pub fn worker_park_count(&self, worker: usize) -> u64 {
        self.worker(worker).park_count.load(Relaxed)
    }

    /// How many times worker `worker` parked plus how many times it woke up
    /// again: the count goes up by one when the worker runs out of work and
    /// sleeps, and by one when it wakes. An odd value means the worker is
    /// parked now, an even one that it is running. The count only grows.
    ///
    /// # Panics
    ///
    /// Panics if `worker >= num_workers()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// let metrics = rt.metrics();
    /// // Inside `block_on` the worker is running: the count is even.
    /// let n = rt.block_on(async { metrics.worker_park_unpark_count(0) });
    /// assert_eq!(n % 2, 0);
    /// ```
    pub fn worker_park_unpark_count(&self, worker: usize) -> u64 {
        self.worker(worker).park_unpark_count.load(Relaxed)
    }

    /// How many times the worker woke up to find no work.
    pub fn worker_noop_count(&self, worker: usize) -> u64 {
        self.worker(worker).noop_count.load(Relaxed)
    }

    /// How many tasks the worker stole from others.
    pub fn worker_steal_count(&self, worker: usize) -> u64 {
        self.worker(worker).steal_count.load(Relaxed)
    }

    /// How many successful steal operations the worker made.
    pub fn worker_steal_operations(&self, worker: usize) -> u64 {
        self.worker(worker).steal_operations.load(Relaxed)
    }

    /// How many task polls the worker made.
    pub fn worker_poll_count(&self, worker: usize) -> u64 {
        self.worker(worker).poll_count.load(Relaxed)
    }

    /// The total time the worker spent busy (not parked).
    pub fn worker_total_busy_duration(&self, worker: usize) -> Duration {
        Duration::from_nanos(self.worker(worker).busy_duration_total.load(Relaxed))
    }

    /// The number of tasks in the worker's local queue.
    pub fn worker_local_queue_depth(&self, worker: usize) -> usize {
        self.handle.inner.worker_local_queue_depth(worker)
    }

    /// How many times the worker's local queue overflowed into the global
    /// queue.
    pub fn worker_overflow_count(&self, worker: usize) -> u64 {
        self.worker(worker).overflow_count.load(Relaxed)
    }
}
