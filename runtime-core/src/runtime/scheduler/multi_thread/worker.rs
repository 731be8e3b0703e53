//! The worker run loop: finding the next task, the LIFO slot, stealing,
//! searching and parking, and handing the core over in `block_in_place`.
//!
//! # Cores and workers
//!
//! Everything a worker mutates while it runs lives in its [`Core`]: the
//! local run queue, the LIFO slot, the tick counter, the parker, the metrics
//! batch. A thread runs the scheduler loop only while it holds a core. In
//! `block_in_place` the thread puts its core back into the [`Worker`] slot
//! and starts a new thread that picks it up and carries on running tasks,
//! while the original thread blocks; afterwards it takes the core back if
//! it is still there, or, if the new thread took it, finishes the current
//! task poll without a core and exits.
//!
//! # One tick
//!
//! 1. Every `event_interval` ticks: poll the driver without blocking (I/O
//!    and timers), publish metrics, and notice shutdown.
//! 2. Next task: every `global_queue_interval` ticks the global queue goes
//!    first (so it is never starved by local work); otherwise the LIFO slot,
//!    then the local queue, then a batch from the global queue.
//! 3. None: search (steal half of a random other worker's queue, then look
//!    at the global queue), within the bound on concurrent searchers.
//! 4. Still none: park (see `park.rs` and `idle.rs`).
//!
//! Running a task may refill the LIFO slot (the task woke another one); the
//! worker runs that one next, at most [`MAX_LIFO_POLLS_PER_TICK`] times in a
//! row, after which further wakes go to the back of the local queue for the
//! rest of the tick. This is what keeps two tasks ping-ponging a message from
//! starving a third.
//!
//! # Yielding
//!
//! `task::yield_now` does not reschedule the task at once: its waker is
//! deferred in the thread's [`Context`] and woken after the worker next
//! polls its driver, which happens when the worker runs out of other work
//! or at the next maintenance tick. A task yielding in a loop therefore lets
//! every other runnable task, and I/O and timers, go first.
//!
//! # Shutdown
//!
//! Workers notice the closed global queue at maintenance or when woken;
//! each cancels the runtime's tasks (`OwnedTasks::close_and_shutdown_all`,
//! so the first one does the work, on its own thread), then hands its core
//! to [`Handle::shutdown_core`]; the last core in drops what is still
//! queued and shuts the driver down. A worker that never got a thread
//! (see [`Launch`]) is shut down by whoever drops it.

use std::cell::RefCell;
use std::fmt;
use std::mem;
use std::task::Waker;
use std::time::Duration;

use crate::loom::sync::{Arc, Condvar, Mutex};
use crate::runtime::config::Config;
use crate::runtime::context::{self, EnterRuntime};
use crate::runtime::metrics::WorkerMetrics;
use crate::runtime::scheduler;
use crate::runtime::scheduler::multi_thread::handle::Handle;
use crate::runtime::scheduler::multi_thread::idle::Idle;
use crate::runtime::scheduler::multi_thread::inject::Inject;
use crate::runtime::scheduler::multi_thread::metrics::MetricsBatch;
use crate::runtime::scheduler::multi_thread::park::{Parker, SharedDriver, Unparker};
use crate::runtime::scheduler::multi_thread::queue;
use crate::task::coop;
use crate::task::raw::OwnedTasks;

/// How many tasks in a row a worker may take from its LIFO slot before
/// further wakes go to the back of the queue for the rest of the tick.
pub(crate) const MAX_LIFO_POLLS_PER_TICK: usize = 3;

/// A runnable task of this scheduler.
pub(crate) type Notified = crate::task::raw::Notified<Arc<Handle>>;

/// The state shared by all the workers of one runtime.
pub(crate) struct Shared {
    /// Per worker: its queue's stealing end, and how to wake it.
    pub(super) remotes: Box<[Remote]>,
    /// The global queue. Closing it is the shutdown signal.
    pub(super) inject: Inject<Notified>,
    /// Who searches, who sleeps.
    pub(super) idle: Idle,
    /// Every live task of the runtime.
    pub(super) owned: OwnedTasks<Arc<Handle>>,
    /// Cores handed back by their workers at shutdown; the last one in
    /// finishes the shutdown.
    /// (Boxed: a core moves between threads and slots by pointer.)
    #[allow(clippy::vec_box, reason = "cores are passed around as boxes")]
    shutdown_cores: Mutex<Vec<Box<Core>>>,
    /// Per-worker counters, written only by their worker.
    pub(super) worker_metrics: Box<[WorkerMetrics]>,
    /// The driver slot.
    pub(super) driver: Arc<SharedDriver>,
    pub(super) config: Config,
}

/// Per-worker shared state.
pub(crate) struct Remote {
    pub(super) steal: queue::Steal<Notified>,
    unpark: Unparker,
}

/// One worker: its index, its runtime, and the slot its core waits in when
/// no thread runs it (before start-up and during a `block_in_place`
/// hand-off).
pub(crate) struct Worker {
    handle: Arc<Handle>,
    index: usize,
    core: Mutex<Option<Box<Core>>>,
}

/// What a worker owns while it runs.
pub(crate) struct Core {
    index: usize,
    /// Incremented once per scheduler tick; drives the global-queue and
    /// event intervals.
    tick: u32,
    /// The task to run next: the last one woken by the running task.
    lifo_slot: Option<Notified>,
    /// Cleared after `MAX_LIFO_POLLS_PER_TICK` LIFO polls in a row.
    lifo_enabled: bool,
    run_queue: queue::Local<Notified>,
    /// Whether this worker is counted as searching in `Idle`.
    is_searching: bool,
    /// Set once the worker has noticed the runtime shutting down.
    is_shutdown: bool,
    /// `None` while the worker is parked (the parker is in use).
    park: Option<Parker>,
    metrics: MetricsBatch,
    rand: FastRand,
}

/// The thread-local state of a thread running a worker, reached through
/// `runtime::context::with_scheduler`.
pub(crate) struct Context {
    worker: Arc<Worker>,
    /// The core, while this thread runs tasks with it.
    core: RefCell<Option<Box<Core>>>,
    /// Wakers of tasks that called `yield_now`, woken after the next driver
    /// poll.
    defer: RefCell<Vec<Waker>>,
}

impl Context {
    /// This worker's index while the thread holds its core; `None` once
    /// `block_in_place` handed the core to another thread (this one is then
    /// a blocking thread until the closure returns).
    pub(crate) fn worker_index(&self) -> Option<usize> {
        let core = self.core.try_borrow().ok()?;
        core.as_ref().map(|_| self.worker.index)
    }
}

/// Calls `f` with the multi-thread worker context of this thread, if any.
fn with_current<R>(f: impl FnOnce(Option<&Context>) -> R) -> R {
    context::with_scheduler(|cx| match cx {
        Some(scheduler::Context::MultiThread(cx)) => f(Some(cx)),
        _ => f(None),
    })
}

/// Creates the shared state of a new runtime with `size` workers, and their
/// cores.
#[allow(clippy::vec_box, reason = "cores are passed around as boxes")]
pub(super) fn create(
    size: usize,
    driver: Arc<SharedDriver>,
    config: Config,
) -> (Shared, Vec<Box<Core>>) {
    let mut cores = Vec::with_capacity(size);
    let mut remotes = Vec::with_capacity(size);
    let mut worker_metrics = Vec::with_capacity(size);
    for index in 0..size {
        let (steal, run_queue) = queue::local();
        let park = Parker::new(driver.clone());
        remotes.push(Remote {
            steal,
            unpark: park.unparker(),
        });
        worker_metrics.push(WorkerMetrics::default());
        cores.push(Box::new(Core {
            index,
            tick: 0,
            lifo_slot: None,
            lifo_enabled: !config.disable_lifo_slot,
            run_queue,
            is_searching: false,
            is_shutdown: false,
            park: Some(park),
            metrics: MetricsBatch::new(),
            rand: FastRand::new(index as u64),
        }));
    }
    let shared = Shared {
        remotes: remotes.into_boxed_slice(),
        inject: Inject::new(),
        idle: Idle::new(size),
        owned: OwnedTasks::new(),
        shutdown_cores: Mutex::new(Vec::with_capacity(size)),
        worker_metrics: worker_metrics.into_boxed_slice(),
        driver,
        config,
    };
    (shared, cores)
}

impl Worker {
    /// A worker whose core waits in its slot until a thread runs it.
    pub(super) fn new(handle: Arc<Handle>, core: Box<Core>) -> Arc<Worker> {
        Arc::new(Worker {
            handle,
            index: core.index,
            core: Mutex::new(Some(core)),
        })
    }
}

/// A worker waiting for a thread of the blocking pool to run it.
///
/// The pool cancels the tasks it has not started when it shuts down. A
/// worker cancelled that way (during a `block_in_place` hand-off, or if the
/// runtime is dropped while it is still being built) must still give its
/// core back, or the shutdown would never complete: dropping an unstarted
/// `Launch` does that on the dropping thread, inside the runtime's context.
pub(super) struct Launch {
    worker: Option<Arc<Worker>>,
    /// Counted down once the worker's thread holds its core.
    started: Option<Arc<Latch>>,
}

impl Launch {
    pub(super) fn new(worker: Arc<Worker>, started: Option<Arc<Latch>>) -> Launch {
        Launch {
            worker: Some(worker),
            started,
        }
    }

    /// Runs the worker on this thread.
    pub(super) fn run(mut self) {
        if let Some(worker) = self.worker.take() {
            run(worker, self.started.take());
        }
    }
}

impl Drop for Launch {
    fn drop(&mut self) {
        if let Some(started) = self.started.take() {
            started.count_down();
        }
        let Some(worker) = self.worker.take() else {
            return;
        };
        let core = worker.core.lock().take();
        let Some(core) = core else {
            return;
        };
        let handle = scheduler::Handle::MultiThread(worker.handle.clone());
        let _current = context::set_current(&handle);
        worker.handle.shutdown_unstarted(core);
    }
}

/// Counts worker threads up to the point where they hold their core, so
/// that `build` returns only once every worker runs (and shutdown always
/// happens on the workers' own threads).
#[derive(Debug)]
pub(super) struct Latch {
    remaining: Mutex<usize>,
    zero: Condvar,
}

impl Latch {
    pub(super) fn new(count: usize) -> Arc<Latch> {
        Arc::new(Latch {
            remaining: Mutex::new(count),
            zero: Condvar::new(),
        })
    }

    fn count_down(&self) {
        let mut remaining = self.remaining.lock();
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            self.zero.notify_all();
        }
    }

    /// Blocks until the count reaches zero.
    pub(super) fn wait(&self) {
        let mut remaining = self.remaining.lock();
        while *remaining > 0 {
            remaining = self.zero.wait(remaining);
        }
    }
}

/// The body of a worker thread: runs the scheduler loop with the worker's
/// core until shutdown, or until the core is handed to another thread.
fn run(worker: Arc<Worker>, started: Option<Arc<Latch>>) {
    // The core may already be gone: after a `block_in_place` hand-off the
    // original thread can reclaim it before this thread gets to run.
    let core = worker.core.lock().take();
    if let Some(started) = started {
        started.count_down();
    }
    let Some(core) = core else {
        return;
    };
    let handle = scheduler::Handle::MultiThread(worker.handle.clone());
    let _enter = context::enter_runtime(&handle, true);
    let cx = scheduler::Context::MultiThread(Context {
        worker,
        core: RefCell::new(None),
        defer: RefCell::new(Vec::new()),
    });
    let scheduler::Context::MultiThread(inner) = &cx else {
        unreachable!()
    };
    context::set_scheduler(&cx, || {
        // `Err` means the core was handed to another thread by
        // `block_in_place`; that thread carries on.
        let _ = inner.run(core);
        // Yielded tasks left behind go to the global queue.
        inner.wake_deferred();
    });
}

impl Context {
    fn shared(&self) -> &Shared {
        &self.worker.handle.shared
    }

    /// Defers `waker` until this worker next polls its driver
    /// (`yield_now`).
    pub(crate) fn defer(&self, waker: &Waker) {
        let mut defer = self.defer.borrow_mut();
        // A task yielding twice in a row needs one wake-up; comparing with
        // the last entry only keeps this O(1) with many yielding tasks.
        if !defer.last().is_some_and(|last| last.will_wake(waker)) {
            defer.push(waker.clone());
        }
    }

    fn wake_deferred(&self) {
        let wakers = mem::take(&mut *self.defer.borrow_mut());
        for waker in wakers {
            waker.wake();
        }
    }

    fn run(&self, mut core: Box<Core>) -> Result<(), ()> {
        while !core.is_shutdown {
            core.tick = core.tick.wrapping_add(1);
            core = self.maintenance(core);
            if core.is_shutdown {
                break;
            }

            if let Some(task) = core.next_task(self.shared()) {
                core = self.run_task(task, core)?;
                continue;
            }
            if let Some(task) = core.steal_work(self.shared()) {
                core = self.run_task(task, core)?;
            } else if !self.defer.borrow().is_empty() {
                // Only yielded tasks are left: poll the driver, then run
                // them.
                core = self.park_timeout(core, Some(Duration::ZERO));
            } else {
                core = self.park(core);
            }
        }
        core.pre_shutdown(self.shared());
        self.worker.handle.shutdown_core(core);
        Ok(())
    }

    fn run_task(&self, task: Notified, mut core: Box<Core>) -> Result<Box<Core>, ()> {
        let shared = self.shared();

        // A searcher that found work stops searching; if it was the last
        // one, another worker takes over the search.
        core.transition_from_searching(shared);
        core.lifo_enabled = !shared.config.disable_lifo_slot;
        core.metrics.incr_poll_count();
        *self.core.borrow_mut() = Some(core);

        coop::budget(|| {
            task.run();
            let mut lifo_polls = 0;
            loop {
                // `block_in_place` may have handed the core away.
                let core = self.core.borrow_mut().take();
                let Some(mut core) = core else {
                    return Err(());
                };
                let Some(task) = core.lifo_slot.take() else {
                    return Ok(core);
                };
                if !coop::has_budget_remaining() {
                    // This poll's budget is spent: the woken task waits its
                    // turn at the back of the queue.
                    core.push_back(task, shared);
                    return Ok(core);
                }
                lifo_polls += 1;
                if lifo_polls >= MAX_LIFO_POLLS_PER_TICK {
                    // Further wakes this tick go to the back of the queue,
                    // so that two tasks ping-ponging through the slot
                    // cannot starve the rest.
                    core.lifo_enabled = false;
                }
                core.metrics.incr_poll_count();
                *self.core.borrow_mut() = Some(core);
                task.run();
            }
        })
    }

    /// Every `event_interval` ticks: service the driver, publish metrics,
    /// notice shutdown.
    fn maintenance(&self, mut core: Box<Core>) -> Box<Core> {
        if core.tick % self.shared().config.event_interval == 0 {
            core = self.park_timeout(core, Some(Duration::ZERO));
            core.maintenance(self.shared());
        }
        core
    }

    fn park(&self, mut core: Box<Core>) -> Box<Core> {
        let shared = self.shared();
        if let Some(f) = &shared.config.before_park {
            f();
        }
        if core.transition_to_parked(shared) {
            while !core.is_shutdown {
                core.metrics.about_to_park();
                core.metrics.submit(&shared.worker_metrics[core.index]);
                core = self.park_timeout(core, None);
                core.metrics.unparked();
                core.maintenance(shared);
                if core.transition_from_parked(shared) {
                    break;
                }
            }
        }
        if let Some(f) = &shared.config.after_unpark {
            f();
        }
        core
    }

    /// Parks (or, with a zero duration, only polls the driver), with the
    /// core stored in the context so that tasks woken meanwhile by the
    /// driver land in this worker's queue.
    fn park_timeout(&self, mut core: Box<Core>, duration: Option<Duration>) -> Box<Core> {
        let mut park = core.park.take().expect("worker parker missing");
        *self.core.borrow_mut() = Some(core);
        match duration {
            Some(_) => park.maintain_driver(),
            None => park.park(),
        }
        self.wake_deferred();
        let mut core = self.core.borrow_mut().take().expect("worker core missing");
        core.park = Some(park);
        // Wakes processed during the park may have filled our queue: let a
        // sleeper help.
        if core.should_notify_others() {
            notify_parked(self.shared());
        }
        core
    }
}

impl Core {
    /// The next task to run, from the LIFO slot, the local queue or the
    /// global queue.
    fn next_task(&mut self, shared: &Shared) -> Option<Notified> {
        if self.tick % shared.config.global_queue_interval == 0 {
            // Fairness: the global queue first, now and then.
            return shared.inject.pop().or_else(|| self.next_local_task());
        }
        if let Some(task) = self.next_local_task() {
            return Some(task);
        }
        self.take_from_global(shared)
    }

    /// Takes a fair share of the global queue, in one lock: one task to
    /// run and some more for the local queue.
    fn take_from_global(&mut self, shared: &Shared) -> Option<Notified> {
        if shared.inject.is_empty() {
            return None;
        }
        let share = shared.inject.len() / shared.remotes.len() + 1;
        let max = share
            .min(self.run_queue.remaining_slots())
            .min(queue::CAPACITY / 2);
        shared.inject.pop_into(&mut self.run_queue, max)
    }

    fn next_local_task(&mut self) -> Option<Notified> {
        self.lifo_slot.take().or_else(|| self.run_queue.pop())
    }

    /// Pushes `task` to the back of the local queue (or overflows).
    fn push_back(&mut self, task: Notified, shared: &Shared) {
        if self.run_queue.push_back_or_overflow(task, &shared.inject) {
            self.metrics.incr_overflow_count();
        }
    }

    /// Searches other workers' queues (and then the global queue) for work.
    fn steal_work(&mut self, shared: &Shared) -> Option<Notified> {
        if !self.transition_to_searching(shared) {
            return None;
        }
        let num = shared.remotes.len();
        let start = self.rand.below(num);
        for i in 0..num {
            let victim = (start + i) % num;
            if victim == self.index {
                continue;
            }
            let stolen = shared.remotes[victim].steal.steal_into(&mut self.run_queue);
            if let Some((task, count)) = stolen {
                self.metrics.incr_steal(count);
                return Some(task);
            }
        }
        self.take_from_global(shared)
    }

    fn transition_to_searching(&mut self, shared: &Shared) -> bool {
        if !self.is_searching {
            self.is_searching = shared.idle.transition_worker_to_searching();
        }
        self.is_searching
    }

    fn transition_from_searching(&mut self, shared: &Shared) {
        if !self.is_searching {
            return;
        }
        self.is_searching = false;
        if shared.idle.transition_worker_from_searching() {
            // We were the last searcher and found work: there may be more,
            // so wake one sleeper to keep looking.
            notify_parked(shared);
        }
    }

    fn has_tasks(&self) -> bool {
        self.lifo_slot.is_some() || !self.run_queue.is_empty()
    }

    /// Whether this worker has more work than it can start right now.
    fn should_notify_others(&self) -> bool {
        !self.is_searching && usize::from(self.lifo_slot.is_some()) + self.run_queue.len() > 1
    }

    /// Prepares to park. Returns `false` if the worker has work after all.
    fn transition_to_parked(&mut self, shared: &Shared) -> bool {
        if self.has_tasks() || self.is_shutdown {
            return false;
        }
        let was_last_searcher = shared
            .idle
            .transition_worker_to_parked(self.index, self.is_searching);
        self.is_searching = false;
        if was_last_searcher {
            // Work pushed while we were giving up would otherwise wait for
            // the next spawn: look once more, after parking in the counts.
            notify_if_work_pending(shared);
        }
        true
    }

    /// After a wake-up: whether to leave the park loop.
    fn transition_from_parked(&mut self, shared: &Shared) -> bool {
        if self.has_tasks() {
            // Woken by driver events that scheduled tasks here: run them,
            // without counting as a searcher unless someone notified us.
            self.is_searching = !shared.idle.unpark_worker_by_id(self.index);
            return true;
        }
        if shared.idle.is_parked(self.index) {
            // A spurious wake-up.
            return false;
        }
        // Notified: `worker_to_notify` made us a searcher.
        self.is_searching = true;
        true
    }

    /// Publishes metrics and notices shutdown.
    fn maintenance(&mut self, shared: &Shared) {
        self.metrics.submit(&shared.worker_metrics[self.index]);
        if !self.is_shutdown {
            self.is_shutdown = shared.inject.is_closed();
        }
    }

    /// Before handing the core back at shutdown: cancel every task.
    fn pre_shutdown(&mut self, shared: &Shared) {
        if self.is_searching {
            self.is_searching = false;
            shared.idle.transition_worker_from_searching();
        }
        // Cancels every task of the runtime (the first worker here does the
        // work); their destructors run on this, a runtime thread.
        shared.owned.close_and_shutdown_all();
        self.metrics.submit(&shared.worker_metrics[self.index]);
    }

    /// Drops every notification still queued here; the tasks themselves
    /// were cancelled already.
    fn drain(&mut self) {
        while let Some(task) = self.next_local_task() {
            drop(task);
        }
    }
}

/// Wakes one parked worker if nobody is searching.
fn notify_parked(shared: &Shared) {
    if let Some(index) = shared.idle.worker_to_notify() {
        shared.remotes[index].unpark.unpark();
    }
}

fn notify_if_work_pending(shared: &Shared) {
    let pending =
        shared.remotes.iter().any(|remote| !remote.steal.is_empty()) || !shared.inject.is_empty();
    if pending {
        notify_parked(shared);
    }
}

impl Handle {
    /// Schedules a task that became runnable: onto the current worker's
    /// LIFO slot or queue when called from one of this runtime's workers,
    /// onto the global queue otherwise. `is_yield` (the task woke itself
    /// while running) sends it to the back of the queue instead of the LIFO
    /// slot.
    pub(super) fn schedule_task(&self, task: Notified, is_yield: bool) {
        with_current(|cx| {
            if let Some(cx) = cx {
                if std::ptr::eq(&*cx.worker.handle, self) {
                    if let Ok(mut core) = cx.core.try_borrow_mut() {
                        if let Some(core) = core.as_mut() {
                            self.schedule_local(core, task, is_yield);
                            return;
                        }
                    }
                }
            }
            // From outside, or from a thread whose core was handed away.
            if self.shared.inject.push(task) {
                notify_parked(&self.shared);
            }
        });
    }

    fn schedule_local(&self, core: &mut Core, task: Notified, is_yield: bool) {
        let should_notify = if is_yield || !core.lifo_enabled {
            core.push_back(task, &self.shared);
            true
        } else {
            // The woken task runs next; the one it displaces becomes
            // stealable.
            match core.lifo_slot.replace(task) {
                Some(prev) => {
                    core.push_back(prev, &self.shared);
                    true
                }
                None => false,
            }
        };
        // While the worker is parked (processing driver events) it runs the
        // task itself right after; otherwise let a sleeper steal it.
        if should_notify && core.park.is_some() {
            notify_parked(&self.shared);
        }
    }

    /// Starts shutting down: closes the global queue (the signal every
    /// worker checks) and wakes every worker to see it.
    pub(super) fn close(&self) {
        if self.shared.inject.close() {
            for remote in self.shared.remotes.iter() {
                remote.unpark.unpark();
            }
        }
    }

    /// Shuts down, on the calling thread, a core that no worker thread ran
    /// to its end (see [`Launch`]).
    pub(super) fn shutdown_unstarted(&self, mut core: Box<Core>) {
        core.pre_shutdown(&self.shared);
        self.shutdown_core(core);
    }

    /// Takes back a worker's core at shutdown; the last core in drops every
    /// task still queued and shuts the driver down.
    fn shutdown_core(&self, core: Box<Core>) {
        let mut cores = {
            let mut cores = self.shared.shutdown_cores.lock();
            cores.push(core);
            if cores.len() != self.shared.remotes.len() {
                return;
            }
            mem::take(&mut *cores)
        };
        for core in &mut cores {
            core.drain();
        }
        // Tasks woken from outside after the workers last looked.
        while let Some(task) = self.shared.inject.pop() {
            drop(task);
        }
        self.shared.driver.shutdown();
        drop(cores);
    }
}

/// See [`crate::task::block_in_place`].
pub(crate) fn block_in_place<F, R>(f: F) -> R
where
    F: FnOnce() -> R,
{
    /// Takes the core back (if the hand-off thread has not taken it), even
    /// if `f` panics.
    struct Reset {
        take_core: bool,
    }

    impl Drop for Reset {
        fn drop(&mut self) {
            if !self.take_core {
                return;
            }
            with_current(|cx| {
                if let Some(cx) = cx {
                    let core = cx.worker.core.lock().take();
                    let mut slot = cx.core.borrow_mut();
                    debug_assert!(slot.is_none());
                    *slot = core;
                }
            });
        }
    }

    let mut had_entered = false;
    let mut take_core = false;
    let setup = with_current(|cx| {
        // Inside a `LocalSet` (its `run_until`, one of its tasks, or its
        // drop) the worker cannot hand its core off: the set's `!Send`
        // tasks are tied to this thread and must keep being driven here.
        if context::runtime_state() != EnterRuntime::NotEntered
            && crate::task::local::is_in_local_set()
        {
            return Err("can call blocking only when running on the multi-threaded runtime");
        }
        match (context::runtime_state(), cx) {
            // A worker thread of a multi-thread runtime: hand the core off.
            (EnterRuntime::Entered { .. }, Some(_)) => had_entered = true,
            (
                EnterRuntime::Entered {
                    allow_block_in_place,
                },
                None,
            ) => {
                // Driving a runtime but not as a worker: fine only in a
                // multi-thread runtime's `block_on`.
                if allow_block_in_place {
                    had_entered = true;
                    return Ok(());
                }
                return Err("can call blocking only when running on the multi-threaded runtime");
            }
            // Nested in another `block_in_place` (already handed off), or
            // outside any runtime: nothing to set up.
            (EnterRuntime::NotEntered, _) => return Ok(()),
        }
        let Some(cx) = cx else { return Ok(()) };
        let core = cx.core.borrow_mut().take();
        let Some(mut core) = core else {
            return Ok(());
        };
        let shared = cx.shared();
        // Only the LIFO slot is out of other workers' reach; move its task
        // to the queue so that the new thread or a stealer can run it even
        // if no thread is free to take the core for a while.
        if let Some(task) = core.lifo_slot.take() {
            core.push_back(task, shared);
        }
        core.transition_from_searching(shared);
        take_core = true;
        *cx.worker.core.lock() = Some(core);
        // A new thread carries on with the core while this one blocks.
        let launch = Launch::new(cx.worker.clone(), None);
        let handle = scheduler::Handle::MultiThread(cx.worker.handle.clone());
        drop(
            cx.worker
                .handle
                .blocking_spawner
                .spawn_blocking(&handle, move || launch.run()),
        );
        Ok(())
    });
    if let Err(message) = setup {
        panic!("{message}");
    }
    if !had_entered {
        return f();
    }
    let _reset = Reset { take_core };
    let _exit = context::exit_runtime();
    // Blocking sections are not bound by the task's budget.
    coop::with_unconstrained(f)
}

/// A small xorshift generator: where a searcher starts stealing.
#[derive(Debug)]
struct FastRand(u64);

impl FastRand {
    fn new(seed: u64) -> Self {
        // Any non-zero seed works; spread the worker indexes apart.
        FastRand(seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (((x >> 32) * n as u64) >> 32) as usize
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("workers", &self.remotes.len())
            .field("inject", &self.inject)
            .field("idle", &self.idle)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Remote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Remote")
            .field("steal", &self.steal)
            .finish()
    }
}

impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("index", &self.index)
            .finish()
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("index", &self.index)
            .field("tick", &self.tick)
            .field("run_queue", &self.run_queue)
            .field("is_searching", &self.is_searching)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("multi_thread::Context")
            .field("worker", &self.worker)
            .finish_non_exhaustive()
    }
}
