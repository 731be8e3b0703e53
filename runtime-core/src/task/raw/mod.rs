//! The raw task: one allocation per spawned future, shared by the
//! scheduler, the wakers, the `JoinHandle` and the `AbortHandle`.
//!
//! # Layout
//!
//! A task is a `Cell<T, S>` on the heap (`cell.rs`):
//!
//! ```text
//! Header   state word (state.rs), vtable, id, owned-list links
//! Core     the scheduler handle `S` and the stage: Running(future) |
//!          Finished(output) | Consumed
//! Trailer  the JoinHandle's waker
//! ```
//!
//! The header comes first, so a `NonNull<Header>` is all a type-erased
//! handle needs; the vtable (`Vtable`) knows `T` and `S` and recovers the
//! full cell.
//!
//! # References
//!
//! The reference count in the state word counts every handle: the owned
//! list's [`Task`], the queued [`Notified`] (at most one), the
//! `JoinHandle`, each `AbortHandle` and each `Waker`. The last one out
//! deallocates. Who may touch the stage is decided by the state bits, never
//! by the reference count: only the thread that set `RUNNING` touches the
//! future, and after `COMPLETE` only the owner of the output (the
//! `JoinHandle` if it is still interested, otherwise the completing thread).
//!
//! # Running
//!
//! A scheduler owns [`Notified`] values in its queues and calls
//! [`Notified::run`]. The harness (`harness.rs`) moves the state to
//! running, polls the future inside `catch_unwind` (a panic becomes a
//! `JoinError`), then either completes the task, returns it to idle, or
//! re-schedules it when it was woken during its own poll.

mod cell;
mod harness;
mod list;
mod state;
mod waker;

// Loom models under `--cfg runtime_loom`; in a plain test run (and under
// miri) each model body runs once, exercising the unsafe harness.
#[cfg(test)]
mod loom_task;

use std::future::Future;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

pub(crate) use self::cell::Header;
pub(crate) use self::list::OwnedTasks;

use self::cell::Vtable;
use crate::task::{Id, JoinHandle};

/// What a scheduler provides to its tasks.
///
/// The value is stored in every task it owns, so it is usually an `Arc` of
/// the scheduler's shared state.
pub(crate) trait Schedule: Send + Sync + Sized + 'static {
    /// The task completed: remove it from the owned list, returning the
    /// list's reference if it was there.
    fn release(&self, task: &Task<Self>) -> Option<Task<Self>>;

    /// Queues the task to be run.
    fn schedule(&self, task: Notified<Self>);

    /// Queues a task that woke itself during its own poll; schedulers put
    /// it behind the tasks already waiting.
    fn yield_now(&self, task: Notified<Self>) {
        self.schedule(task);
    }
}

/// A type-erased pointer to a task's header. Carries no reference itself.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTask {
    ptr: NonNull<Header>,
}

// SAFETY: a RawTask is an address; what may be done through it is decided by
// the state word, whose operations are atomic.
unsafe impl Send for RawTask {}
// SAFETY: as above.
unsafe impl Sync for RawTask {}

impl RawTask {
    fn new<T, S>(future: T, scheduler: S, id: Id, refs: usize) -> RawTask
    where
        T: Future + 'static,
        S: Schedule,
    {
        RawTask {
            ptr: cell::Cell::<T, S>::allocate(future, scheduler, id, refs),
        }
    }

    pub(crate) fn header_ptr(self) -> NonNull<Header> {
        self.ptr
    }

    pub(crate) fn header(&self) -> &Header {
        // SAFETY: a RawTask is only made from a live allocation, and every
        // RawTask in use is backed by a reference that keeps it alive.
        unsafe { self.ptr.as_ref() }
    }

    fn vtable(&self) -> &'static Vtable {
        self.header().vtable
    }

    pub(crate) fn id(&self) -> Id {
        self.header().id
    }

    pub(crate) fn is_complete(&self) -> bool {
        self.header().state.load().is_complete()
    }

    /// Polls the task. Consumes the reference of the `Notified` it came from.
    fn poll(self) {
        // SAFETY: the vtable matches the cell it was created with.
        unsafe { (self.vtable().poll)(self.ptr) }
    }

    /// Cancels the task if idle. Consumes one reference.
    fn shutdown(self) {
        // SAFETY: as in `poll`.
        unsafe { (self.vtable().shutdown)(self.ptr) }
    }

    /// Reads the output into `dst` (a `*mut Poll<Result<T, JoinError>>`).
    ///
    /// # Safety
    ///
    /// `dst` must point to a `Poll<Result<T::Output, JoinError>>` of this
    /// task's output type.
    pub(crate) unsafe fn try_read_output(self, dst: *mut (), waker: &std::task::Waker) {
        // SAFETY: forwarded from the caller.
        unsafe { (self.vtable().try_read_output)(self.ptr, dst, waker) }
    }

    /// Drops the `JoinHandle`'s interest and reference.
    pub(crate) fn drop_join_handle_slow(self) {
        // SAFETY: as in `poll`.
        unsafe { (self.vtable().drop_join_handle_slow)(self.ptr) }
    }

    /// Releases one reference.
    pub(crate) fn drop_reference(self) {
        if self.header().state.ref_dec() {
            // SAFETY: that was the last reference.
            unsafe { (self.vtable().dealloc)(self.ptr) }
        }
    }

    pub(crate) fn ref_inc(self) {
        self.header().state.ref_inc();
    }

    /// Abort from any thread.
    pub(crate) fn remote_abort(self) {
        if self.header().state.transition_to_notified_and_cancel() {
            // SAFETY: the transition created the reference that the new
            // `Notified` owns.
            unsafe { (self.vtable().schedule)(self.ptr) }
        }
    }
}

/// The owned list's handle to a task: one reference.
pub(crate) struct Task<S: 'static> {
    raw: RawTask,
    _p: PhantomData<S>,
}

// SAFETY: a task is only polled through `Notified`, by its scheduler; the
// handle itself only touches the atomic state.
unsafe impl<S> Send for Task<S> {}
// SAFETY: as above.
unsafe impl<S> Sync for Task<S> {}

impl<S: 'static> Task<S> {
    /// Takes over one reference already counted for `raw`.
    fn from_raw(raw: RawTask) -> Task<S> {
        Task {
            raw,
            _p: PhantomData,
        }
    }

    fn into_raw(self) -> RawTask {
        let task = ManuallyDrop::new(self);
        task.raw
    }

    pub(crate) fn header(&self) -> &Header {
        self.raw.header()
    }

    pub(crate) fn header_ptr(&self) -> NonNull<Header> {
        self.raw.header_ptr()
    }

    pub(crate) fn id(&self) -> Id {
        self.raw.id()
    }

    /// Cancels the task (if no one is polling it) and releases this
    /// reference.
    pub(crate) fn shutdown(self) {
        self.into_raw().shutdown()
    }
}

impl<S: 'static> Drop for Task<S> {
    fn drop(&mut self) {
        self.raw.drop_reference();
    }
}

impl<S: 'static> std::fmt::Debug for Task<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Task({}, {:?})", self.id(), self.header().state)
    }
}

/// A task that is queued to run: one reference, and the right to poll.
pub(crate) struct Notified<S: 'static>(Task<S>);

#[allow(
    dead_code,
    reason = "the multi-thread run queue stores tasks as raw pointers"
)]
impl<S: 'static> Notified<S> {
    pub(crate) fn id(&self) -> Id {
        self.0.id()
    }

    /// Polls the task, consuming this handle.
    pub(crate) fn run(self) {
        self.0.into_raw().poll()
    }

    /// Cancels the task instead of running it (used when a queue is drained
    /// at shutdown and the task must not run again).
    pub(crate) fn shutdown(self) {
        self.0.shutdown()
    }

    /// Turns the handle into a bare pointer, keeping its reference.
    pub(crate) fn into_raw(self) -> RawTask {
        self.0.into_raw()
    }

    /// Rebuilds a handle from [`into_raw`](Notified::into_raw).
    ///
    /// # Safety
    ///
    /// `raw` must come from `Notified::<S>::into_raw` and be used once.
    pub(crate) unsafe fn from_raw(raw: RawTask) -> Notified<S> {
        Notified(Task::from_raw(raw))
    }

    pub(crate) fn header_ptr(&self) -> NonNull<Header> {
        self.0.header_ptr()
    }
}

impl<S: 'static> std::fmt::Debug for Notified<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Notified({:?})", self.0)
    }
}

/// Creates a task that belongs to no owned list (blocking tasks): returns
/// its `Notified` (which the caller queues and eventually runs or shuts
/// down) and its `JoinHandle`.
pub(crate) fn unowned<T, S>(future: T, scheduler: S, id: Id) -> (Notified<S>, JoinHandle<T::Output>)
where
    T: Future + Send + 'static,
    T::Output: Send + 'static,
    S: Schedule,
{
    let raw = RawTask::new(future, scheduler, id, 2);
    (Notified(Task::from_raw(raw)), JoinHandle::new(raw))
}

/// Creates a task with three references: the owned list's, the first
/// `Notified`'s and the `JoinHandle`'s. Used by [`OwnedTasks`].
fn new_task<T, S>(future: T, scheduler: S, id: Id) -> (Task<S>, Notified<S>, JoinHandle<T::Output>)
where
    T: Future + 'static,
    S: Schedule,
{
    let raw = RawTask::new(future, scheduler, id, 3);
    (
        Task::from_raw(raw),
        Notified(Task::from_raw(raw)),
        JoinHandle::new(raw),
    )
}
