//! What happens to a task: polling, completing, cancelling, joining and
//! deallocating, written once for every `(T, S)` and reached through the
//! vtable.
//!
//! Panics never escape: a panic while polling becomes the task's
//! `JoinError`; a panic while dropping a future or an output, or inside a
//! join waker, is caught and dropped, so that a worker thread survives any
//! user code.

use std::future::Future;
use std::mem::{self, ManuallyDrop};
use std::panic::{self, AssertUnwindSafe};
use std::ptr::NonNull;
use std::task::{Context, Poll, Waker};

use super::cell::{Cell, Core, Header, Trailer, Vtable};
use super::state::{State, TransitionToIdle, TransitionToRunning};
use super::{Notified, RawTask, Schedule, Task};
use crate::runtime::context;
use crate::task::{Id, JoinError};

/// The vtable for `(T, S)`.
pub(super) fn vtable<T: Future + 'static, S: Schedule>() -> &'static Vtable {
    &Vtable {
        poll: poll::<T, S>,
        schedule: schedule::<T, S>,
        dealloc: dealloc::<T, S>,
        try_read_output: try_read_output::<T, S>,
        drop_join_handle_slow: drop_join_handle_slow::<T, S>,
        shutdown: shutdown::<T, S>,
    }
}

/// A typed view of a task cell.
struct Harness<T: Future, S: 'static> {
    cell: NonNull<Cell<T, S>>,
}

impl<T: Future + 'static, S: Schedule> Harness<T, S> {
    /// # Safety
    ///
    /// `ptr` must be the header of a live `Cell<T, S>`.
    unsafe fn from_raw(ptr: NonNull<Header>) -> Self {
        Harness { cell: ptr.cast() }
    }

    fn header_ptr(&self) -> NonNull<Header> {
        self.cell.cast()
    }

    fn header(&self) -> &Header {
        // SAFETY: the cell is live while any reference exists, and the
        // harness is only used by a holder of one.
        unsafe { &self.cell.as_ref().header }
    }

    fn state(&self) -> &State {
        &self.header().state
    }

    fn core(&self) -> &Core<T, S> {
        // SAFETY: as in `header`.
        unsafe { &self.cell.as_ref().core }
    }

    fn trailer(&self) -> &Trailer {
        // SAFETY: as in `header`.
        unsafe { &self.cell.as_ref().trailer }
    }

    fn id(&self) -> Id {
        self.header().id
    }

    fn raw(&self) -> RawTask {
        RawTask {
            ptr: self.header_ptr(),
        }
    }

    /// Polls the task; the caller's `Notified` reference is consumed.
    fn poll(self) {
        match self.state().transition_to_running() {
            TransitionToRunning::Success => {
                let waker = ManuallyDrop::new(super::waker::raw_waker(self.header_ptr()));
                let mut cx = Context::from_waker(&waker);
                if self.poll_future(&mut cx).is_ready() {
                    self.complete();
                    return;
                }
                match self.state().transition_to_idle() {
                    TransitionToIdle::Ok => {}
                    TransitionToIdle::OkNotified => {
                        // Woken during its own poll: our reference becomes
                        // the new `Notified`.
                        let notified = Notified(Task::from_raw(self.raw()));
                        self.core().scheduler.yield_now(notified);
                    }
                    TransitionToIdle::OkDealloc => self.dealloc(),
                    TransitionToIdle::Cancelled => {
                        self.cancel();
                        self.complete();
                    }
                }
            }
            TransitionToRunning::Cancelled => {
                self.cancel();
                self.complete();
            }
            TransitionToRunning::Failed => {}
            TransitionToRunning::Dealloc => self.dealloc(),
        }
    }

    /// Polls the future (we own it); on completion or panic, drops it and
    /// stores the output.
    fn poll_future(&self, cx: &mut Context<'_>) -> Poll<()> {
        let id = self.id();
        let core = self.core();
        let result = {
            let _id = context::TaskIdGuard::enter(id);
            panic::catch_unwind(AssertUnwindSafe(|| {
                // A future whose poll panics is dropped while the panic is
                // still unwinding (as tokio does), so its destructor sees
                // `thread::panicking()`.
                let on_unwind = DropStageOnUnwind(core);
                // SAFETY: we set RUNNING, so we own the future; the cell
                // never moves.
                let poll = unsafe { core.poll(cx) };
                std::mem::forget(on_unwind);
                poll
            }))
        };
        let output = match result {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(output)) => Ok(output),
            Err(payload) => Err(JoinError::panic(id, payload)),
        };
        self.drop_stage_caught();
        // SAFETY: we still own the stage, which is now `Consumed`.
        unsafe { core.store_output(output) };
        Poll::Ready(())
    }

    /// Drops the future (we own it) and stores a cancellation error (or the
    /// panic of the future's destructor).
    fn cancel(&self) {
        let id = self.id();
        let output = match self.drop_stage() {
            Ok(()) => Err(JoinError::cancelled(id)),
            Err(payload) => Err(JoinError::panic(id, payload)),
        };
        // SAFETY: we own the stage, which is now `Consumed`.
        unsafe { self.core().store_output(output) };
    }

    /// Drops whatever the stage holds, with the task id set, catching a
    /// panic.
    fn drop_stage(&self) -> std::thread::Result<()> {
        let _id = context::TaskIdGuard::enter(self.id());
        let core = self.core();
        // Dropped in place: the future is pinned.
        // SAFETY: callers own the stage (RUNNING set, or the output is ours).
        panic::catch_unwind(AssertUnwindSafe(|| unsafe { core.drop_stage_in_place() }))
    }

    fn drop_stage_caught(&self) {
        // A destructor that panics after the task already produced its
        // output has nowhere to report to.
        let _ = self.drop_stage();
    }

    /// Publishes completion, hands the output over, releases the task.
    /// Consumes the caller's reference.
    fn complete(self) {
        let snapshot = self.state().transition_to_complete();
        if !snapshot.is_join_interested() {
            // No JoinHandle: the output is ours to drop, here, on the
            // runtime.
            self.drop_stage_caught();
        } else if snapshot.is_join_waker_set() {
            let trailer = self.trailer();
            // SAFETY: JOIN_WAKER was set at completion, so the handle will not
            // write the slot again.
            let _ = panic::catch_unwind(AssertUnwindSafe(|| unsafe { trailer.wake_join() }));
        }

        let me = ManuallyDrop::new(Task::<S>::from_raw(self.raw()));
        let released = match self.core().scheduler.release(&me) {
            Some(task) => {
                // The list's reference: released below with ours.
                mem::forget(task);
                2
            }
            None => 1,
        };
        if self.state().transition_to_terminal(released) {
            self.dealloc();
        }
    }

    fn dealloc(self) {
        // SAFETY: called once, when the last reference is gone; the cell was
        // allocated as a `Box<Cell<T, S>>`.
        drop(unsafe { Box::from_raw(self.cell.as_ptr()) });
    }

    /// Whether the output can be read now; otherwise arranges for `waker`
    /// to be woken on completion.
    fn can_read_output(&self, waker: &Waker) -> bool {
        let snapshot = self.state().load();
        if snapshot.is_complete() {
            return true;
        }
        let res = if !snapshot.is_join_waker_set() {
            self.set_join_waker(waker.clone())
        } else {
            // SAFETY: JOIN_WAKER is set, so the slot is filled and only read.
            if unsafe { self.trailer().will_wake(waker) } {
                return false;
            }
            self.state()
                .unset_waker()
                .and_then(|_| self.set_join_waker(waker.clone()))
        };
        match res {
            Ok(_) => false,
            Err(snapshot) => {
                debug_assert!(snapshot.is_complete());
                true
            }
        }
    }

    fn set_join_waker(&self, waker: Waker) -> Result<(), super::state::Snapshot> {
        // SAFETY: JOIN_WAKER is clear and we are the JoinHandle: the slot is
        // ours.
        unsafe { self.trailer().set_waker(Some(waker)) };
        match self.state().set_join_waker() {
            Ok(_) => Ok(()),
            Err(snapshot) => {
                // Completed meanwhile; the completing thread saw JOIN_WAKER
                // clear and did not touch the slot.
                // SAFETY: as above.
                unsafe { self.trailer().set_waker(None) };
                Err(snapshot)
            }
        }
    }
}

/// # Safety
///
/// `ptr` is the header of a `Cell<T, S>`; the caller hands over the
/// reference of a `Notified`.
unsafe fn poll<T: Future + 'static, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: forwarded.
    unsafe { Harness::<T, S>::from_raw(ptr) }.poll()
}

/// # Safety
///
/// `ptr` is the header of a `Cell<T, S>`; the caller hands over a reference
/// that becomes the new `Notified`'s.
unsafe fn schedule<T: Future + 'static, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: forwarded.
    let harness = unsafe { Harness::<T, S>::from_raw(ptr) };
    let notified = Notified(Task::from_raw(harness.raw()));
    harness.core().scheduler.schedule(notified);
}

/// # Safety
///
/// Last reference released; `ptr` is the header of a `Cell<T, S>`.
unsafe fn dealloc<T: Future + 'static, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: forwarded.
    unsafe { Harness::<T, S>::from_raw(ptr) }.dealloc()
}

/// # Safety
///
/// `dst` points to a `Poll<Result<T::Output, JoinError>>`; the caller is
/// the task's JoinHandle.
unsafe fn try_read_output<T: Future + 'static, S: Schedule>(
    ptr: NonNull<Header>,
    dst: *mut (),
    waker: &Waker,
) {
    // SAFETY: forwarded.
    let harness = unsafe { Harness::<T, S>::from_raw(ptr) };
    if harness.can_read_output(waker) {
        // SAFETY: complete, and we are the interested JoinHandle.
        let output = unsafe { harness.core().take_output() };
        let dst = dst.cast::<Poll<Result<T::Output, JoinError>>>();
        // SAFETY: `dst` has this type (caller's promise); the old value is a
        // `Pending`, which needs no drop.
        unsafe { *dst = Poll::Ready(output) };
    }
}

/// # Safety
///
/// The caller is the task's JoinHandle, giving up its reference.
unsafe fn drop_join_handle_slow<T: Future + 'static, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: forwarded.
    let harness = unsafe { Harness::<T, S>::from_raw(ptr) };
    match harness.state().unset_join_interested() {
        Err(_) => {
            // Completed: the output is ours to drop.
            harness.drop_stage_caught();
        }
        Ok(prev) => {
            if prev.is_join_waker_set() {
                // We cleared JOIN_WAKER before completion: the slot is ours.
                // SAFETY: see above.
                unsafe { harness.trailer().set_waker(None) };
            }
        }
    }
    if harness.state().ref_dec() {
        harness.dealloc();
    }
}

/// # Safety
///
/// `ptr` is the header of a `Cell<T, S>`; the caller hands over one
/// reference.
unsafe fn shutdown<T: Future + 'static, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: forwarded.
    let harness = unsafe { Harness::<T, S>::from_raw(ptr) };
    if !harness.state().transition_to_shutdown() {
        // Running elsewhere (it will see CANCELLED) or already complete.
        if harness.state().ref_dec() {
            harness.dealloc();
        }
        return;
    }
    harness.cancel();
    harness.complete();
}

/// Drops a task's stage in place if dropped itself, which `poll_future`
/// lets happen only when the future's poll unwinds.
struct DropStageOnUnwind<'a, T: Future, S>(&'a Core<T, S>);

impl<T: Future, S> Drop for DropStageOnUnwind<'_, T, S> {
    fn drop(&mut self) {
        // SAFETY: only alive inside `poll_future`, which owns the stage (the
        // task is RUNNING); the stage is left `Consumed`, which the caller
        // expects after a panic.
        unsafe { self.0.drop_stage_in_place() }
    }
}
