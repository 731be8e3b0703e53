//! `JoinSet`: a set of tasks whose outputs are awaited in completion order.
//!
//! # Design
//!
//! The set owns the tasks' `JoinHandle`s in a slab. Each entry has its own
//! waker (`EntryWaker`) that the entry's `JoinHandle` is polled with; when
//! the task completes, that waker puts the entry's key on the shared
//! *ready* list and wakes whoever waits in `join_next`. So `join_next`
//! polls only entries that were woken, never the whole set: O(1) per
//! completion however many tasks are in the set.
//!
//! A new entry starts on the ready list so that its first poll registers
//! its waker. A stale wake-up (an entry woken, then removed and its slot
//! reused) costs one extra poll of the slot's new entry, which returns
//! `Pending` and is harmless.

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use super::{AbortHandle, Id, JoinError, JoinHandle, LocalSet, coop};
use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::{AtomicBool, Ordering};
use crate::runtime::Handle;

/// A collection of tasks spawned on a runtime, awaited in the order they
/// complete.
///
/// All tasks must have the same output type `T`. Dropping the set aborts
/// every task still in it.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_core::task::JoinSet;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let mut set = JoinSet::new();
///     for i in 0..10 {
///         set.spawn(async move { i });
///     }
///     let mut seen = [false; 10];
///     while let Some(res) = set.join_next().await {
///         seen[res.unwrap()] = true;
///     }
///     assert!(seen.iter().all(|s| *s));
/// });
/// ```
pub struct JoinSet<T> {
    entries: Vec<Option<Entry<T>>>,
    free: Vec<usize>,
    len: usize,
    shared: Arc<Shared>,
}

struct Entry<T> {
    handle: JoinHandle<T>,
    waker: Arc<EntryWaker>,
}

struct Shared {
    state: Mutex<ReadyState>,
}

struct ReadyState {
    ready: VecDeque<usize>,
    waker: Option<Waker>,
}

struct EntryWaker {
    shared: Arc<Shared>,
    key: usize,
    /// On the ready list already (avoids duplicates).
    queued: AtomicBool,
}

impl Wake for EntryWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        let waker = {
            let mut state = self.shared.state.lock();
            state.ready.push_back(self.key);
            state.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> JoinSet<T> {
    /// Creates an empty set.
    pub fn new() -> JoinSet<T> {
        JoinSet {
            entries: Vec::new(),
            free: Vec::new(),
            len: 0,
            shared: Arc::new(Shared {
                state: Mutex::new(ReadyState {
                    ready: VecDeque::new(),
                    waker: None,
                }),
            }),
        }
    }

    /// The number of tasks in the set.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the set has no task.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn insert(&mut self, handle: JoinHandle<T>) -> AbortHandle {
        let abort = handle.abort_handle();
        let key = self.free.pop().unwrap_or_else(|| {
            self.entries.push(None);
            self.entries.len() - 1
        });
        let waker = Arc::new(EntryWaker {
            shared: self.shared.clone(),
            key,
            queued: AtomicBool::new(false),
        });
        // Queue the new entry so that its first poll registers its waker.
        waker.wake_by_ref();
        self.entries[key] = Some(Entry { handle, waker });
        self.len += 1;
        abort
    }

    fn remove(&mut self, key: usize) -> Option<Entry<T>> {
        let entry = self.entries.get_mut(key)?.take()?;
        self.free.push(key);
        self.len -= 1;
        Some(entry)
    }

    /// Aborts every task in the set. They stay in the set until joined
    /// (as cancelled, unless they finished first).
    pub fn abort_all(&mut self) {
        for entry in self.entries.iter().flatten() {
            entry.handle.abort();
        }
    }

    /// Removes every task from the set without aborting them: they keep
    /// running, detached.
    pub fn detach_all(&mut self) {
        self.entries.clear();
        self.free.clear();
        self.len = 0;
        self.shared.state.lock().ready.clear();
    }

    /// Waits for one of the tasks to complete and returns its output, or
    /// `None` when the set is empty.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped before it completes, no output
    /// is lost; the task stays in the set.
    pub async fn join_next(&mut self) -> Option<Result<T, JoinError>> {
        poll_fn(|cx| self.poll_join_next(cx)).await
    }

    /// Like [`join_next`](Self::join_next), with the task's id.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as `join_next`.
    pub async fn join_next_with_id(&mut self) -> Option<Result<(Id, T), JoinError>> {
        poll_fn(|cx| self.poll_join_next_with_id(cx)).await
    }

    /// Returns the output of a task that already completed, without
    /// waiting; `None` if none has (or the set is empty).
    pub fn try_join_next(&mut self) -> Option<Result<T, JoinError>> {
        self.try_join_next_with_id().map(|res| res.map(|(_, v)| v))
    }

    /// Like [`try_join_next`](Self::try_join_next), with the task's id.
    pub fn try_join_next_with_id(&mut self) -> Option<Result<(Id, T), JoinError>> {
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        // Not an async context: no budget to respect.
        let res = coop::with_unconstrained(|| self.poll_inner(&mut cx, false));
        match res {
            Poll::Ready(Some(res)) => Some(res),
            _ => None,
        }
    }

    /// Polls for the next completed task; see [`join_next`](Self::join_next).
    pub fn poll_join_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, JoinError>>> {
        self.poll_join_next_with_id(cx)
            .map(|opt| opt.map(|res| res.map(|(_, v)| v)))
    }

    /// Polls for the next completed task with its id.
    pub fn poll_join_next_with_id(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<(Id, T), JoinError>>> {
        self.poll_inner(cx, true)
    }

    fn poll_inner(
        &mut self,
        cx: &mut Context<'_>,
        register: bool,
    ) -> Poll<Option<Result<(Id, T), JoinError>>> {
        if self.len == 0 {
            return Poll::Ready(None);
        }
        // Poll at most the entries that are ready now: an entry re-queued
        // by its own poll (budget exhausted) waits for the next call.
        let mut budget = self.shared.state.lock().ready.len();
        loop {
            let key = {
                let mut state = self.shared.state.lock();
                match (budget > 0).then(|| state.ready.pop_front()).flatten() {
                    Some(key) => key,
                    None => {
                        if register {
                            if state.ready.is_empty() {
                                let same = state
                                    .waker
                                    .as_ref()
                                    .is_some_and(|w| w.will_wake(cx.waker()));
                                if !same {
                                    let replaced = state.waker.replace(cx.waker().clone());
                                    // Dropped after the lock: a waker's drop
                                    // runs arbitrary code, which may complete
                                    // a task of this set (and take the lock).
                                    drop(state);
                                    drop(replaced);
                                }
                            } else {
                                drop(state);
                                cx.waker().wake_by_ref();
                            }
                        }
                        return Poll::Pending;
                    }
                }
            };
            budget -= 1;
            let Some(Some(entry)) = self.entries.get_mut(key) else {
                continue;
            };
            entry.waker.queued.store(false, Ordering::Release);
            let waker = Waker::from(entry.waker.clone());
            let mut entry_cx = Context::from_waker(&waker);
            if let Poll::Ready(res) = Pin::new(&mut entry.handle).poll(&mut entry_cx) {
                let id = entry.handle.id();
                self.remove(key);
                return Poll::Ready(Some(res.map(|v| (id, v))));
            }
        }
    }

    /// Aborts every task and waits for them all to stop.
    pub async fn shutdown(&mut self) {
        self.abort_all();
        while self.join_next().await.is_some() {}
    }

    /// Waits for every task and returns their outputs in completion order.
    ///
    /// # Panics
    ///
    /// If a task panicked, resumes that panic; if one was cancelled, panics
    /// with the `JoinError`. Remaining tasks are aborted when the set is
    /// dropped.
    pub async fn join_all(mut self) -> Vec<T> {
        let mut output = Vec::with_capacity(self.len());
        while let Some(res) = self.join_next().await {
            match res {
                Ok(value) => output.push(value),
                Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
                Err(err) => panic!("{err}"),
            }
        }
        output
    }
}

impl<T: 'static> JoinSet<T> {
    /// Spawns `task` on the current runtime and adds it to the set.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context.
    #[track_caller]
    pub fn spawn<F>(&mut self, task: F) -> AbortHandle
    where
        F: Future<Output = T> + Send + 'static,
        T: Send,
    {
        self.insert(super::spawn(task))
    }

    /// Spawns `task` on the runtime of `handle` and adds it to the set.
    #[track_caller]
    pub fn spawn_on<F>(&mut self, task: F, handle: &Handle) -> AbortHandle
    where
        F: Future<Output = T> + Send + 'static,
        T: Send,
    {
        self.insert(handle.spawn(task))
    }

    /// Spawns a `!Send` task on the current `LocalSet` and adds it to the
    /// set.
    ///
    /// # Panics
    ///
    /// Panics outside a `LocalSet` context.
    #[track_caller]
    pub fn spawn_local<F>(&mut self, task: F) -> AbortHandle
    where
        F: Future<Output = T> + 'static,
    {
        self.insert(super::spawn_local(task))
    }

    /// Spawns a `!Send` task on `local_set` and adds it to the set.
    #[track_caller]
    pub fn spawn_local_on<F>(&mut self, task: F, local_set: &LocalSet) -> AbortHandle
    where
        F: Future<Output = T> + 'static,
    {
        self.insert(local_set.spawn_local(task))
    }

    /// Runs a blocking closure on the current runtime's blocking pool and
    /// adds it to the set.
    #[track_caller]
    pub fn spawn_blocking<F>(&mut self, f: F) -> AbortHandle
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send,
    {
        self.insert(super::spawn_blocking(f))
    }

    /// Runs a blocking closure on the blocking pool of `handle`'s runtime
    /// and adds it to the set.
    #[track_caller]
    pub fn spawn_blocking_on<F>(&mut self, f: F, handle: &Handle) -> AbortHandle
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send,
    {
        self.insert(handle.spawn_blocking(f))
    }
}

impl<T> Drop for JoinSet<T> {
    fn drop(&mut self) {
        self.abort_all();
    }
}

impl<T> Default for JoinSet<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> fmt::Debug for JoinSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinSet").field("len", &self.len).finish()
    }
}

impl<T, F> Extend<F> for JoinSet<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    fn extend<I: IntoIterator<Item = F>>(&mut self, iter: I) {
        for task in iter {
            self.spawn(task);
        }
    }
}

impl<T, F> FromIterator<F> for JoinSet<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        let mut set = JoinSet::new();
        set.extend(iter);
        set
    }
}
