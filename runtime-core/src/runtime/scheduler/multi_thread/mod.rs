//! The multi-threaded work-stealing scheduler.
//!
//! # Design
//!
//! A fixed set of worker threads, each owning a *core*: a bounded lock-free
//! run queue ([`queue`]), a LIFO slot, and its metrics. Work arrives in
//! three ways and is found in the matching order:
//!
//! 1. A task spawned or woken *by the task running on this worker* goes to
//!    the LIFO slot and runs next: a message sent to a freshly woken
//!    receiver is handled while it is still in cache. A bound on
//!    consecutive LIFO polls keeps two tasks ping-ponging through the slot
//!    from starving the rest of the queue.
//! 2. The task it displaces from the slot, and tasks that yield, go to the
//!    back of the worker's local queue, where other workers can steal them.
//!    When it is full, half of it moves to the global queue in one batch.
//! 3. Tasks spawned or woken from outside any worker go to the global
//!    injection queue ([`inject`]), which every worker checks every
//!    `global_queue_interval` polls so it is never starved, and whenever
//!    its own queue runs dry.
//!
//! A worker with nothing to do *searches*: it steals half of another
//! worker's queue, or takes a share of the global queue. The accounting of
//! who searches and who sleeps ([`idle`]) keeps at most about half the
//! workers searching, wakes at most one sleeper per new piece of work, and
//! never loses a wake-up.
//!
//! Exactly one sleeping worker parks on the driver (I/O and timers); the
//! others sleep on their own condition variable ([`park`]). A task that
//! blocks in `task::block_in_place` hands its worker's core to a new thread
//! and takes it back afterwards if it is still free ([`worker`]).
//!
//! # Shutdown
//!
//! Closing the global queue is the signal. Every worker is woken, notices
//! it, cancels the runtime's tasks (the owned-task list is shared, so the
//! first one does the work, on its own thread) and hands its core back; the
//! last core in drops the notifications still queued anywhere and shuts the
//! driver down. Worker threads run on the blocking pool, so the runtime's
//! `Drop` and `shutdown_timeout` wait for them like for any blocking task.
//!
//! # Files
//!
//! * [`queue`]: the local run queue (single producer, many stealers).
//! * [`inject`]: the global injection queue.
//! * [`idle`]: searching and parked worker accounting.
//! * [`park`]: the per-worker parker and the shared driver slot.
//! * [`worker`]: the run loop, the LIFO slot, stealing, `block_in_place`.
//! * [`handle`]: spawning, and the state that metrics read.
//! * [`metrics`]: per-worker counters, published without contention.

pub(crate) mod handle;
pub(crate) mod idle;
pub(crate) mod inject;
pub(crate) mod metrics;
pub(crate) mod park;
pub(crate) mod queue;
pub(crate) mod worker;

#[cfg(test)]
mod tests;

use std::fmt;
use std::future::Future;
use std::io;

pub(crate) use handle::Handle;
pub(crate) use worker::{Context, block_in_place};

use crate::loom::sync::{Arc, Mutex};
use crate::runtime::blocking;
use crate::runtime::config::Config;
use crate::runtime::context;
use crate::runtime::driver::{Driver, Registry};
use crate::runtime::scheduler;
use crate::runtime::scheduler::multi_thread::worker::Worker;

/// The scheduler as the `Runtime` owns it.
pub(crate) struct MultiThread {
    /// The workers, until `launch` starts their threads.
    workers: Mutex<Vec<Arc<Worker>>>,
}

impl MultiThread {
    /// Creates the scheduler with `size` workers; no thread runs until
    /// [`MultiThread::launch`].
    ///
    /// # Errors
    ///
    /// Fails if `size` is above what the idle accounting supports.
    pub(crate) fn new(
        size: usize,
        driver: Box<dyn Driver>,
        registry: Registry,
        blocking_spawner: blocking::Spawner,
        config: Config,
    ) -> io::Result<(MultiThread, Arc<Handle>)> {
        if size > idle::MAX_WORKERS {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("at most {} worker threads are supported", idle::MAX_WORKERS),
            ));
        }
        let driver = park::SharedDriver::new(driver);
        let (shared, cores) = worker::create(size, driver, config);
        let handle = Arc::new(Handle::new(shared, registry, blocking_spawner));
        let workers = cores
            .into_iter()
            .map(|core| Worker::new(handle.clone(), core))
            .collect();
        Ok((
            MultiThread {
                workers: Mutex::new(workers),
            },
            handle,
        ))
    }

    /// Starts one thread per worker, on the blocking pool, and waits until
    /// they all run.
    pub(crate) fn launch(&self, handle: &scheduler::Handle) {
        let scheduler::Handle::MultiThread(mt) = handle else {
            unreachable!("a multi-thread runtime holds a multi-thread handle")
        };
        let workers = std::mem::take(&mut *self.workers.lock());
        let started = worker::Latch::new(workers.len());
        for worker in workers {
            let launch = worker::Launch::new(worker, Some(started.clone()));
            drop(
                mt.blocking_spawner
                    .spawn_blocking(handle, move || launch.run()),
            );
        }
        // Return only once every worker runs: a runtime dropped right away
        // then still shuts down on its own threads.
        started.wait();
    }

    /// Runs `future` to completion on the calling thread, while the workers
    /// run the spawned tasks.
    #[track_caller]
    pub(crate) fn block_on<F: Future>(&self, handle: &scheduler::Handle, future: F) -> F::Output {
        let _enter = context::enter_runtime(handle, true);
        crate::runtime::park_block_on::block_on(future)
    }

    /// Starts the shutdown: the workers cancel every task and exit; the
    /// runtime then waits for them through the blocking pool.
    pub(crate) fn shutdown(&self, handle: &scheduler::Handle) {
        let scheduler::Handle::MultiThread(mt) = handle else {
            unreachable!("a multi-thread runtime holds a multi-thread handle")
        };
        mt.close();
    }
}

impl fmt::Debug for MultiThread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MultiThread").finish_non_exhaustive()
    }
}
