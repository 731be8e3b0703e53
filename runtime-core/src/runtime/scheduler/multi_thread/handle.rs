//! The multi-thread scheduler's handle: what tasks and `runtime::Handle`
//! hold. Spawning binds the task to the runtime's owned-task list and
//! schedules it (onto the calling worker's queue when called from one of
//! this runtime's workers, onto the global queue otherwise, see
//! `worker.rs`); the rest reads the scheduler's state for metrics.

use std::fmt;
use std::future::Future;

use crate::loom::sync::Arc;
use crate::loom::sync::atomic::AtomicU64;
use crate::loom::sync::atomic::Ordering::Relaxed;
use crate::runtime::blocking;
use crate::runtime::driver::Registry;
use crate::runtime::metrics::WorkerMetrics;
use crate::runtime::scheduler::multi_thread::worker::Shared;
use crate::task::raw::{Notified, Schedule, Task};
use crate::task::{Id, JoinHandle};

/// The shared state of a multi-thread runtime.
pub(crate) struct Handle {
    pub(super) shared: Shared,
    /// The driver handles registered at build time.
    pub(crate) registry: Registry,
    /// Spawns blocking tasks, and the worker threads themselves.
    pub(crate) blocking_spawner: blocking::Spawner,
    pub(crate) id: crate::runtime::Id,
    /// Tasks ever spawned onto this runtime.
    spawned: AtomicU64,
}

impl Handle {
    pub(crate) fn name(&self) -> Option<&str> {
        self.shared.config.name.as_deref()
    }

    pub(super) fn new(
        shared: Shared,
        registry: Registry,
        blocking_spawner: blocking::Spawner,
    ) -> Handle {
        Handle {
            shared,
            registry,
            blocking_spawner,
            id: crate::runtime::Id::next(),
            spawned: AtomicU64::new(0),
        }
    }

    /// Spawns `future` onto the runtime.
    pub(crate) fn spawn<F>(me: &Arc<Handle>, future: F, id: Id) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (join, notified) = me.shared.owned.bind(future, me.clone(), id);
        me.spawned.fetch_add(1, Relaxed);
        if let Some(notified) = notified {
            me.schedule_task(notified, false);
        }
        join
    }

    /// The number of worker threads.
    pub(crate) fn num_workers(&self) -> usize {
        self.shared.remotes.len()
    }

    /// Tasks spawned and not yet completed and released.
    pub(crate) fn num_alive_tasks(&self) -> usize {
        self.shared.owned.len()
    }

    /// Tasks waiting in the global queue.
    pub(crate) fn global_queue_depth(&self) -> usize {
        self.shared.inject.len()
    }

    /// Tasks ever spawned.
    pub(crate) fn spawned_tasks_count(&self) -> u64 {
        self.spawned.load(Relaxed)
    }

    /// Tasks waiting in worker `index`'s local queue (not counting its LIFO
    /// slot).
    ///
    /// # Panics
    ///
    /// Panics if `index` is not below [`Handle::num_workers`].
    pub(crate) fn worker_local_queue_depth(&self, index: usize) -> usize {
        self.remote_index_check(index);
        self.shared.remotes[index].steal.len()
    }

    /// Worker `index`'s published counters.
    ///
    /// # Panics
    ///
    /// Panics if `index` is not below [`Handle::num_workers`].
    pub(crate) fn worker_metrics(&self, index: usize) -> &WorkerMetrics {
        self.remote_index_check(index);
        &self.shared.worker_metrics[index]
    }

    #[track_caller]
    fn remote_index_check(&self, index: usize) {
        let workers = self.num_workers();
        assert!(
            index < workers,
            "worker index {index} out of range: the runtime has {workers} workers"
        );
    }
}

impl Schedule for Arc<Handle> {
    fn release(&self, task: &Task<Self>) -> Option<Task<Self>> {
        self.shared.owned.remove(task)
    }

    fn schedule(&self, task: Notified<Self>) {
        self.schedule_task(task, false);
    }

    fn yield_now(&self, task: Notified<Self>) {
        self.schedule_task(task, true);
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("multi_thread::Handle")
            .field("id", &self.id)
            .field("shared", &self.shared)
            .finish_non_exhaustive()
    }
}
