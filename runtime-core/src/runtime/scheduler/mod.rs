//! The schedulers.
//!
//! * `current_thread`: every task runs on the thread that calls
//!   `block_on`; one run queue, no work stealing.
//! * `multi_thread`: a pool of workers with work stealing.
//!
//! [`Handle`] is what tasks and `runtime::Handle` hold (the scheduler's
//! shared state); [`Context`] is the per-thread state of a thread that is
//! driving a scheduler right now, reached through
//! `runtime::context::with_scheduler`.

pub(crate) mod current_thread;
pub(crate) mod multi_thread;

use std::future::Future;
use std::task::Waker;

use super::blocking;
use super::driver::Registry;
use super::metrics::WorkerMetrics;
use crate::loom::sync::Arc;
use crate::task::{Id, JoinHandle};

/// A handle to a scheduler's shared state.
#[derive(Clone)]
pub(crate) enum Handle {
    CurrentThread(Arc<current_thread::Handle>),
    MultiThread(Arc<multi_thread::Handle>),
}

impl Handle {
    /// Spawns a `Send` future onto this scheduler.
    pub(crate) fn spawn<F>(&self, future: F, id: Id) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        match self {
            Handle::CurrentThread(h) => current_thread::Handle::spawn(h, future, id),
            Handle::MultiThread(h) => multi_thread::Handle::spawn(h, future, id),
        }
    }

    /// The driver handles registered at build time.
    pub(crate) fn registry(&self) -> &Registry {
        match self {
            Handle::CurrentThread(h) => &h.registry,
            Handle::MultiThread(h) => &h.registry,
        }
    }

    pub(crate) fn blocking_spawner(&self) -> &blocking::Spawner {
        match self {
            Handle::CurrentThread(h) => &h.blocking_spawner,
            Handle::MultiThread(h) => &h.blocking_spawner,
        }
    }

    pub(crate) fn name(&self) -> Option<&str> {
        match self {
            Handle::CurrentThread(h) => h.name(),
            Handle::MultiThread(h) => h.name(),
        }
    }

    pub(crate) fn runtime_id(&self) -> super::Id {
        match self {
            Handle::CurrentThread(h) => h.id,
            Handle::MultiThread(h) => h.id,
        }
    }

    /// The owner thread when this is the scheduler of a `LocalRuntime`.
    pub(crate) fn local_owner(&self) -> Option<std::thread::ThreadId> {
        match self {
            Handle::CurrentThread(h) => h.local_owner.get().copied(),
            Handle::MultiThread(_) => None,
        }
    }

    pub(crate) fn num_alive_tasks(&self) -> usize {
        match self {
            Handle::CurrentThread(h) => h.num_alive_tasks(),
            Handle::MultiThread(h) => h.num_alive_tasks(),
        }
    }

    pub(crate) fn num_workers(&self) -> usize {
        match self {
            Handle::CurrentThread(_) => 1,
            Handle::MultiThread(h) => h.num_workers(),
        }
    }

    pub(crate) fn spawned_tasks_count(&self) -> u64 {
        match self {
            Handle::CurrentThread(h) => h.spawned_tasks_count(),
            Handle::MultiThread(h) => h.spawned_tasks_count(),
        }
    }

    pub(crate) fn injection_queue_depth(&self) -> usize {
        match self {
            Handle::CurrentThread(h) => h.injection_queue_depth(),
            Handle::MultiThread(h) => h.global_queue_depth(),
        }
    }

    /// # Panics
    ///
    /// Panics if `worker` is out of range.
    pub(crate) fn worker_metrics(&self, worker: usize) -> &WorkerMetrics {
        match self {
            Handle::CurrentThread(h) => {
                assert!(
                    worker == 0,
                    "worker index {worker} out of range: the runtime has 1 worker"
                );
                &h.worker_metrics
            }
            Handle::MultiThread(h) => h.worker_metrics(worker),
        }
    }

    /// Tasks waiting in `worker`'s local run queue.
    ///
    /// # Panics
    ///
    /// Panics if `worker` is out of range.
    pub(crate) fn worker_local_queue_depth(&self, worker: usize) -> usize {
        match self {
            Handle::CurrentThread(_) => self
                .worker_metrics(worker)
                .local_queue_depth
                .load(std::sync::atomic::Ordering::Relaxed),
            Handle::MultiThread(h) => h.worker_local_queue_depth(worker),
        }
    }
}

/// The state of a thread that is driving a scheduler.
pub(crate) enum Context {
    CurrentThread(current_thread::Context),
    MultiThread(multi_thread::Context),
}

impl Context {
    /// The index of the worker this thread is, while it runs the scheduler:
    /// `0` on the thread that drives a current-thread runtime; a
    /// multi-thread worker's own index while it holds its core (not after
    /// `block_in_place` handed the core away).
    pub(crate) fn worker_index(&self) -> Option<usize> {
        match self {
            Context::CurrentThread(_) => Some(0),
            Context::MultiThread(cx) => cx.worker_index(),
        }
    }

    /// Defers `waker` until the driver has been polled.
    pub(crate) fn defer(&self, waker: &Waker) {
        match self {
            Context::CurrentThread(cx) => cx.defer(waker),
            Context::MultiThread(cx) => cx.defer(waker),
        }
    }
}
