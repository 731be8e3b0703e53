//! A waker slot that one owner fills and another thread empties, without a
//! lock: how a timer entry hands its task's waker to the driver.
//!
//! The owner (the `Sleep` being polled) calls [`AtomicWaker::register`];
//! the driver, after marking the entry fired, calls [`AtomicWaker::take`].
//! A small state word serialises the two:
//!
//! * `WAITING`: nobody is touching the slot.
//! * `REGISTERING`: the owner is writing the slot.
//! * `WAKING`: a taker has claimed the slot (or is waiting for the owner to
//!   finish writing it).
//!
//! If `take` arrives while the owner is registering, it sets `WAKING` and
//! returns `None`; the owner notices `WAKING` when it finishes and wakes its
//! own waker. If `register` arrives while a take is in progress, it wakes
//! the new waker at once. Either way a waker registered before the fired
//! flag becomes visible is woken exactly once: the caller's protocol is
//! "set the flag, then take" on one side and "register, then check the
//! flag" on the other, and every transition of the state word is an
//! acquire-release read-modify-write, so the side that comes second sees
//! what the first did.

use std::fmt;
use std::task::Waker;

use runtime_core::loom::cell::UnsafeCell;
use runtime_core::loom::sync::atomic::AtomicUsize;
use runtime_core::loom::sync::atomic::Ordering::{AcqRel, Acquire, Release};

const WAITING: usize = 0;
const REGISTERING: usize = 0b01;
const WAKING: usize = 0b10;

pub(crate) struct AtomicWaker {
    state: AtomicUsize,
    waker: UnsafeCell<Option<Waker>>,
}

// SAFETY: the `waker` cell is only read or written by the thread that moved
// the state word out of `WAITING` (into `REGISTERING` or `WAKING`), so at
// most one thread touches it at a time; `Waker` itself is `Send + Sync`.
unsafe impl Send for AtomicWaker {}
// SAFETY: see the `Send` impl: the state word grants exclusive access to the
// cell.
unsafe impl Sync for AtomicWaker {}

impl AtomicWaker {
    pub(crate) fn new() -> Self {
        AtomicWaker {
            state: AtomicUsize::new(WAITING),
            waker: UnsafeCell::new(None),
        }
    }

    /// Stores `waker` to be woken by the next [`take`](Self::take).
    ///
    /// Only one thread may call `register` at a time (the entry's owner,
    /// through `&mut` access); `take` may be called concurrently from any
    /// thread.
    pub(crate) fn register(&self, waker: &Waker) {
        match self
            .state
            .compare_exchange(WAITING, REGISTERING, Acquire, Acquire)
            .unwrap_or_else(|actual| actual)
        {
            WAITING => {
                // SAFETY: we moved the state from WAITING to REGISTERING, so
                // no other thread reads or writes the cell until we leave
                // REGISTERING.
                let old = self.waker.with_mut(|slot| unsafe {
                    match &*slot {
                        Some(current) if current.will_wake(waker) => None,
                        _ => (*slot).replace(waker.clone()),
                    }
                });
                match self
                    .state
                    .compare_exchange(REGISTERING, WAITING, AcqRel, Acquire)
                {
                    Ok(_) => drop(old),
                    Err(_) => {
                        // A take arrived while we were writing (the state is
                        // REGISTERING | WAKING): it left the waker to us.
                        // SAFETY: the taker backed off without touching the
                        // cell; we still own it until we reset the state.
                        let ours = self.waker.with_mut(|slot| unsafe { (*slot).take() });
                        self.state.swap(WAITING, AcqRel);
                        drop(old);
                        if let Some(ours) = ours {
                            ours.wake();
                        }
                    }
                }
            }
            WAKING => {
                // A take is in progress and may already have missed us:
                // wake the new waker directly.
                waker.wake_by_ref();
            }
            state => {
                // REGISTERING (| WAKING): a concurrent register, which the
                // single-owner contract rules out.
                debug_assert_eq!(state & REGISTERING, REGISTERING);
                waker.wake_by_ref();
            }
        }
    }

    /// Removes and returns the registered waker, if any, for the caller to
    /// wake. Returns `None` if a concurrent `register` will wake it instead.
    pub(crate) fn take(&self) -> Option<Waker> {
        match self.state.fetch_or(WAKING, AcqRel) {
            WAITING => {
                // SAFETY: we moved the state from WAITING to WAKING, which
                // gives us exclusive access to the cell until we clear it.
                let waker = self.waker.with_mut(|slot| unsafe { (*slot).take() });
                self.state.fetch_and(!WAKING, Release);
                waker
            }
            _ => None,
        }
    }
}

impl fmt::Debug for AtomicWaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AtomicWaker").finish_non_exhaustive()
    }
}

#[cfg(all(test, not(runtime_loom)))]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize as StdAtomicUsize, Ordering};
    use std::task::Wake;

    struct Counter(StdAtomicUsize);
    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn register_then_take_returns_the_latest_waker() {
        let first = Arc::new(Counter(StdAtomicUsize::new(0)));
        let second = Arc::new(Counter(StdAtomicUsize::new(0)));
        let slot = AtomicWaker::new();
        slot.register(&Waker::from(first.clone()));
        slot.register(&Waker::from(second.clone()));
        slot.take().expect("a waker was registered").wake();
        assert_eq!(first.0.load(Ordering::SeqCst), 0);
        assert_eq!(second.0.load(Ordering::SeqCst), 1);
        assert!(slot.take().is_none());
    }

    #[test]
    fn same_waker_is_not_cloned_again() {
        let counter = Arc::new(Counter(StdAtomicUsize::new(0)));
        let waker = Waker::from(counter.clone());
        let slot = AtomicWaker::new();
        slot.register(&waker);
        let strong = Arc::strong_count(&counter);
        slot.register(&waker);
        assert_eq!(Arc::strong_count(&counter), strong);
        drop(slot);
        assert_eq!(Arc::strong_count(&counter), strong - 1);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_atomic_waker {
    use super::*;
    use runtime_core::loom::sync::Arc;
    use runtime_core::loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
    use runtime_core::loom::thread;
    use std::task::Wake;

    struct Counter(AtomicUsize);
    impl Wake for Counter {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, SeqCst);
        }
    }

    /// A flag set then taken on one thread, registered then checked on the
    /// other: the owner either sees the flag or is woken, never neither.
    #[test]
    fn loom_take_racing_register_never_loses_the_wake() {
        runtime_core::loom::model(|| {
            let slot = Arc::new((AtomicWaker::new(), AtomicBool::new(false)));
            let counter = std::sync::Arc::new(Counter(AtomicUsize::new(0)));
            let waker = Waker::from(counter.clone());

            let other = slot.clone();
            let th = thread::spawn(move || {
                other.1.store(true, SeqCst);
                if let Some(w) = other.0.take() {
                    w.wake();
                }
            });

            slot.0.register(&waker);
            let saw_flag = slot.1.load(SeqCst);
            th.join().unwrap();
            let woken = counter.0.load(SeqCst);
            assert!(saw_flag || woken == 1, "lost wake-up");
            assert!(woken <= 1);
        });
    }
}
