//! A waker that records whether it was woken.
//!
//! The waker is an `Arc<WakeState>` behind a hand-written [`RawWaker`]
//! vtable (rather than `std::task::Wake`) so that it goes through the loom
//! shim's `Arc` like every other shared state in the workspace, and so that
//! [`Spawn::waker_ref_count`](super::Spawn::waker_ref_count) can report the
//! `Arc`'s strong count: the one held by the task plus one per live
//! `Waker`.
//!
//! `woken` is a flag behind a mutex: `wake` sets it, `clear` resets it
//! before each poll, and the test reads it between polls.

use std::mem::ManuallyDrop;
use std::task::{RawWaker, RawWakerVTable, Waker};

use runtime_core::loom::sync::{Arc, Mutex};

/// What every clone of a counting waker shares.
#[derive(Debug, Default)]
pub(crate) struct WakeState {
    woken: Mutex<bool>,
}

impl WakeState {
    pub(crate) fn new() -> Arc<WakeState> {
        Arc::new(WakeState::default())
    }

    /// Whether a wake happened since the last [`clear`](WakeState::clear).
    pub(crate) fn is_woken(&self) -> bool {
        *self.woken.lock()
    }

    /// Forgets past wake-ups.
    pub(crate) fn clear(&self) {
        *self.woken.lock() = false;
    }

    fn wake(&self) {
        *self.woken.lock() = true;
    }
}

/// A [`Waker`] that wakes `state`.
pub(crate) fn waker(state: &Arc<WakeState>) -> Waker {
    let raw = Arc::into_raw(state.clone()).cast::<()>();
    // SAFETY: `raw` comes from `Arc::into_raw` of an `Arc<WakeState>`, which
    // is what every function of `VTABLE` expects; the reference it owns is
    // released by `drop_waker` (or handed on by `wake`).
    unsafe { Waker::from_raw(RawWaker::new(raw, &VTABLE)) }
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone_waker, wake, wake_by_ref, drop_waker);

/// Borrows the `Arc` behind `ptr` without touching its count.
///
/// # Safety
///
/// `ptr` must come from `Arc::<WakeState>::into_raw` and its reference must
/// still be alive.
unsafe fn borrow(ptr: *const ()) -> ManuallyDrop<Arc<WakeState>> {
    // SAFETY: the caller guarantees `ptr` is a live `Arc<WakeState>` pointer;
    // `ManuallyDrop` keeps us from releasing the reference we only borrow.
    ManuallyDrop::new(unsafe { Arc::from_raw(ptr.cast::<WakeState>()) })
}

unsafe fn clone_waker(ptr: *const ()) -> RawWaker {
    // SAFETY: `ptr` is the data pointer of one of our wakers, so it is a live
    // `Arc<WakeState>` pointer (vtable contract).
    let arc = unsafe { borrow(ptr) };
    let clone = Arc::into_raw(Arc::clone(&arc)).cast::<()>();
    RawWaker::new(clone, &VTABLE)
}

unsafe fn wake(ptr: *const ()) {
    // SAFETY: `wake` consumes the waker, so we take over its reference and
    // release it when `arc` goes out of scope.
    let arc = unsafe { Arc::from_raw(ptr.cast::<WakeState>()) };
    arc.wake();
}

unsafe fn wake_by_ref(ptr: *const ()) {
    // SAFETY: `ptr` is a live `Arc<WakeState>` pointer (vtable contract).
    let arc = unsafe { borrow(ptr) };
    arc.wake();
}

unsafe fn drop_waker(ptr: *const ()) {
    // SAFETY: the waker is being dropped: release the reference it owned.
    drop(unsafe { Arc::from_raw(ptr.cast::<WakeState>()) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_references_and_wakes() {
        let state = WakeState::new();
        assert_eq!(Arc::strong_count(&state), 1);

        let w1 = waker(&state);
        let w2 = w1.clone();
        assert_eq!(Arc::strong_count(&state), 3);
        assert!(!state.is_woken());

        w2.wake_by_ref();
        assert!(state.is_woken());
        state.clear();
        assert!(!state.is_woken());

        w2.wake();
        assert!(state.is_woken());
        assert_eq!(Arc::strong_count(&state), 2);

        drop(w1);
        assert_eq!(Arc::strong_count(&state), 1);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_waker {
    use super::*;

    use runtime_core::loom::{model, thread};

    /// A wake by value on another thread, racing with `clear`: once both
    /// are done the flag is set iff the wake came last, and the waker's
    /// reference is released either way.
    #[test]
    fn loom_wake_races_clear() {
        model(|| {
            let state = WakeState::new();
            let w = waker(&state);
            let th = thread::spawn(move || w.wake());
            state.clear();
            let woken_after_clear = state.is_woken();
            th.join().unwrap();
            // The wake happened before the join: if it was not visible
            // after the clear, it came before the clear.
            assert!(state.is_woken() || !woken_after_clear);
            assert_eq!(Arc::strong_count(&state), 1);
        });
    }

    /// A wake on one thread and a waker dropped on another: the flag ends
    /// set and the count is exact.
    #[test]
    fn loom_wake_by_ref_and_clone_from_two_threads() {
        model(|| {
            let state = WakeState::new();
            let w1 = waker(&state);
            let w2 = w1.clone();
            let t1 = thread::spawn(move || w1.wake_by_ref());
            let t2 = thread::spawn(move || drop(w2));
            t1.join().unwrap();
            t2.join().unwrap();
            assert!(state.is_woken());
            assert_eq!(Arc::strong_count(&state), 1);
        });
    }
}
