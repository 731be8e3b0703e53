//! The current-thread scheduler: every task runs on the thread that calls
//! `Runtime::block_on`.
//!
//! # Design
//!
//! The scheduler's movable state, [`Core`] (the local run queue, the tick
//! counter and the driver), lives in the runtime while nobody drives it.
//! `block_on` takes it, installs it in a thread-local [`Context`], and loops:
//!
//! 1. poll the `block_on` future when its waker fired;
//! 2. run up to `event_interval` tasks, taking from the local queue, or from
//!    the injection queue (tasks spawned or woken from other threads) first
//!    every `global_queue_interval` ticks so it cannot be starved;
//! 3. when there is nothing to run, park the driver (I/O, timers, or a plain
//!    thread parker); after `event_interval` tasks, poll the driver without
//!    blocking so that I/O and timers are serviced under load.
//!
//! A task woken on the driving thread goes to the local queue with no lock
//! (the `Context` is reached through the thread-local scheduler pointer);
//! from any other thread it goes to the injection queue, and the driver is
//! unparked. The core is never borrowed while a task runs or the driver
//! parks, so wake-ups from inside either can always push. Likewise the
//! `block_on` future's waker only sets a flag when it fires on the driving
//! thread (the flag is checked before every park), and interrupts the driver
//! only from elsewhere, once per wake-up: an I/O driver's interrupt is a
//! system call, and a future woken from `park` would pay one per wake.
//!
//! A second thread calling `block_on` while the core is taken polls its own
//! future alone and waits for either its future or the core.
//!
//! Shutdown takes the core on the dropping thread, closes the owned-task
//! list (cancelling every task there, so their destructors run on a thread
//! that has the runtime context), drains both queues, then shuts the driver
//! down so that resources still alive fail instead of hanging.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll, Wake, Waker};
use std::time::Duration;

use crate::loom::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use crate::loom::sync::{Arc, Mutex};
use crate::runtime::blocking;
use crate::runtime::config::Config;
use crate::runtime::context;
use crate::runtime::driver::{Driver, Registry, Unpark};
use crate::runtime::metrics::WorkerMetrics;
use crate::runtime::scheduler;
use crate::task::raw::{Notified, OwnedTasks, Schedule, Task};
use crate::task::{Id, JoinHandle, coop};

/// The scheduler as the `Runtime` owns it.
pub(crate) struct CurrentThread {
    /// The core, while no thread drives the scheduler.
    core: Mutex<Option<Box<Core>>>,
    /// Threads blocked in `block_on` waiting for the core.
    waiters: Mutex<Vec<std::thread::Thread>>,
    /// `shutdown` ran (it is idempotent).
    shut_down: AtomicBool,
}

/// The shared state: what tasks and handles hold.
pub(crate) struct Handle {
    shared: Shared,
    pub(crate) registry: Registry,
    pub(crate) blocking_spawner: blocking::Spawner,
    pub(crate) id: crate::runtime::Id,
    /// The thread of the `LocalRuntime` this runtime is the scheduler of,
    /// set once when the local runtime is assembled, before its handle is
    /// shared; unset for a plain runtime.
    pub(crate) local_owner: std::sync::OnceLock<std::thread::ThreadId>,
    config: Config,
    pub(crate) worker_metrics: WorkerMetrics,
}

struct Shared {
    /// Tasks scheduled from outside the driving thread. `None` once closed.
    inject: Mutex<Option<VecDeque<Notified<Arc<Handle>>>>>,
    /// Length of `inject`, read without the lock.
    inject_len: AtomicUsize,
    owned: OwnedTasks<Arc<Handle>>,
    /// The `block_on` future was woken.
    woken: AtomicBool,
    unpark: std::sync::Arc<dyn Unpark>,
    spawned: AtomicU64,
}

/// The movable part of the scheduler.
struct Core {
    tasks: VecDeque<Notified<Arc<Handle>>>,
    tick: u32,
    /// `None` while parked on, and after shutdown.
    driver: Option<Box<dyn Driver>>,
}

/// The per-thread state while driving.
pub(crate) struct Context {
    handle: Arc<Handle>,
    core: RefCell<Option<Box<Core>>>,
    /// Wakers deferred by `yield_now` until the driver has been polled.
    defer: RefCell<Vec<Waker>>,
    /// When the thread last woke up (for the busy-duration metric).
    busy_since: std::cell::Cell<Option<std::time::Instant>>,
}

impl CurrentThread {
    pub(crate) fn new(
        driver: Box<dyn Driver>,
        registry: Registry,
        blocking_spawner: blocking::Spawner,
        config: Config,
    ) -> (CurrentThread, Arc<Handle>) {
        let unpark = driver.unparker();
        let handle = Arc::new(Handle {
            shared: Shared {
                inject: Mutex::new(Some(VecDeque::new())),
                inject_len: AtomicUsize::new(0),
                owned: OwnedTasks::new(),
                woken: AtomicBool::new(false),
                unpark,
                spawned: AtomicU64::new(0),
            },
            registry,
            blocking_spawner,
            id: crate::runtime::Id::next(),
            local_owner: std::sync::OnceLock::new(),
            config,
            worker_metrics: WorkerMetrics::default(),
        });
        let core = Box::new(Core {
            tasks: VecDeque::with_capacity(64),
            tick: 0,
            driver: Some(driver),
        });
        let scheduler = CurrentThread {
            core: Mutex::new(Some(core)),
            waiters: Mutex::new(Vec::new()),
            shut_down: AtomicBool::new(false),
        };
        (scheduler, handle)
    }

    /// Runs `future` to completion, driving the scheduler meanwhile.
    #[track_caller]
    pub(crate) fn block_on<F: Future>(&self, handle: &scheduler::Handle, future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let _enter = context::enter_runtime(handle, false);
        let scheduler::Handle::CurrentThread(ct) = handle else {
            unreachable!("a current-thread runtime holds a current-thread handle")
        };
        loop {
            // Bind first: the guard of an `if let` scrutinee would live
            // through the whole body.
            let core = self.core.lock().take();
            if let Some(core) = core {
                return self.drive(ct, core, future.as_mut());
            }
            // Another thread drives the scheduler: poll our future alone and
            // sleep until it is woken or the core comes back.
            self.waiters.lock().push(std::thread::current());
            let waker = Waker::from(std::sync::Arc::new(ThreadWaker(std::thread::current())));
            let mut cx = TaskContext::from_waker(&waker);
            if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
                return v;
            }
            let available = self.core.lock().is_some();
            if available {
                continue;
            }
            std::thread::park();
        }
    }

    fn drive<F: Future>(
        &self,
        handle: &Arc<Handle>,
        core: Box<Core>,
        future: Pin<&mut F>,
    ) -> F::Output {
        let guard = CoreGuard {
            scheduler: self,
            cx: scheduler::Context::CurrentThread(Context {
                handle: handle.clone(),
                core: RefCell::new(Some(core)),
                defer: RefCell::new(Vec::new()),
                busy_since: std::cell::Cell::new(Some(std::time::Instant::now())),
            }),
        };
        let scheduler::Context::CurrentThread(cx) = &guard.cx else {
            unreachable!()
        };
        context::set_scheduler(&guard.cx, || cx.run(future))
    }

    /// Shuts the scheduler down: cancels every task and shuts the driver
    /// down. Called once, by the runtime, with its context entered.
    pub(crate) fn shutdown(&self, handle: &scheduler::Handle) {
        let scheduler::Handle::CurrentThread(ct) = handle else {
            unreachable!("a current-thread runtime holds a current-thread handle")
        };
        if self.shut_down.swap(true, Ordering::AcqRel) {
            return;
        }
        let core = match self.core.lock().take() {
            Some(core) => core,
            // A `block_on` on another thread still holds it (the runtime is
            // being dropped while in use, which only a panic can cause).
            None if std::thread::panicking() => return,
            None => panic!("the current-thread runtime was dropped while a `block_on` was running"),
        };
        let cx = scheduler::Context::CurrentThread(Context {
            handle: ct.clone(),
            core: RefCell::new(Some(core)),
            defer: RefCell::new(Vec::new()),
            busy_since: std::cell::Cell::new(None),
        });
        let scheduler::Context::CurrentThread(inner) = &cx else {
            unreachable!()
        };
        context::set_scheduler(&cx, || inner.shutdown());
    }
}

impl Context {
    /// The `block_on` loop.
    fn run<F: Future>(&self, mut future: Pin<&mut F>) -> F::Output {
        let handle = &self.handle;
        let waker = Waker::from(std::sync::Arc::new(BlockOnWaker {
            handle: handle.clone(),
        }));
        let mut cx = TaskContext::from_waker(&waker);
        handle.shared.woken.store(true, Ordering::Relaxed);

        'outer: loop {
            if handle.shared.woken.swap(false, Ordering::AcqRel) {
                if let Poll::Ready(v) = coop::budget(|| future.as_mut().poll(&mut cx)) {
                    return v;
                }
            }
            // No check of `woken` inside this loop: a `block_on` future that
            // keeps waking itself (say, out of budget) would otherwise never
            // let a spawned task run. It is polled again after at most
            // `event_interval` tasks.
            for _ in 0..handle.config.event_interval {
                match self.next_task() {
                    Some(task) => self.run_task(task),
                    None => {
                        if self.defer.borrow().is_empty() {
                            self.park();
                        } else {
                            self.park_yield();
                        }
                        continue 'outer;
                    }
                }
            }
            // Serviced `event_interval` tasks: let the driver in.
            self.park_yield();
        }
    }

    fn run_task(&self, task: Notified<Arc<Handle>>) {
        WorkerMetrics::add(&self.handle.worker_metrics.poll_count, 1);
        coop::budget(|| task.run());
    }

    fn next_task(&self) -> Option<Notified<Arc<Handle>>> {
        let mut core = self.core.borrow_mut();
        let core = core.as_mut()?;
        core.tick = core.tick.wrapping_add(1);
        let interval = self.handle.config.global_queue_interval;
        if core.tick % interval == 0 {
            self.handle.pop_remote().or_else(|| core.tasks.pop_front())
        } else {
            core.tasks.pop_front().or_else(|| self.handle.pop_remote())
        }
    }

    fn take_driver(&self) -> Option<Box<dyn Driver>> {
        self.core.borrow_mut().as_mut()?.driver.take()
    }

    fn put_driver(&self, driver: Box<dyn Driver>) {
        if let Some(core) = self.core.borrow_mut().as_mut() {
            core.driver = Some(driver);
        }
    }

    fn has_work(&self) -> bool {
        let local = self
            .core
            .borrow()
            .as_ref()
            .is_some_and(|core| !core.tasks.is_empty());
        // Deferred wakers count too: `before_park` may have yielded a task
        // (a `yield_now` defers its waker), which must run rather than wait
        // for the driver.
        local
            || !self.defer.borrow().is_empty()
            || self.handle.shared.inject_len.load(Ordering::Acquire) != 0
            || self.handle.shared.woken.load(Ordering::Acquire)
    }

    /// Parks the driver until something happens.
    fn park(&self) {
        let Some(mut driver) = self.take_driver() else {
            return;
        };
        if let Some(f) = &self.handle.config.before_park {
            f();
        }
        // `before_park` may have scheduled work; and work may have arrived
        // since the queues were found empty.
        if !self.has_work() {
            let metrics = &self.handle.worker_metrics;
            let depth = self
                .core
                .borrow()
                .as_ref()
                .map_or(0, |core| core.tasks.len());
            metrics.local_queue_depth.store(depth, Ordering::Relaxed);
            WorkerMetrics::add(&metrics.park_count, 1);
            WorkerMetrics::add(&metrics.park_unpark_count, 1);
            let busy = self.busy_since.replace(None);
            if let Some(since) = busy {
                WorkerMetrics::add(
                    &metrics.busy_duration_total,
                    since.elapsed().as_nanos() as u64,
                );
            }
            driver.park();
            WorkerMetrics::add(&metrics.park_unpark_count, 1);
            self.busy_since.set(Some(std::time::Instant::now()));
            if !self.has_work() {
                WorkerMetrics::add(&metrics.noop_count, 1);
            }
            self.wake_deferred();
        } else {
            // There is work already, but the driver is polled anyway (without
            // blocking): a `block_on` future that wakes itself on every poll
            // would otherwise keep the loop from ever reaching the driver,
            // and the timer or socket it waits on would never fire.
            driver.park_timeout(Duration::ZERO);
            self.wake_deferred();
        }
        if let Some(f) = &self.handle.config.after_unpark {
            f();
        }
        self.put_driver(driver);
    }

    /// Polls the driver without blocking, then releases deferred wakers.
    fn park_yield(&self) {
        let Some(mut driver) = self.take_driver() else {
            return;
        };
        driver.park_timeout(Duration::ZERO);
        self.wake_deferred();
        self.put_driver(driver);
    }

    fn wake_deferred(&self) {
        // Take the list out so that a waker may defer again while we wake,
        // then give its capacity back: yielding tasks defer every round, and
        // a fresh vector each time costs a few reallocations per round.
        let mut wakers = mem::take(&mut *self.defer.borrow_mut());
        if wakers.is_empty() {
            return;
        }
        for waker in wakers.drain(..) {
            waker.wake();
        }
        let mut defer = self.defer.borrow_mut();
        if defer.is_empty() {
            *defer = wakers;
        }
    }

    pub(crate) fn defer(&self, waker: &Waker) {
        let mut defer = self.defer.borrow_mut();
        // A task yielding twice in a row needs one wake-up. Only the last
        // entry is checked: scanning the list would make yielding O(n).
        if !defer.last().is_some_and(|w| w.will_wake(waker)) {
            defer.push(waker.clone());
        }
    }

    fn shutdown(&self) {
        let handle = &self.handle;
        // Cancel every task: destructors run here, with the context set, and
        // may wake or spawn (refused: the list is closed).
        handle.shared.owned.close_and_shutdown_all();
        self.wake_deferred();
        // Drop queued notifications (outside any borrow: dropping releases
        // task references, which may deallocate and run destructors of
        // outputs).
        let local = self
            .core
            .borrow_mut()
            .as_mut()
            .map(|core| mem::take(&mut core.tasks));
        drop(local);
        let remote = handle.shared.inject.lock().take();
        handle.shared.inject_len.store(0, Ordering::Release);
        drop(remote);
        if let Some(mut driver) = self.take_driver() {
            driver.shutdown();
            drop(driver);
        }
        debug_assert!(handle.shared.owned.is_empty());
    }
}

/// Returns the core to the scheduler when `block_on` ends (also on
/// panic), and wakes a thread waiting for it.
struct CoreGuard<'a> {
    scheduler: &'a CurrentThread,
    cx: scheduler::Context,
}

impl Drop for CoreGuard<'_> {
    fn drop(&mut self) {
        let scheduler::Context::CurrentThread(cx) = &self.cx else {
            unreachable!()
        };
        // The busy stretch since the last wake-up ends with `block_on`: count
        // it, or a runtime that never had to park would report no busy time.
        if let Some(since) = cx.busy_since.replace(None) {
            WorkerMetrics::add(
                &cx.handle.worker_metrics.busy_duration_total,
                since.elapsed().as_nanos() as u64,
            );
        }
        if let Some(core) = cx.core.borrow_mut().take() {
            *self.scheduler.core.lock() = Some(core);
            for thread in self.scheduler.waiters.lock().drain(..) {
                thread.unpark();
            }
        }
    }
}

impl Handle {
    pub(crate) fn name(&self) -> Option<&str> {
        self.config.name.as_deref()
    }

    pub(crate) fn spawn<F>(me: &Arc<Handle>, future: F, id: Id) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (join, notified) = me.shared.owned.bind(future, me.clone(), id);
        me.shared.spawned.fetch_add(1, Ordering::Relaxed);
        if let Some(notified) = notified {
            me.schedule(notified);
        }
        join
    }

    fn pop_remote(&self) -> Option<Notified<Arc<Handle>>> {
        if self.shared.inject_len.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut inject = self.shared.inject.lock();
        let task = inject.as_mut()?.pop_front();
        if task.is_some() {
            self.shared.inject_len.fetch_sub(1, Ordering::Release);
        }
        task
    }

    fn push_remote(&self, task: Notified<Arc<Handle>>) {
        let mut inject = self.shared.inject.lock();
        match inject.as_mut() {
            Some(queue) => {
                queue.push_back(task);
                self.shared.inject_len.fetch_add(1, Ordering::Release);
                drop(inject);
                self.shared.unpark.unpark();
            }
            None => {
                // Shut down: the task was cancelled already; release the
                // notification outside the lock.
                drop(inject);
                drop(task);
            }
        }
    }

    pub(crate) fn num_alive_tasks(&self) -> usize {
        self.shared.owned.len()
    }

    pub(crate) fn spawned_tasks_count(&self) -> u64 {
        self.shared.spawned.load(Ordering::Relaxed)
    }

    pub(crate) fn injection_queue_depth(&self) -> usize {
        self.shared.inject_len.load(Ordering::Relaxed)
    }
}

impl Schedule for Arc<Handle> {
    fn release(&self, task: &Task<Self>) -> Option<Task<Self>> {
        self.shared.owned.remove(task)
    }

    fn schedule(&self, task: Notified<Self>) {
        context::with_scheduler(|cx| match cx {
            Some(scheduler::Context::CurrentThread(cx)) if Arc::ptr_eq(self, &cx.handle) => {
                match cx.core.try_borrow_mut() {
                    Ok(mut core) => match core.as_mut() {
                        Some(core) => core.tasks.push_back(task),
                        None => {
                            drop(core);
                            self.push_remote(task);
                        }
                    },
                    Err(_) => self.push_remote(task),
                }
            }
            _ => self.push_remote(task),
        });
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("current_thread::Handle")
            .field("id", &self.id)
            .finish()
    }
}

/// The waker of the `block_on` future.
struct BlockOnWaker {
    handle: Arc<Handle>,
}

impl Wake for BlockOnWaker {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        let shared = &self.handle.shared;
        signal_block_on(&shared.woken, &*shared.unpark, || {
            context::with_scheduler(|cx| {
                matches!(cx, Some(scheduler::Context::CurrentThread(cx))
                    if Arc::ptr_eq(&self.handle, &cx.handle))
            })
        });
    }
}

/// Sets the `block_on` future's `woken` flag and makes sure the driving
/// thread sees it.
///
/// Only the wake-up that raises the flag notifies: while it is up, the
/// driving thread has yet to take it (at the top of its loop, before polling
/// the future) and checks it before every park, so later wake-ups are
/// covered by that poll. On the driving thread itself (an I/O event
/// dispatched from `park`, a task that completes) there is nothing to
/// interrupt, so the driver only does its bookkeeping (`unpark_self`);
/// from anywhere else it is unparked.
fn signal_block_on(
    woken: &AtomicBool,
    unpark: &dyn Unpark,
    on_driving_thread: impl FnOnce() -> bool,
) {
    if woken.swap(true, Ordering::AcqRel) {
        return;
    }
    if on_driving_thread() {
        unpark.unpark_self();
    } else {
        unpark.unpark();
    }
}

/// Wakes a thread blocked in `std::thread::park`.
struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        self.0.unpark();
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_block_on_wake {
    use super::*;
    use crate::loom::sync::atomic::AtomicUsize;
    use crate::loom::thread;
    use crate::runtime::driver::ParkThread;

    /// The unparker of a driver whose `unpark_self` skips the interrupt,
    /// as the I/O driver's does.
    struct SkipSelf(std::sync::Arc<dyn Unpark>);

    impl Unpark for SkipSelf {
        fn unpark(&self) {
            self.0.unpark();
        }

        fn unpark_self(&self) {}
    }

    /// Two wake-ups from other threads race a wake-up on the driving thread
    /// and the driving loop (take the flag and poll; park unless the flag is
    /// up): whatever the interleaving, and although only the first wake-up
    /// per poll notifies, the loop ends up polling after both remote events.
    #[test]
    fn loom_remote_and_local_wakes_are_never_lost() {
        crate::loom::model(|| {
            let mut driver = ParkThread::new();
            let unpark: std::sync::Arc<dyn Unpark> =
                std::sync::Arc::new(SkipSelf(driver.unparker()));
            let woken = Arc::new(AtomicBool::new(false));
            let events = Arc::new(AtomicUsize::new(0));
            let remotes: Vec<_> = (0..2)
                .map(|_| {
                    let (unpark, woken, events) = (unpark.clone(), woken.clone(), events.clone());
                    thread::spawn(move || {
                        events.fetch_add(1, Ordering::Release);
                        signal_block_on(&woken, &*unpark, || false);
                    })
                })
                .collect();
            // A wake-up on the driving thread before it first parks.
            signal_block_on(&woken, &*unpark, || true);
            loop {
                if woken.swap(false, Ordering::AcqRel) && events.load(Ordering::Acquire) == 2 {
                    break;
                }
                if !woken.load(Ordering::Acquire) {
                    driver.park();
                }
            }
            for remote in remotes {
                remote.join().unwrap();
            }
        });
    }
}
