//! `LocalSet`: run `!Send` futures on the current thread.
//!
//! # Design
//!
//! A `LocalSet` is a small scheduler of its own, driven by whoever polls it
//! (`run_until`, `block_on`, or awaiting the set). Its tasks never leave
//! the thread that created the set: they are polled only by the set, and
//! cancelled by its `Drop`, both on that thread (the set is `!Send`).
//!
//! Wake-ups come from anywhere, though (a waker is `Send`). A task woken
//! on the set's thread while the set is being driven goes to the local
//! queue; any other wake-up goes to the mutex-protected remote queue and
//! wakes the task that drives the set.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::raw::{Notified, OwnedTasks, Schedule, Task};
use super::{Id, JoinHandle, coop};
use crate::loom::sync::{Arc, Mutex};
use crate::runtime::Runtime;

/// Tasks polled per tick before the set yields to its caller.
const MAX_TASKS_PER_TICK: usize = 61;
/// Every this many ticks the remote queue is checked first.
const REMOTE_FIRST_INTERVAL: u8 = 31;

/// A set of `!Send` tasks that run on the current thread.
///
/// Spawn onto it with [`spawn_local`] (inside the set's context) or
/// [`LocalSet::spawn_local`], and drive it with
/// [`run_until`](LocalSet::run_until) or [`block_on`](LocalSet::block_on).
/// Dropping the set cancels its remaining tasks.
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use runtime_core::runtime::Builder;
/// use runtime_core::task::{self, LocalSet};
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// let local = LocalSet::new();
/// let shared = Rc::new(5); // not Send
/// let out = local.block_on(&rt, async move {
///     let s = shared.clone();
///     task::spawn_local(async move { *s * 2 }).await.unwrap()
/// });
/// assert_eq!(out, 10);
/// ```
pub struct LocalSet {
    tick: Cell<u8>,
    context: Rc<LocalContext>,
    _not_send: PhantomData<*const ()>,
}

struct LocalContext {
    shared: Arc<Shared>,
    queue: RefCell<VecDeque<Notified<Arc<Shared>>>>,
}

struct Shared {
    owned: OwnedTasks<Arc<Shared>>,
    /// Wake-ups from other threads (or outside the set's context). `None`
    /// once the set is dropped.
    remote: Mutex<Option<VecDeque<Notified<Arc<Shared>>>>>,
    /// The task driving the set.
    waker: Mutex<Option<Waker>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<LocalContext>>> = const { RefCell::new(None) };
    /// The sets serving as the local tasks of a `LocalRuntime` created on
    /// this thread, by runtime: where `spawn_local` goes inside that
    /// runtime's context when no set is current (after `enter`).
    static SERVING: RefCell<Vec<(crate::runtime::Id, Rc<LocalContext>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Spawns on the `LocalRuntime` whose context is entered on this thread;
/// `None` when the current runtime (if any) is not a local one.
#[track_caller]
fn spawn_on_local_runtime<F>(future: F) -> Option<JoinHandle<F::Output>>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let (id, owner) =
        crate::runtime::context::with_current(|h| (h.runtime_id(), h.local_owner())).ok()?;
    let owner = owner?;
    if owner != std::thread::current().id() {
        panic!(
            "Local tasks can only be spawned on a LocalRuntime from the thread the runtime \
             was created on"
        );
    }
    let cx = SERVING.with(|s| {
        s.borrow()
            .iter()
            .find(|(rt, _)| *rt == id)
            .map(|(_, cx)| cx.clone())
    })?;
    Some(cx.spawn(future))
}

/// Keeps a [`LocalSet`] serving as the local task set of a local runtime
/// on this thread; see [`LocalSet::serve_local_runtime`].
#[doc(hidden)]
#[must_use = "the set stops serving the runtime when the guard is dropped"]
pub struct ServeLocalRuntimeGuard {
    id: crate::runtime::Id,
    _not_send: PhantomData<*const ()>,
}

impl Drop for ServeLocalRuntimeGuard {
    fn drop(&mut self) {
        let _ = SERVING.try_with(|s| {
            let removed = {
                let mut s = s.borrow_mut();
                s.iter()
                    .position(|(rt, _)| *rt == self.id)
                    .map(|i| s.swap_remove(i))
            };
            // The context (and the tasks it may hold) drops outside the
            // borrow.
            drop(removed);
        });
    }
}

impl fmt::Debug for ServeLocalRuntimeGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServeLocalRuntimeGuard")
            .field("runtime", &self.id)
            .finish()
    }
}

/// Whether a `LocalSet` is current on this thread (its `run_until`, one of
/// its tasks, its drop, or after [`LocalSet::enter`]).
pub(crate) fn is_in_local_set() -> bool {
    CURRENT.try_with(|c| c.borrow().is_some()).unwrap_or(false)
}

/// Leaves the `LocalSet` context entered with [`LocalSet::enter`] on drop.
#[must_use = "dropping the guard leaves the LocalSet context at once"]
pub struct LocalEnterGuard {
    prev: Option<Rc<LocalContext>>,
    _not_send: PhantomData<*const ()>,
}

impl Drop for LocalEnterGuard {
    fn drop(&mut self) {
        let prev = self.prev.take();
        let _ = CURRENT.try_with(|c| drop(c.replace(prev)));
    }
}

impl fmt::Debug for LocalEnterGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalEnterGuard").finish()
    }
}

/// Spawns a `!Send` future on the current [`LocalSet`].
///
/// # Panics
///
/// Panics when called outside a `LocalSet` context (outside `run_until`,
/// `block_on`, a task of the set, or [`LocalSet::enter`]).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_core::task::{self, LocalSet};
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// LocalSet::new().block_on(&rt, async {
///     let v = std::rc::Rc::new(1);
///     assert_eq!(task::spawn_local(async move { *v }).await.unwrap(), 1);
/// });
/// ```
#[track_caller]
pub fn spawn_local<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let cx = CURRENT.with(|c| c.borrow().clone());
    match cx {
        Some(cx) => cx.spawn(future),
        None => match spawn_on_local_runtime(future) {
            Some(handle) => handle,
            None => panic!(
                "`spawn_local` called from outside of a `task::LocalSet` or `runtime::LocalRuntime`: \
                 run it inside `LocalSet::run_until`, `LocalSet::block_on`, after `LocalSet::enter`, \
                 or on a `LocalRuntime`"
            ),
        },
    }
}

impl LocalSet {
    /// Creates an empty set.
    pub fn new() -> LocalSet {
        LocalSet {
            tick: Cell::new(0),
            context: Rc::new(LocalContext {
                shared: Arc::new(Shared {
                    owned: OwnedTasks::new(),
                    remote: Mutex::new(Some(VecDeque::new())),
                    waker: Mutex::new(None),
                }),
                queue: RefCell::new(VecDeque::new()),
            }),
            _not_send: PhantomData,
        }
    }

    /// Enters the set's context, so that [`spawn_local`] spawns onto it,
    /// until the guard is dropped.
    pub fn enter(&self) -> LocalEnterGuard {
        let prev = CURRENT.with(|c| c.replace(Some(self.context.clone())));
        LocalEnterGuard {
            prev,
            _not_send: PhantomData,
        }
    }

    /// Makes this set the local task set of `rt`, a current-thread runtime,
    /// on this thread until the guard is dropped: the building block of the
    /// facade's `LocalRuntime`. Inside `rt`'s context with no set current
    /// (after `rt.enter()`), [`spawn_local`] spawns onto this set; on any
    /// other thread it panics, naming the runtime's owner thread rule.
    ///
    /// # Panics
    ///
    /// If `rt` is not a current-thread runtime, or already serves as a
    /// local runtime.
    #[doc(hidden)]
    #[track_caller]
    pub fn serve_local_runtime(&self, rt: &Runtime) -> ServeLocalRuntimeGuard {
        let crate::runtime::scheduler::Handle::CurrentThread(h) = &rt.handle().inner else {
            panic!("a local runtime needs a current-thread scheduler");
        };
        h.local_owner
            .set(std::thread::current().id())
            .expect("the runtime already serves as a local runtime");
        SERVING.with(|s| s.borrow_mut().push((h.id, self.context.clone())));
        ServeLocalRuntimeGuard {
            id: h.id,
            _not_send: PhantomData,
        }
    }

    /// Spawns a `!Send` future onto this set. It runs when the set is
    /// driven.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    /// use runtime_core::task::LocalSet;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// let local = LocalSet::new();
    /// let handle = local.spawn_local(async { "local" });
    /// assert_eq!(local.block_on(&rt, handle).unwrap(), "local");
    /// ```
    #[track_caller]
    pub fn spawn_local<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.context.spawn(future)
    }

    /// Runs `future` on `rt`, driving this set's tasks meanwhile.
    ///
    /// # Panics
    ///
    /// Panics inside an asynchronous context, as `Runtime::block_on` does.
    #[track_caller]
    pub fn block_on<F: Future>(&self, rt: &Runtime, future: F) -> F::Output {
        rt.block_on(self.run_until(future))
    }

    /// Runs `future` to completion, driving this set's tasks meanwhile.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    /// use runtime_core::task::{self, LocalSet};
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// let local = LocalSet::new();
    /// let out = rt.block_on(local.run_until(async {
    ///     task::spawn_local(async { 3 }).await.unwrap()
    /// }));
    /// assert_eq!(out, 3);
    /// ```
    pub async fn run_until<F: Future>(&self, future: F) -> F::Output {
        RunUntil {
            local_set: self,
            future,
        }
        .await
    }

    /// Runs `f` with this set as the current one. While the thread's
    /// locals are being destroyed (a set kept in a thread-local is dropped
    /// at thread exit) there is no "current set" to change, and `f` runs
    /// without one.
    fn with<R>(&self, f: impl FnOnce() -> R) -> R {
        let Ok(prev) = CURRENT.try_with(|c| c.replace(Some(self.context.clone()))) else {
            return f();
        };
        let _guard = LocalEnterGuard {
            prev,
            _not_send: PhantomData,
        };
        f()
    }

    /// Runs up to `MAX_TASKS_PER_TICK` tasks. Returns `true` if there may
    /// be more to run.
    fn tick(&self) -> bool {
        for _ in 0..MAX_TASKS_PER_TICK {
            match self.next_task() {
                Some(task) => coop::budget(|| task.run()),
                None => return false,
            }
        }
        true
    }

    fn next_task(&self) -> Option<Notified<Arc<Shared>>> {
        let tick = self.tick.get().wrapping_add(1);
        self.tick.set(tick);
        let local = || self.context.queue.borrow_mut().pop_front();
        let remote = || {
            self.context
                .shared
                .remote
                .lock()
                .as_mut()
                .and_then(VecDeque::pop_front)
        };
        if tick % REMOTE_FIRST_INTERVAL == 0 {
            remote().or_else(local)
        } else {
            local().or_else(remote)
        }
    }

    fn register_waker(&self, waker: &Waker) {
        let mut slot = self.context.shared.waker.lock();
        let stale = if slot.as_ref().is_some_and(|w| w.will_wake(waker)) {
            None
        } else {
            slot.replace(waker.clone())
        };
        // The replaced waker drops after the lock: its drop may wake (or
        // spawn onto) this set.
        drop(slot);
        drop(stale);
    }
}

impl LocalContext {
    #[track_caller]
    fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let shared = self.shared.clone();
        // SAFETY: the task is polled only by this set (`tick`), on this
        // thread (the set is `!Send`), and cancelled by the set's `Drop`,
        // also on this thread.
        let (join, notified) = unsafe { self.shared.owned.bind_local(future, shared, Id::next()) };
        if let Some(notified) = notified {
            self.queue.borrow_mut().push_back(notified);
            self.shared.wake_driver();
        }
        join
    }
}

impl Shared {
    fn wake_driver(&self) {
        let waker = self.waker.lock().take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn push_remote(&self, task: Notified<Arc<Shared>>) {
        let mut remote = self.remote.lock();
        match remote.as_mut() {
            Some(queue) => {
                queue.push_back(task);
                drop(remote);
                self.wake_driver();
            }
            None => {
                drop(remote);
                drop(task);
            }
        }
    }
}

impl Schedule for Arc<Shared> {
    fn release(&self, task: &Task<Self>) -> Option<Task<Self>> {
        self.owned.remove(task)
    }

    fn schedule(&self, task: Notified<Self>) {
        let local = CURRENT
            .try_with(|c| {
                c.borrow()
                    .as_ref()
                    .filter(|cx| Arc::ptr_eq(&cx.shared, self))
                    .cloned()
            })
            .ok()
            .flatten();
        match local {
            Some(cx) => {
                cx.queue.borrow_mut().push_back(task);
                self.wake_driver();
            }
            None => self.push_remote(task),
        }
    }
}

pin_project_lite::pin_project! {
    struct RunUntil<'a, F> {
        local_set: &'a LocalSet,
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for RunUntil<'_, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let me = self.project();
        let local_set = *me.local_set;
        local_set.with(|| {
            local_set.register_waker(cx.waker());
            if let Poll::Ready(output) = me.future.poll(cx) {
                return Poll::Ready(output);
            }
            if local_set.tick() {
                // More tasks are ready: come back soon, after others ran.
                cx.waker().wake_by_ref();
            }
            Poll::Pending
        })
    }
}

/// Awaiting a `LocalSet` runs it until all its tasks are done.
impl Future for LocalSet {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = &*self;
        me.with(|| {
            me.register_waker(cx.waker());
            if me.tick() {
                cx.waker().wake_by_ref();
                Poll::Pending
            } else if me.context.shared.owned.is_empty() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
    }
}

impl Default for LocalSet {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for LocalSet {
    fn drop(&mut self) {
        self.with(|| {
            // Cancel the tasks here, on the set's thread.
            self.context.shared.owned.close_and_shutdown_all();
            let local = std::mem::take(&mut *self.context.queue.borrow_mut());
            drop(local);
            let remote = self.context.shared.remote.lock().take();
            drop(remote);
        });
    }
}

impl fmt::Debug for LocalSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalSet")
            .field("tasks", &self.context.shared.owned.len())
            .finish()
    }
}
