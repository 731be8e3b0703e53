//! [`TaskTracker`]: counts live tasks, and waits until none is left after
//! the tracker is closed.
//!
//! # Design
//!
//! One atomic word holds the whole state: bit 0 is "closed", the rest is
//! the number of live [`TaskTrackerToken`]s times two. Every tracked task
//! owns a token; spawning adds 2, a token's drop subtracts 2. Whoever makes
//! the word equal to exactly `1` (closed, no task) — the last token's drop
//! or `close` on an empty tracker — calls `Notify::notify_waiters`.
//!
//! A [`TaskTrackerWaitFuture`] takes its `Notified` when it is created and
//! checks the word on every poll, so the transition cannot slip between the
//! check and the registration. Once notified it completes even if the
//! tracker was reopened meanwhile: it saw a moment at which the tracker was
//! closed and empty.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;
use runtime_core::loom::sync::Arc;
use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering};
use runtime_core::runtime::Handle;
use runtime_core::sync::Notify;
use runtime_core::sync::futures::Notified;
use runtime_core::task::{JoinHandle, LocalSet};

const CLOSED: usize = 1;
const ONE_TASK: usize = 2;

#[derive(Debug)]
struct Inner {
    /// `CLOSED` bit plus `ONE_TASK` per live token.
    state: AtomicUsize,
    on_last_exit: Notify,
}

impl Inner {
    fn is_closed_and_empty(&self) -> bool {
        self.state.load(Ordering::Acquire) == CLOSED
    }

    fn add_task(&self) {
        let prev = self.state.fetch_add(ONE_TASK, Ordering::Relaxed);
        assert!(
            prev <= usize::MAX - ONE_TASK,
            "TaskTracker: task count overflow"
        );
    }

    fn remove_task(&self) {
        let prev = self.state.fetch_sub(ONE_TASK, Ordering::AcqRel);
        if prev == CLOSED + ONE_TASK {
            self.on_last_exit.notify_waiters();
        }
    }
}

/// A task tracker: counts the tasks spawned through it, and lets you wait
/// until all of them have exited.
///
/// Unlike a `JoinSet`, it does not keep the tasks' outputs, so a tracker
/// that runs many tasks does not grow, and it never aborts tasks when
/// dropped. [`wait`](Self::wait) completes when the tracker is **closed and
/// empty**: closing says "no more tasks are coming", so waiting on an open
/// tracker that happens to be empty does not complete. A closed tracker
/// still tracks tasks spawned through it; [`reopen`](Self::reopen) undoes
/// `close`.
///
/// Clones refer to the same tracker.
///
/// # Examples
///
/// ```
/// use runtime_util::task::TaskTracker;
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let tracker = TaskTracker::new();
///     for i in 0..3 {
///         tracker.spawn(async move { i * 2 });
///     }
///     // No more tasks will be added.
///     tracker.close();
///     tracker.wait().await;
///     assert!(tracker.is_empty());
/// });
/// ```
#[derive(Clone)]
pub struct TaskTracker {
    inner: Arc<Inner>,
}

impl TaskTracker {
    /// Creates a new tracker: open, with no task.
    #[must_use]
    pub fn new() -> Self {
        TaskTracker {
            inner: Arc::new(Inner {
                state: AtomicUsize::new(0),
                on_last_exit: Notify::new(),
            }),
        }
    }

    /// Waits until the tracker is closed and has no task left.
    ///
    /// The future completes at once if that is already the case; otherwise
    /// it completes the next time it happens, even if the tracker is reopened
    /// or gets new tasks before the future is polled again.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: dropping the future loses nothing.
    pub fn wait(&self) -> TaskTrackerWaitFuture<'_> {
        TaskTrackerWaitFuture {
            future: self.inner.on_last_exit.notified(),
            inner: if self.inner.is_closed_and_empty() {
                None
            } else {
                Some(&self.inner)
            },
        }
    }

    /// Closes the tracker, so that [`wait`](Self::wait) can complete once the
    /// last task exits. Tasks can still be spawned on a closed tracker.
    ///
    /// Returns `true` if the tracker was open.
    pub fn close(&self) -> bool {
        let prev = self.inner.state.fetch_or(CLOSED, Ordering::AcqRel);
        if prev == 0 {
            self.inner.on_last_exit.notify_waiters();
        }
        prev & CLOSED == 0
    }

    /// Reopens the tracker. Returns `true` if it was closed.
    pub fn reopen(&self) -> bool {
        let prev = self.inner.state.fetch_and(!CLOSED, Ordering::AcqRel);
        prev & CLOSED == CLOSED
    }

    /// Returns `true` if the tracker is closed.
    #[must_use]
    pub fn is_closed(&self) -> bool {
        self.inner.state.load(Ordering::Acquire) & CLOSED == CLOSED
    }

    /// Returns the number of tasks (and other tokens) the tracker counts.
    #[must_use]
    pub fn len(&self) -> usize {
        self.inner.state.load(Ordering::Acquire) / ONE_TASK
    }

    /// Returns `true` if the tracker counts no task.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.inner.state.load(Ordering::Acquire) <= CLOSED
    }

    /// Spawns `task` on the current runtime, tracked by this tracker.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime, as `runtime_core::task::spawn`.
    #[track_caller]
    pub fn spawn<F>(&self, task: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        runtime_core::task::spawn(self.track_future(task))
    }

    /// Spawns `task` on the runtime of `handle`, tracked by this tracker.
    #[track_caller]
    pub fn spawn_on<F>(&self, task: F, handle: &Handle) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        handle.spawn(self.track_future(task))
    }

    /// Spawns a `!Send` `task` on the current `LocalSet`, tracked by this
    /// tracker.
    ///
    /// # Panics
    ///
    /// Panics outside a `LocalSet`, as `runtime_core::task::spawn_local`.
    #[track_caller]
    pub fn spawn_local<F>(&self, task: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        runtime_core::task::spawn_local(self.track_future(task))
    }

    /// Spawns a `!Send` `task` on `local_set`, tracked by this tracker.
    #[track_caller]
    pub fn spawn_local_on<F>(&self, task: F, local_set: &LocalSet) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        local_set.spawn_local(self.track_future(task))
    }

    /// Runs the blocking closure `task` on the current runtime's blocking
    /// pool, tracked by this tracker until it returns.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime, as `runtime_core::task::spawn_blocking`.
    #[track_caller]
    pub fn spawn_blocking<F, T>(&self, task: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let token = self.token();
        runtime_core::task::spawn_blocking(move || {
            let out = task();
            drop(token);
            out
        })
    }

    /// Runs the blocking closure `task` on the blocking pool of `handle`'s
    /// runtime, tracked by this tracker until it returns.
    #[track_caller]
    pub fn spawn_blocking_on<F, T>(&self, task: F, handle: &Handle) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let token = self.token();
        handle.spawn_blocking(move || {
            let out = task();
            drop(token);
            out
        })
    }

    /// Wraps `future` so that the tracker counts it until it is dropped
    /// (not merely until it completes).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::TaskTracker;
    ///
    /// let tracker = TaskTracker::new();
    /// let fut = tracker.track_future(async { 1 });
    /// assert_eq!(tracker.len(), 1);
    /// drop(fut);
    /// assert_eq!(tracker.len(), 0);
    /// ```
    pub fn track_future<F: Future>(&self, future: F) -> TrackedFuture<F> {
        TrackedFuture {
            future,
            token: self.token(),
        }
    }

    /// Creates a token that counts as one task until it is dropped.
    pub fn token(&self) -> TaskTrackerToken {
        self.inner.add_task();
        TaskTrackerToken {
            task_tracker: self.clone(),
        }
    }

    /// Returns `true` if both handles refer to the same tracker.
    #[must_use]
    pub fn ptr_eq(left: &TaskTracker, right: &TaskTracker) -> bool {
        Arc::ptr_eq(&left.inner, &right.inner)
    }
}

impl Default for TaskTracker {
    fn default() -> Self {
        TaskTracker::new()
    }
}

impl fmt::Debug for TaskTracker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.inner.state.load(Ordering::Acquire);
        f.debug_struct("TaskTracker")
            .field("len", &(state / ONE_TASK))
            .field("is_closed", &(state & CLOSED == CLOSED))
            .finish()
    }
}

/// Counts as one task of a [`TaskTracker`] while it exists.
///
/// Made by [`TaskTracker::token`]; cloning makes another token (counted
/// separately).
#[must_use = "the task counts only while the token is alive"]
pub struct TaskTrackerToken {
    task_tracker: TaskTracker,
}

impl TaskTrackerToken {
    /// Returns the tracker this token belongs to.
    #[must_use]
    pub fn task_tracker(&self) -> &TaskTracker {
        &self.task_tracker
    }
}

impl Clone for TaskTrackerToken {
    /// Another token of the same tracker; the count goes up by one.
    fn clone(&self) -> Self {
        self.task_tracker.token()
    }
}

impl Drop for TaskTrackerToken {
    fn drop(&mut self) {
        self.task_tracker.inner.remove_task();
    }
}

impl fmt::Debug for TaskTrackerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskTrackerToken")
            .field("task_tracker", &self.task_tracker)
            .finish()
    }
}

pin_project! {
    /// A future counted by a [`TaskTracker`] until it is dropped.
    ///
    /// Made by [`TaskTracker::track_future`].
    #[must_use = "futures do nothing unless polled"]
    pub struct TrackedFuture<F> {
        #[pin]
        future: F,
        token: TaskTrackerToken,
    }
}

impl<F: Future> Future for TrackedFuture<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.project().future.poll(cx)
    }
}

impl<F> fmt::Debug for TrackedFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrackedFuture")
            .field("task_tracker", self.token.task_tracker())
            .finish_non_exhaustive()
    }
}

pin_project! {
    /// The future returned by [`TaskTracker::wait`].
    #[must_use = "futures do nothing unless polled"]
    pub struct TaskTrackerWaitFuture<'a> {
        #[pin]
        future: Notified<'a>,
        // `None` once the future has completed (or was ready at creation).
        inner: Option<&'a Inner>,
    }
}

impl Future for TaskTrackerWaitFuture<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        let Some(inner) = *this.inner else {
            return Poll::Ready(());
        };
        if inner.is_closed_and_empty() || this.future.poll(cx).is_ready() {
            *this.inner = None;
            return Poll::Ready(());
        }
        Poll::Pending
    }
}

impl fmt::Debug for TaskTrackerWaitFuture<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskTrackerWaitFuture")
            .field("is_done", &self.inner.is_none())
            .finish()
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_task_tracker {
    use super::*;
    use runtime_core::loom::{model, thread};
    use std::task::{Wake, Waker};

    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn loom_last_task_exit_races_wait_registration() {
        model(|| {
            let tracker = TaskTracker::new();
            let token = tracker.token();
            tracker.close();
            let th = thread::spawn(move || drop(token));

            let counter = std::sync::Arc::new(CountingWaker(AtomicUsize::new(0)));
            let waker = Waker::from(counter.clone());
            let mut cx = Context::from_waker(&waker);
            let mut wait = Box::pin(tracker.wait());
            let first = wait.as_mut().poll(&mut cx);
            th.join().unwrap();
            if first.is_pending() {
                assert_eq!(counter.0.load(Ordering::SeqCst), 1);
            }
            assert_eq!(wait.as_mut().poll(&mut cx), Poll::Ready(()));
            assert_eq!(tracker.len(), 0);
        });
    }

    #[test]
    fn loom_close_races_last_exit() {
        model(|| {
            let tracker = TaskTracker::new();
            let token = tracker.token();
            let closer = tracker.clone();
            let th = thread::spawn(move || closer.close());
            let mut wait = Box::pin(tracker.wait());
            drop(token);
            assert!(th.join().unwrap());
            let mut cx = Context::from_waker(Waker::noop());
            assert_eq!(wait.as_mut().poll(&mut cx), Poll::Ready(()));
        });
    }
}
