//! [`JoinQueue`]: tasks whose outputs are awaited in the order the tasks
//! were spawned.
//!
//! # Design
//!
//! A `VecDeque` of [`AbortOnDropHandle`]s, oldest at the front. Only the
//! front handle is ever polled, so a waiter is woken only when the task it
//! actually waits for finishes: a later task finishing first wakes nobody,
//! its output waits in its own task cell until the tasks before it are
//! joined. Taking an output pops the front handle and detaches it (the task
//! is over, aborting it would be a wasted call); dropping the queue drops
//! the remaining handles, which aborts their tasks.
//!
//! The `try_*` methods are for code that cannot wait: they poll the front
//! handle only once its task has finished, with a no-op waker and outside
//! the cooperative budget, so they neither replace the waker registered by
//! an earlier `poll_join_next` nor fail because the caller's budget ran out.

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use runtime_core::runtime::Handle;
use runtime_core::task::{self, AbortHandle, Id, JoinError, JoinHandle};

use super::AbortOnDropHandle;

/// A queue of tasks whose outputs come out in the order the tasks were
/// spawned.
///
/// If tasks A, B and C are spawned in that order, [`join_next`] returns A's
/// result, then B's, then C's, however the tasks' completions are ordered.
/// (A [`JoinSet`](runtime_core::task::JoinSet) returns them in completion
/// order instead.) All tasks share the output type `T`.
///
/// Dropping the `JoinQueue` aborts every task still in it.
///
/// [`join_next`]: Self::join_next
///
/// # Examples
///
/// ```
/// use runtime_util::task::JoinQueue;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let mut queue = JoinQueue::new();
/// for i in 0..5u32 {
///     queue.spawn(async move {
///         // Later tasks finish first.
///         for _ in 0..(5 - i) {
///             runtime_core::task::yield_now().await;
///         }
///         i
///     });
/// }
///
/// let mut order = Vec::new();
/// while let Some(res) = queue.join_next().await {
///     order.push(res.unwrap());
/// }
/// assert_eq!(order, [0, 1, 2, 3, 4]);
/// # });
/// ```
pub struct JoinQueue<T>(VecDeque<AbortOnDropHandle<T>>);

impl<T> JoinQueue<T> {
    /// Creates an empty queue.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinQueue;
    ///
    /// let queue: JoinQueue<u32> = JoinQueue::new();
    /// assert!(queue.is_empty());
    /// ```
    pub const fn new() -> Self {
        JoinQueue(VecDeque::new())
    }

    /// Creates an empty queue with room for at least `capacity` tasks.
    pub fn with_capacity(capacity: usize) -> Self {
        JoinQueue(VecDeque::with_capacity(capacity))
    }

    /// The number of tasks in the queue: running ones, and finished ones
    /// whose output waits for the tasks before them to be joined.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the queue has no task.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Spawns `task` on the current runtime at the back of the queue, and
    /// returns an [`AbortHandle`] for it.
    ///
    /// The task starts running at once, whether or not the queue is
    /// awaited.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut queue = JoinQueue::new();
    /// queue.spawn(async { "kept" });
    /// let stuck = queue.spawn(std::future::pending());
    /// stuck.abort();
    ///
    /// assert_eq!(queue.join_next().await.unwrap().unwrap(), "kept");
    /// assert!(queue.join_next().await.unwrap().unwrap_err().is_cancelled());
    /// # });
    /// ```
    #[track_caller]
    pub fn spawn<F>(&mut self, task: F) -> AbortHandle
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        self.push_back(task::spawn(task))
    }

    /// Spawns `task` on the runtime of `handle` at the back of the queue,
    /// and returns an [`AbortHandle`] for it.
    ///
    /// The task starts running at once, whether or not the queue is
    /// awaited.
    #[track_caller]
    pub fn spawn_on<F>(&mut self, task: F, handle: &Handle) -> AbortHandle
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        self.push_back(handle.spawn(task))
    }

    /// Spawns the `!Send` `task` on the current
    /// [`LocalSet`](runtime_core::task::LocalSet) at the back of the queue,
    /// and returns an [`AbortHandle`] for it.
    ///
    /// The task starts running at once, whether or not the queue is
    /// awaited.
    ///
    /// # Panics
    ///
    /// Panics outside a `LocalSet` context.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    ///
    /// use runtime_core::task::LocalSet;
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// LocalSet::new().block_on(&rt, async {
    ///     let mut queue = JoinQueue::new();
    ///     let shared = Rc::new(String::from("local"));
    ///     for n in 1..=2 {
    ///         let shared = Rc::clone(&shared);
    ///         queue.spawn_local(async move { shared.len() * n });
    ///     }
    ///     assert_eq!(queue.join_all().await, [5, 10]);
    /// });
    /// ```
    #[track_caller]
    pub fn spawn_local<F>(&mut self, task: F) -> AbortHandle
    where
        F: Future<Output = T> + 'static,
        T: 'static,
    {
        self.push_back(task::spawn_local(task))
    }

    /// Runs the blocking closure `f` on the current runtime's blocking pool,
    /// at the back of the queue, and returns an [`AbortHandle`] for it.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context.
    #[track_caller]
    pub fn spawn_blocking<F>(&mut self, f: F) -> AbortHandle
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.push_back(task::spawn_blocking(f))
    }

    /// Runs the blocking closure `f` on the blocking pool of `handle`'s
    /// runtime, at the back of the queue, and returns an [`AbortHandle`]
    /// for it.
    #[track_caller]
    pub fn spawn_blocking_on<F>(&mut self, f: F, handle: &Handle) -> AbortHandle
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.push_back(handle.spawn_blocking(f))
    }

    fn push_back(&mut self, handle: JoinHandle<T>) -> AbortHandle {
        let handle = AbortOnDropHandle::new(handle);
        let abort = handle.abort_handle();
        self.0.push_back(handle);
        abort
    }

    /// Waits for the oldest task in the queue to finish and returns its
    /// result; `None` when the queue is empty.
    ///
    /// The result is `Ok(value)` if the task returned `value`, `Err(err)`
    /// if it panicked or was aborted.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped before it completes (say, in
    /// a `select!` whose other branch won), no task has left the queue and
    /// no result is lost.
    pub async fn join_next(&mut self) -> Option<Result<T, JoinError>> {
        poll_fn(|cx| self.poll_join_next(cx)).await
    }

    /// Like [`join_next`](Self::join_next), with the task's [`Id`] next to
    /// its output. On an error, [`JoinError::id`] gives the id.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as `join_next`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut queue = JoinQueue::new();
    /// let first = queue.spawn(async { "ok" }).id();
    /// let second = queue.spawn(async { panic!("boom") }).id();
    ///
    /// let (id, value) = queue.join_next_with_id().await.unwrap().unwrap();
    /// assert_eq!((id, value), (first, "ok"));
    /// let err = queue.join_next_with_id().await.unwrap().unwrap_err();
    /// assert!(err.is_panic());
    /// assert_eq!(err.id(), second);
    /// # });
    /// ```
    pub async fn join_next_with_id(&mut self) -> Option<Result<(Id, T), JoinError>> {
        poll_fn(|cx| self.poll_join_next_with_id(cx)).await
    }

    /// Returns the oldest task's result if that task has already finished,
    /// without waiting; `None` if it has not (even if later tasks have) or
    /// the queue is empty.
    ///
    /// It does not change which waker a pending
    /// [`poll_join_next`](Self::poll_join_next) registered.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut queue = JoinQueue::new();
    /// assert!(queue.try_join_next().is_none());
    ///
    /// queue.spawn(async { 1 });
    /// let first = loop {
    ///     match queue.try_join_next() {
    ///         Some(res) => break res.unwrap(),
    ///         None => runtime_core::task::yield_now().await,
    ///     }
    /// };
    /// assert_eq!(first, 1);
    /// # });
    /// ```
    pub fn try_join_next(&mut self) -> Option<Result<T, JoinError>> {
        self.try_join_next_with_id()
            .map(|res| res.map(|(_, value)| value))
    }

    /// Like [`try_join_next`](Self::try_join_next), with the task's [`Id`]
    /// next to its output. On an error, [`JoinError::id`] gives the id.
    pub fn try_join_next_with_id(&mut self) -> Option<Result<(Id, T), JoinError>> {
        let front = self.0.front_mut()?;
        // Polling an unfinished handle would replace the waker that a
        // pending `poll_join_next` left there.
        if !front.is_finished() {
            return None;
        }
        let mut cx = Context::from_waker(Waker::noop());
        // Not an async context, so no budget to respect: a finished task
        // must be returned even when the caller's budget is spent.
        let poll = pin!(task::unconstrained(front)).poll(&mut cx);
        match poll {
            Poll::Ready(res) => Some(self.pop_front(res)),
            Poll::Pending => None,
        }
    }

    /// Aborts every task and waits until all of them have stopped.
    ///
    /// The same as [`abort_all`](Self::abort_all) followed by
    /// [`join_next`](Self::join_next) until it returns `None`: the results
    /// are dropped, panics included. The queue is empty afterwards.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut queue = JoinQueue::new();
    /// for _ in 0..3 {
    ///     queue.spawn(std::future::pending::<()>());
    /// }
    /// queue.shutdown().await;
    /// assert!(queue.is_empty());
    /// # });
    /// ```
    pub async fn shutdown(&mut self) {
        self.abort_all();
        while self.join_next().await.is_some() {}
    }

    /// Waits for every task and returns their outputs in spawn order.
    ///
    /// To handle failed tasks, call [`join_next`](Self::join_next) in a
    /// loop instead.
    ///
    /// # Panics
    ///
    /// If a task panicked, resumes that panic; if one was aborted, panics
    /// with its [`JoinError`]. The tasks still in the queue are then aborted
    /// (the queue is dropped).
    ///
    /// # Cancel safety
    ///
    /// Not cancel safe: dropping the future drops the queue, which aborts
    /// the remaining tasks and loses the outputs collected so far.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let queue: JoinQueue<_> = (1..=3).map(|i| async move { i * 10 }).collect();
    /// assert_eq!(queue.join_all().await, [10, 20, 30]);
    /// # });
    /// ```
    pub async fn join_all(mut self) -> Vec<T> {
        let mut outputs = Vec::with_capacity(self.len());
        while let Some(res) = self.join_next().await {
            match res {
                Ok(value) => outputs.push(value),
                Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
                Err(err) => panic!("{err}"),
            }
        }
        outputs
    }

    /// Aborts every task in the queue.
    ///
    /// The tasks stay in the queue until joined: call
    /// [`join_next`](Self::join_next) until it returns `None` to wait for
    /// them, or use [`shutdown`](Self::shutdown).
    pub fn abort_all(&mut self) {
        for handle in &self.0 {
            handle.abort();
        }
    }

    /// Removes every task from the queue without aborting it: they keep
    /// running, detached, even after the queue is dropped.
    pub fn detach_all(&mut self) {
        for handle in self.0.drain(..) {
            drop(handle.detach());
        }
    }

    /// Polls for the oldest task's result, removing that task from the
    /// queue when it is ready.
    ///
    /// Returns:
    ///
    /// * `Poll::Ready(None)` if the queue is empty;
    /// * `Poll::Ready(Some(Ok(value)))` if the oldest task returned
    ///   `value`;
    /// * `Poll::Ready(Some(Err(err)))` if the oldest task panicked or was
    ///   aborted;
    /// * `Poll::Pending` if the oldest task has not finished. The waker of
    ///   `cx` is then woken when it does; only the waker of the latest call
    ///   is kept.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::future::poll_fn;
    ///
    /// use runtime_util::task::JoinQueue;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut queue = JoinQueue::new();
    /// queue.spawn(async { 'x' });
    /// let res = poll_fn(|cx| queue.poll_join_next(cx)).await;
    /// assert_eq!(res.unwrap().unwrap(), 'x');
    /// assert!(poll_fn(|cx| queue.poll_join_next(cx)).await.is_none());
    /// # });
    /// ```
    pub fn poll_join_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, JoinError>>> {
        self.poll_join_next_with_id(cx)
            .map(|opt| opt.map(|res| res.map(|(_, value)| value)))
    }

    /// Like [`poll_join_next`](Self::poll_join_next), with the task's
    /// [`Id`] next to its output (`Poll::Ready(Some(Ok((id, value))))`).
    /// On an error, [`JoinError::id`] gives the id.
    pub fn poll_join_next_with_id(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<(Id, T), JoinError>>> {
        let Some(front) = self.0.front_mut() else {
            return Poll::Ready(None);
        };
        match Pin::new(front).poll(cx) {
            Poll::Ready(res) => Poll::Ready(Some(self.pop_front(res))),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Removes the front task, whose result `res` was just taken, and
    /// pairs a successful output with the task's id.
    fn pop_front(&mut self, res: Result<T, JoinError>) -> Result<(Id, T), JoinError> {
        let handle = self.0.pop_front().expect("the front task was just polled");
        // The task is over: detach rather than abort on drop.
        let id = handle.detach().id();
        res.map(|value| (id, value))
    }
}

/// Lists the ids of the tasks, oldest first; `T` need not be `Debug`.
impl<T> fmt::Debug for JoinQueue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|handle| handle.as_ref().id()))
            .finish()
    }
}

impl<T> Default for JoinQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Spawns every future of the iterator, in order, as with
/// [`JoinQueue::spawn`].
impl<T, F> FromIterator<F> for JoinQueue<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        let mut queue = JoinQueue::new();
        for task in iter {
            queue.spawn(task);
        }
        queue
    }
}
