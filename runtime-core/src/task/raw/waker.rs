//! Task wakers: a `RawWaker` whose data pointer is the task header, and
//! which holds one task reference.

use std::ptr::NonNull;
use std::task::{RawWaker, RawWakerVTable, Waker};

use super::cell::Header;
use super::state::TransitionToNotified;

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake_by_val, wake_by_ref, drop_waker);

/// A waker for the task at `ptr` that does *not* own a reference: the
/// caller must wrap it in `ManuallyDrop` and keep a reference alive while
/// it is in use (the poller does).
pub(super) fn raw_waker(ptr: NonNull<Header>) -> Waker {
    // SAFETY: the vtable functions below uphold the RawWaker contract for a
    // header pointer; this waker is never dropped (ManuallyDrop), so it
    // releases no reference it does not own. Clones take their own.
    unsafe { Waker::from_raw(RawWaker::new(ptr.as_ptr() as *const (), &VTABLE)) }
}

/// # Safety
///
/// `ptr` must be a live task header.
unsafe fn header<'a>(ptr: *const ()) -> &'a Header {
    // SAFETY: caller's promise.
    unsafe { &*(ptr as *const Header) }
}

unsafe fn clone(ptr: *const ()) -> RawWaker {
    // SAFETY: a waker (or the poller's borrowed waker) keeps the task alive.
    unsafe { header(ptr) }.state.ref_inc();
    RawWaker::new(ptr, &VTABLE)
}

/// The task pointer with the provenance of the whole allocation.
///
/// Never rebuild it from a `&Header`: such a pointer may only reach the
/// header, not the rest of the cell (miri's borrow checks reject it).
fn task_ptr(ptr: *const ()) -> NonNull<Header> {
    // The data pointer of a task waker is never null.
    NonNull::new(ptr as *mut Header).expect("null task waker")
}

unsafe fn drop_waker(ptr: *const ()) {
    // SAFETY: this waker owns a reference, so the header is live.
    let header = unsafe { header(ptr) };
    if header.state.ref_dec() {
        // SAFETY: that was the last reference.
        unsafe { (header.vtable.dealloc)(task_ptr(ptr)) }
    }
}

unsafe fn wake_by_val(ptr: *const ()) {
    // SAFETY: this waker owns a reference, so the header is live.
    let header = unsafe { header(ptr) };
    let raw = task_ptr(ptr);
    match header.state.transition_to_notified_by_val() {
        // SAFETY: our reference became the `Notified`'s.
        TransitionToNotified::Submit => unsafe { (header.vtable.schedule)(raw) },
        // SAFETY: that was the last reference.
        TransitionToNotified::Dealloc => unsafe { (header.vtable.dealloc)(raw) },
        TransitionToNotified::DoNothing => {}
    }
}

unsafe fn wake_by_ref(ptr: *const ()) {
    // SAFETY: the waker being used keeps the task alive.
    let header = unsafe { header(ptr) };
    if header.state.transition_to_notified_by_ref() == TransitionToNotified::Submit {
        // SAFETY: the transition created a reference for the `Notified`.
        unsafe { (header.vtable.schedule)(task_ptr(ptr)) }
    }
}
