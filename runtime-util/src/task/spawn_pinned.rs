//! [`LocalPoolHandle`]: a pool of threads that run `!Send` futures.
//!
//! # Design
//!
//! Each worker is an OS thread that owns a current-thread [`Runtime`] and a
//! [`LocalSet`], and drives the set with `LocalSet::block_on` for as long as
//! the worker lives. A future pinned to a worker goes through two tasks:
//!
//! * the **pinned task**, spawned with `spawn_local` on the worker's set. It
//!   calls the user's `Send` closure and awaits the `!Send` future the
//!   closure returns, so that future never leaves the worker's thread.
//!   `spawn_local` only works from inside the set, so nobody outside can
//!   spawn it directly: the forwarding task below sends the worker a *job*
//!   (a boxed `Send` closure) over an unbounded channel, and the worker's
//!   loop runs each job inside the set.
//! * the **forwarding task**, spawned from the caller's thread with
//!   `Handle::spawn` on the worker's runtime. Its [`JoinHandle`] is the one
//!   handed to the caller, so its output must be `Send`, which is why the
//!   pinned future's output must be. It receives the pinned task's
//!   `JoinHandle` over a oneshot, awaits it and returns its output, or
//!   re-raises its panic (`resume_unwind`), so the caller's handle sees the
//!   pinned task's panic as a `JoinError` whose `is_panic()` holds.
//!
//! The job is sent on the forwarding task's first poll, not by the caller,
//! so a task aborted before that poll never calls the user's closure.
//!
//! Cancellation flows from the caller's handle to the pinned task: aborting
//! the forwarding task drops its future, which owns a guard that cancels
//! the pinned task whatever stage it is at: through its [`AbortHandle`] once
//! known; else by closing the oneshot (so that the job, if it has not run
//! yet, sees its send fail and aborts the task it has just spawned, before
//! its first poll) and aborting a `JoinHandle` already waiting in it.
//!
//! # Invariants
//!
//! * A worker's **load** counts the forwarding tasks spawned on it whose
//!   future has not been dropped yet. It is incremented by the caller before
//!   the task is spawned and decremented by a guard owned by the task's
//!   future, so completion, panic, abort and runtime shutdown all decrement
//!   it exactly once, and the decrement happens before the caller's
//!   `JoinHandle` sees the result.
//! * A worker thread lives while some sender of its job channel does: the
//!   pool holds one, and every forwarding task holds another. So dropping the
//!   last [`LocalPoolHandle`] does not cancel pinned tasks still in flight
//!   (as with tokio-util, a dropped handle detaches, it does not cancel);
//!   once they have finished, the worker's loop sees the channel closed,
//!   drops its `LocalSet` (cancelling tasks the pinned futures spawned with
//!   `spawn_local` and left behind), then its runtime, and the thread exits.
//!
//! # Drivers
//!
//! runtime-util does not depend on the `runtime` facade that composes the
//! drivers, so the workers' runtimes get the drivers this crate is built
//! with: the I/O driver with the `net` feature, the time driver with the
//! `time` feature (tokio-util's workers have every driver Tokio is built
//! with; enable both features for the same behaviour). Without them, a
//! pinned future that creates a socket or a timer fails as it would on a
//! runtime built without `enable_io` / `enable_time`.

use std::fmt;
use std::future::Future;
use std::io;
use std::panic;
use std::thread;

use runtime_core::loom::sync::Arc;
use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering};
use runtime_core::runtime::{Builder, Handle, Runtime};
use runtime_core::sync::{mpsc, oneshot};
use runtime_core::task::{AbortHandle, JoinHandle, LocalSet, spawn_local};

/// A cloneable handle to a pool of threads, each running a single-threaded
/// runtime, onto which `!Send` futures are spawned.
///
/// The future is created on the worker thread by a `Send` closure, and stays
/// on that thread until it completes. Inside it,
/// [`spawn_local`](runtime_core::task::spawn_local) spawns more `!Send`
/// tasks on the same worker, and the worker's runtime is the current one.
///
/// Clones share the pool. When the last clone is dropped the workers shut
/// down, each once the futures already pinned to it have finished (dropping
/// the handle does not cancel them); the `spawn_local` tasks they left
/// behind are cancelled then.
///
/// The workers' runtimes have the I/O driver when runtime-util is built with
/// the `net` feature and the time driver with the `time` feature.
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use runtime_core::task;
/// use runtime_util::task::LocalPoolHandle;
///
/// let pool = LocalPoolHandle::new(2);
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
///
/// let output = rt.block_on(async {
///     pool.spawn_pinned(|| {
///         // Rc is neither Send nor Sync: the future below is !Send.
///         let data = Rc::new("local data");
///         let also_data = Rc::clone(&data);
///         async move {
///             let side = task::spawn_local(async move { also_data.len() });
///             format!("{data}: {}", side.await.unwrap())
///         }
///     })
///     .await
///     .unwrap()
/// });
/// assert_eq!(output, "local data: 10");
/// ```
#[derive(Clone)]
pub struct LocalPoolHandle {
    pool: Arc<LocalPool>,
}

/// The workers, shared by every clone of a [`LocalPoolHandle`]. Never empty.
struct LocalPool {
    workers: Box<[Worker]>,
}

/// The pool's side of one worker thread.
struct Worker {
    /// The worker's runtime, where forwarding tasks are spawned.
    handle: Handle,
    /// Jobs for the worker's `LocalSet`. The worker exits once every sender
    /// (this one and the clones held by forwarding tasks) is gone.
    jobs: mpsc::UnboundedSender<Job>,
    /// Forwarding tasks on this worker whose future is still alive.
    load: Arc<AtomicUsize>,
}

/// Work for a worker's loop, run inside its `LocalSet` (so it may call
/// `spawn_local`).
type Job = Box<dyn FnOnce() + Send + 'static>;

/// Which worker a future goes to.
enum WorkerChoice {
    LeastLoaded,
    ByIdx(usize),
}

impl LocalPoolHandle {
    /// Creates a pool of `pool_size` worker threads, each with its own
    /// single-threaded runtime. Spawn onto it with
    /// [`spawn_pinned`](Self::spawn_pinned).
    ///
    /// # Panics
    ///
    /// Panics if `pool_size` is 0, or if a worker's runtime or thread cannot
    /// be created.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::LocalPoolHandle;
    ///
    /// let pool = LocalPoolHandle::new(3);
    /// assert_eq!(pool.num_threads(), 3);
    /// ```
    #[track_caller]
    pub fn new(pool_size: usize) -> LocalPoolHandle {
        assert!(pool_size > 0);
        let workers = (0..pool_size)
            .map(|_| Worker::start().expect("failed to start a LocalPoolHandle worker"))
            .collect();
        LocalPoolHandle {
            pool: Arc::new(LocalPool { workers }),
        }
    }

    /// The number of worker threads in the pool.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::LocalPoolHandle;
    ///
    /// assert_eq!(LocalPoolHandle::new(1).num_threads(), 1);
    /// ```
    #[inline]
    pub fn num_threads(&self) -> usize {
        self.pool.workers.len()
    }

    /// The number of tasks currently pinned to each worker, indexed as the
    /// workers are (the index [`spawn_pinned_by_idx`](Self::spawn_pinned_by_idx)
    /// takes).
    ///
    /// A task counts from the moment it is spawned until it has finished
    /// (completed, panicked or been aborted) and its future has been
    /// dropped; that happens before its `JoinHandle` yields the result.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::LocalPoolHandle;
    ///
    /// let pool = LocalPoolHandle::new(2);
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let (release, wait) = runtime_core::sync::oneshot::channel::<()>();
    ///
    /// let task = pool.spawn_pinned_by_idx(move || async move { wait.await.ok() }, 1);
    /// assert_eq!(pool.get_task_loads_for_each_worker(), [0, 1]);
    ///
    /// release.send(()).unwrap();
    /// rt.block_on(task).unwrap();
    /// assert_eq!(pool.get_task_loads_for_each_worker(), [0, 0]);
    /// ```
    pub fn get_task_loads_for_each_worker(&self) -> Vec<usize> {
        self.pool
            .workers
            .iter()
            .map(|worker| worker.load.load(Ordering::Relaxed))
            .collect()
    }

    /// Spawns a future, made on a worker thread by `create_task`, and keeps
    /// it on that thread until it completes. The worker is the one with the
    /// fewest tasks (see
    /// [`get_task_loads_for_each_worker`](Self::get_task_loads_for_each_worker)).
    ///
    /// The future need not be `Send`; the closure that creates it and the
    /// future's output must be.
    ///
    /// The returned [`JoinHandle`] behaves as one from `spawn`: awaiting it
    /// yields the output, or a [`JoinError`](runtime_core::task::JoinError)
    /// for which `is_panic()` holds if the closure or the future panicked;
    /// aborting it cancels the pinned future; dropping it lets the future
    /// run on.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    /// use runtime_util::task::LocalPoolHandle;
    ///
    /// let pool = LocalPoolHandle::new(1);
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    ///
    /// let output = rt.block_on(async {
    ///     pool.spawn_pinned(|| {
    ///         let local = Rc::new("test"); // !Send
    ///         async move { local.to_string() }
    ///     })
    ///     .await
    ///     .unwrap()
    /// });
    /// assert_eq!(output, "test");
    /// ```
    #[track_caller]
    pub fn spawn_pinned<F, Fut>(&self, create_task: F) -> JoinHandle<Fut::Output>
    where
        F: FnOnce() -> Fut,
        F: Send + 'static,
        Fut: Future + 'static,
        Fut::Output: Send + 'static,
    {
        self.pool
            .spawn_pinned(create_task, WorkerChoice::LeastLoaded)
    }

    /// Like [`spawn_pinned`](Self::spawn_pinned), but on the worker at index
    /// `idx` (from 0 to [`num_threads()`](Self::num_threads)` - 1`) rather
    /// than the least loaded one.
    ///
    /// # Panics
    ///
    /// Panics if `idx` is not below `num_threads()`.
    ///
    /// # Examples
    ///
    /// Run a future on every worker:
    ///
    /// ```
    /// use runtime_util::task::LocalPoolHandle;
    ///
    /// let pool = LocalPoolHandle::new(3);
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    ///
    /// let handles: Vec<_> = (0..pool.num_threads())
    ///     .map(|idx| pool.spawn_pinned_by_idx(move || async move { idx * 10 }, idx))
    ///     .collect();
    /// let outputs: Vec<usize> = rt.block_on(async {
    ///     let mut outputs = Vec::new();
    ///     for handle in handles {
    ///         outputs.push(handle.await.unwrap());
    ///     }
    ///     outputs
    /// });
    /// assert_eq!(outputs, [0, 10, 20]);
    /// ```
    #[track_caller]
    pub fn spawn_pinned_by_idx<F, Fut>(&self, create_task: F, idx: usize) -> JoinHandle<Fut::Output>
    where
        F: FnOnce() -> Fut,
        F: Send + 'static,
        Fut: Future + 'static,
        Fut::Output: Send + 'static,
    {
        self.pool
            .spawn_pinned(create_task, WorkerChoice::ByIdx(idx))
    }
}

impl fmt::Debug for LocalPoolHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LocalPoolHandle")
    }
}

impl LocalPool {
    #[track_caller]
    fn spawn_pinned<F, Fut>(&self, create_task: F, choice: WorkerChoice) -> JoinHandle<Fut::Output>
    where
        F: FnOnce() -> Fut,
        F: Send + 'static,
        Fut: Future + 'static,
        Fut::Output: Send + 'static,
    {
        let (worker, load) = match choice {
            WorkerChoice::LeastLoaded => self.claim_least_loaded(),
            WorkerChoice::ByIdx(idx) => self.claim_by_idx(idx),
        };

        let (task_tx, task_rx) = oneshot::channel::<JoinHandle<Fut::Output>>();
        let job: Job = Box::new(move || {
            // The closure runs inside the pinned task, so that a panic in it
            // is caught by the task and reported through its JoinHandle.
            let task = spawn_local(async move { create_task().await });
            if let Err(task) = task_tx.send(task) {
                // The forwarding task is gone (aborted): nobody wants the
                // output, so the pinned task must not run.
                task.abort();
            }
        });

        let jobs = worker.jobs.clone();
        worker.handle.spawn(async move {
            // Both live as long as this future, whatever ends it.
            let _load = load;
            let mut pinned = PinnedTask {
                join_handle: task_rx,
                abort: None,
            };
            // Sent from here rather than by the caller: a task aborted
            // before its first poll never creates its future at all. A
            // failed send (impossible while we hold `jobs`: the worker's
            // loop outlives every sender) drops the job, which `join`
            // reports.
            let _ = jobs.send(job);
            pinned.join().await
        })
    }

    /// Picks the worker with the lowest load and counts one more task on it.
    fn claim_least_loaded(&self) -> (&Worker, LoadGuard) {
        loop {
            let (worker, seen) = self
                .workers
                .iter()
                .map(|worker| (worker, worker.load.load(Ordering::Relaxed)))
                .min_by_key(|&(_, load)| load)
                .expect("a pool has at least one worker");
            // Another spawner may have picked this worker meanwhile; then
            // the minimum may have moved, so look again.
            if worker
                .load
                .compare_exchange(seen, seen + 1, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
            {
                return (worker, LoadGuard(Arc::clone(&worker.load)));
            }
        }
    }

    #[track_caller]
    fn claim_by_idx(&self, idx: usize) -> (&Worker, LoadGuard) {
        let Some(worker) = self.workers.get(idx) else {
            panic!(
                "index out of bounds: the len is {} but the index is {idx} \
                 (LocalPoolHandle::spawn_pinned_by_idx)",
                self.workers.len()
            );
        };
        worker.load.fetch_add(1, Ordering::Relaxed);
        (worker, LoadGuard(Arc::clone(&worker.load)))
    }
}

/// One unit of a worker's load; gives it back when dropped.
///
/// The counter is a statistic: no data is published through it, hence the
/// relaxed orderings. A reader that has seen a task's result through its
/// `JoinHandle` still sees the decrement, which happened before.
struct LoadGuard(Arc<AtomicUsize>);

impl Drop for LoadGuard {
    fn drop(&mut self) {
        let before = self.0.fetch_sub(1, Ordering::Relaxed);
        debug_assert!(before > 0, "worker load underflow");
    }
}

/// The forwarding task's hold on its pinned task: it yields the pinned
/// task's output, and cancels the pinned task if dropped first.
///
/// Dropping it cancels at every stage: before the job has run (the closed
/// receiver makes the job's send fail, and the job aborts what it spawned),
/// after the job has sent the `JoinHandle` but before it was received (it is
/// taken from the channel and aborted), and while the pinned task runs
/// (through `abort`). Harmless once the pinned task has completed.
struct PinnedTask<T> {
    /// Where the job sends the pinned task's `JoinHandle`.
    join_handle: oneshot::Receiver<JoinHandle<T>>,
    /// Set once the `JoinHandle` has been received.
    abort: Option<AbortHandle>,
}

impl<T> PinnedTask<T> {
    /// Waits for the pinned task and returns its output, or resumes its
    /// panic in the forwarding task.
    async fn join(&mut self) -> T {
        let task = match (&mut self.join_handle).await {
            Ok(task) => task,
            Err(_) => panic!("LocalPoolHandle worker stopped before spawning the task"),
        };
        self.abort = Some(task.abort_handle());
        match task.await {
            Ok(output) => output,
            Err(err) if err.is_panic() => panic::resume_unwind(err.into_panic()),
            // Only `self` aborts the pinned task, and only when dropped; the
            // worker cancels it only when shutting down, which cannot happen
            // while the forwarding task holds a job sender.
            Err(err) => panic!("pinned task was cancelled unexpectedly: {err}"),
        }
    }
}

impl<T> Drop for PinnedTask<T> {
    fn drop(&mut self) {
        match &self.abort {
            Some(abort) => abort.abort(),
            None => {
                self.join_handle.close();
                if let Ok(task) = self.join_handle.try_recv() {
                    task.abort();
                }
            }
        }
    }
}

impl Worker {
    /// Builds the worker's runtime here, so that a failure is reported to
    /// the caller, and moves it to a new thread that drives it.
    fn start() -> io::Result<Worker> {
        let runtime = worker_runtime()?;
        let handle = runtime.handle().clone();
        let (jobs, job_rx) = mpsc::unbounded_channel();
        // A real OS thread (std, not the loom shim): it hosts a runtime,
        // which loom cannot model anyway. Detached: it ends by itself once
        // every job sender is gone.
        thread::Builder::new().spawn(move || run_worker(runtime, job_rx))?;
        Ok(Worker {
            handle,
            jobs,
            load: Arc::new(AtomicUsize::new(0)),
        })
    }
}

/// A current-thread runtime with the drivers this crate is built with.
fn worker_runtime() -> io::Result<Runtime> {
    let mut builder = Builder::new_current_thread();
    // Same order as the facade's `enable_all`: I/O below, time on top.
    #[cfg(feature = "net")]
    builder.driver_layer(runtime_net::driver::layer());
    #[cfg(feature = "time")]
    builder.driver_layer(runtime_time::driver::layer());
    builder.build()
}

/// A worker thread's body: run jobs inside a `LocalSet` until the channel
/// closes, then tear down.
fn run_worker(runtime: Runtime, mut jobs: mpsc::UnboundedReceiver<Job>) {
    let local = LocalSet::new();
    local.block_on(&runtime, async {
        while let Some(job) = jobs.recv().await {
            job();
        }
    });
    // Every forwarding task has finished (each held a sender), so what is
    // left are tasks spawned by pinned futures and never awaited. Their
    // destructors may use the drivers, so drop them inside the runtime's
    // context, then the runtime.
    {
        let _enter = runtime.enter();
        drop(local);
    }
    drop(runtime);
}
