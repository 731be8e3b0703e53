//! The pool of blocking threads.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::mem;
use std::time::{Duration, Instant};

use super::task::{BlockingSchedule, BlockingTask};
use crate::loom::sync::{Arc, Condvar, Mutex};
use crate::runtime::config::{Callback, ThreadNameFn};
use crate::runtime::{context, scheduler};
use crate::task::raw::{self, Notified};
use crate::task::{Id, JoinHandle};

/// Owns the pool; shutting it down (or dropping it) stops the threads.
pub(crate) struct BlockingPool {
    spawner: Spawner,
}

/// Spawns onto the pool; cloned into every runtime handle.
#[derive(Clone)]
pub(crate) struct Spawner {
    inner: Arc<Inner>,
}

/// What the pool needs from the builder.
pub(crate) struct PoolConfig {
    pub(crate) thread_name: ThreadNameFn,
    pub(crate) stack_size: Option<usize>,
    pub(crate) after_start: Option<Callback>,
    pub(crate) before_stop: Option<Callback>,
    pub(crate) thread_cap: usize,
    pub(crate) keep_alive: Duration,
}

struct Inner {
    shared: Mutex<Shared>,
    /// Idle threads wait here for work.
    work: Condvar,
    /// Shutdown waits here for the last thread to leave.
    exited: Condvar,
    config: PoolConfig,
}

struct Shared {
    queue: VecDeque<Queued>,
    num_threads: usize,
    num_idle: usize,
    /// Wake-ups sent to idle threads and not yet consumed (tells a real
    /// notification from a spurious condvar wake-up).
    num_notify: usize,
    shutdown: bool,
    next_thread_id: usize,
    threads: Vec<(usize, std::thread::JoinHandle<()>)>,
}

/// A task waiting for a thread.
struct Queued {
    task: Notified<BlockingSchedule>,
    /// Runs even when the pool shuts down before it starts (a write that
    /// a caller was told has been accepted, such as runtime-fs's).
    mandatory: bool,
}

impl BlockingPool {
    pub(crate) fn new(config: PoolConfig) -> BlockingPool {
        BlockingPool {
            spawner: Spawner {
                inner: Arc::new(Inner {
                    shared: Mutex::new(Shared {
                        queue: VecDeque::new(),
                        num_threads: 0,
                        num_idle: 0,
                        num_notify: 0,
                        shutdown: false,
                        next_thread_id: 0,
                        threads: Vec::new(),
                    }),
                    work: Condvar::new(),
                    exited: Condvar::new(),
                    config,
                }),
            },
        }
    }

    pub(crate) fn spawner(&self) -> &Spawner {
        &self.spawner
    }

    /// Stops the pool: no new task is accepted; the threads finish what they
    /// run and what is queued for them, and then exit. A thread that finds
    /// tasks left over when it wakes up idle to the shutdown cancels them
    /// (mandatory ones still run): a task is only cancelled if it had not
    /// started, and not every unstarted task is (as tokio documents). The
    /// threads are waited for, at most `timeout` (forever with `None`).
    /// Idempotent.
    ///
    /// # Panics
    ///
    /// Panics when asked to wait while the calling thread drives a runtime
    /// (dropping a runtime inside async code): that would block a worker.
    pub(crate) fn shutdown(&mut self, timeout: Option<Duration>) {
        let inner = &self.spawner.inner;
        let mut shared = inner.shared.lock();
        if shared.shutdown {
            return;
        }
        shared.shutdown = true;
        // A task is only queued with a thread on its way to it (spawned, or
        // an idle one notified): those threads run it. Idle threads wake up
        // to exit.
        inner.work.notify_all();
        drop(shared);

        if timeout == Some(Duration::ZERO) {
            return;
        }
        if context::is_driving_runtime() {
            if std::thread::panicking() {
                return;
            }
            panic!(
                "Cannot drop a runtime in a context where blocking is not allowed. This happens \
                 when a runtime is dropped from within an asynchronous context; use \
                 `Runtime::shutdown_background` there instead."
            );
        }

        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        let mut shared = inner.shared.lock();
        while shared.num_threads > 0 {
            match deadline {
                None => shared = inner.exited.wait(shared),
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        break;
                    }
                    shared = inner.exited.wait_timeout(shared, deadline - now).0;
                }
            }
        }
        let all_exited = shared.num_threads == 0;
        let threads = mem::take(&mut shared.threads);
        drop(shared);
        if all_exited {
            // They have left their run loop; joining waits for their
            // thread-local destructors.
            for (_, thread) in threads {
                let _ = thread.join();
            }
        }
        // Otherwise the stragglers are detached: we promised not to wait.
    }
}

impl Drop for BlockingPool {
    fn drop(&mut self) {
        self.shutdown(None);
    }
}

impl fmt::Debug for BlockingPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingPool").finish()
    }
}

impl Spawner {
    /// Runs `func` on the pool; `rt` is the runtime the thread enters.
    #[track_caller]
    pub(crate) fn spawn_blocking<F, R>(&self, rt: &scheduler::Handle, func: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let (task, join) = raw::unowned(BlockingTask::new(func), BlockingSchedule, Id::next());
        if let Err((task, err)) = self.spawn_task(task, false, rt) {
            match err {
                // Refused because the runtime shut down: the handle reports a
                // cancelled task.
                None => task.shutdown(),
                Some(err) => panic!("OS can't spawn a blocking worker thread: {err}"),
            }
        }
        join
    }

    /// Like `spawn_blocking`, but the task runs even if the pool shuts down
    /// before it starts; `None` (and `func` dropped) if the pool has already
    /// shut down.
    #[track_caller]
    pub(crate) fn spawn_mandatory_blocking<F, R>(
        &self,
        rt: &scheduler::Handle,
        func: F,
    ) -> Option<JoinHandle<R>>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let (task, join) = raw::unowned(BlockingTask::new(func), BlockingSchedule, Id::next());
        match self.spawn_task(task, true, rt) {
            Ok(()) => Some(join),
            Err((task, None)) => {
                task.shutdown();
                None
            }
            Err((_, Some(err))) => panic!("OS can't spawn a blocking worker thread: {err}"),
        }
    }

    #[allow(clippy::type_complexity, reason = "a private result with one use")]
    fn spawn_task(
        &self,
        task: Notified<BlockingSchedule>,
        mandatory: bool,
        rt: &scheduler::Handle,
    ) -> Result<(), (Notified<BlockingSchedule>, Option<io::Error>)> {
        let inner = &self.inner;
        let mut shared = inner.shared.lock();
        if shared.shutdown {
            return Err((task, None));
        }
        shared.queue.push_back(Queued { task, mandatory });
        if shared.num_idle > 0 {
            shared.num_idle -= 1;
            shared.num_notify += 1;
            inner.work.notify_one();
            return Ok(());
        }
        if shared.num_threads == inner.config.thread_cap {
            // At the cap: the task waits for a thread to free up.
            return Ok(());
        }
        let id = shared.next_thread_id;
        shared.next_thread_id += 1;
        match self.spawn_thread(rt, id) {
            Ok(handle) => {
                shared.num_threads += 1;
                shared.threads.push((id, handle));
                Ok(())
            }
            Err(err) if shared.num_threads == 0 => {
                let queued = shared.queue.pop_back().expect("just pushed");
                Err((queued.task, Some(err)))
            }
            // Other threads will get to the task.
            Err(_) => Ok(()),
        }
    }

    fn spawn_thread(
        &self,
        rt: &scheduler::Handle,
        id: usize,
    ) -> io::Result<std::thread::JoinHandle<()>> {
        let mut builder = std::thread::Builder::new().name((self.inner.config.thread_name)());
        if let Some(size) = self.inner.config.stack_size {
            builder = builder.stack_size(size);
        }
        let rt = rt.clone();
        let spawner = self.clone();
        builder.spawn(move || {
            let _enter = context::set_current(&rt);
            drop(rt);
            spawner.inner.run(id);
        })
    }

    pub(crate) fn num_threads(&self) -> usize {
        self.inner.shared.lock().num_threads
    }

    pub(crate) fn num_idle_threads(&self) -> usize {
        self.inner.shared.lock().num_idle
    }

    pub(crate) fn queue_depth(&self) -> usize {
        self.inner.shared.lock().queue.len()
    }
}

impl Inner {
    /// A pool thread's life.
    fn run(&self, id: usize) {
        if let Some(f) = &self.config.after_start {
            f();
        }
        let mut shared = self.shared.lock();
        loop {
            if let Some(queued) = shared.queue.pop_front() {
                drop(shared);
                queued.task.run();
                shared = self.shared.lock();
                continue;
            }
            if shared.shutdown {
                break;
            }
            shared.num_idle += 1;
            let mut timed_out = false;
            loop {
                let (guard, res) = self.work.wait_timeout(shared, self.config.keep_alive);
                shared = guard;
                if shared.num_notify > 0 {
                    // A spawner took us off the idle count.
                    shared.num_notify -= 1;
                    break;
                }
                if shared.shutdown {
                    shared.num_idle -= 1;
                    // Woken by the shutdown, not for a task: whatever is
                    // still queued was nobody's to run. Cancel it, except
                    // the mandatory tasks, which run.
                    while let Some(queued) = shared.queue.pop_front() {
                        drop(shared);
                        if queued.mandatory {
                            queued.task.run();
                        } else {
                            queued.task.shutdown();
                        }
                        shared = self.shared.lock();
                    }
                    break;
                }
                if res.timed_out() {
                    shared.num_idle -= 1;
                    timed_out = true;
                    break;
                }
            }
            if timed_out && shared.queue.is_empty() {
                // Idle for `keep_alive`: leave. Detach our own handle; nobody
                // will need to join us.
                shared.threads.retain(|(tid, _)| *tid != id);
                break;
            }
        }
        drop(shared);
        if let Some(f) = &self.config.before_stop {
            f();
        }
        let mut shared = self.shared.lock();
        shared.num_threads -= 1;
        if shared.num_threads == 0 {
            self.exited.notify_all();
        }
    }
}

impl fmt::Debug for Spawner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::Spawner").finish()
    }
}
