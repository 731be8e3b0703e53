//! The timer entry: the node a `Sleep` owns and the wheel links in.
//!
//! Every `Sleep` embeds one [`TimerShared`]. The wheel keeps raw pointers
//! to it in its slot lists, so a registered entry must not move (the
//! `Sleep` is `!Unpin`) and must be unlinked before it is freed (the
//! owner's drop does it). There is no allocation per timer: the node lives
//! inside the future.
//!
//! # Who touches what
//!
//! * `links` (list pointers, the deadline tick, where the entry is linked):
//!   only under the wheel lock, by whoever holds it: the driver firing
//!   timers, or the owner registering, resetting or cancelling.
//! * `state` (an atomic word): written by whoever fires the entry, under the
//!   wheel lock; read without the lock by the owner's `poll` and `drop`.
//! * `waker` (an [`AtomicWaker`]): registered by the owner without the lock,
//!   taken by the firing thread under the lock.
//!
//! # The state word
//!
//! | bits | meaning |
//! |---|---|
//! | `0` | pending: not fired since the last (re)registration |
//! | `FIRED` | the deadline passed (or the driver shut down); `poll` returns `Ready`. The firing thread may still be taking the waker. |
//! | `FIRED \| DONE` | as `FIRED`, and the firing thread will not touch the entry again: the owner may free it without taking the lock |
//! | `ERROR` (with `FIRED`) | fired by shutdown rather than by its deadline |
//!
//! Firing is: unlink, store `FIRED`, take the waker, store `FIRED | DONE`,
//! all under the lock; wake the waker after releasing it. Setting `FIRED`
//! before taking the waker is what makes the owner's "register the waker,
//! then check the state" see one or the other. Storing `DONE` last (with
//! release ordering) is what lets a dropping owner that observes `DONE` skip
//! the lock; an owner that observes `FIRED` alone takes the lock, which the
//! firing thread holds until it is done.
//!
//! The owner resets `state` to pending only under the lock, where no
//! firing can be in progress.

use std::fmt;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll, Waker};

use runtime_core::loom::cell::UnsafeCell;
use runtime_core::loom::sync::atomic::AtomicUsize;
use runtime_core::loom::sync::atomic::Ordering::{Acquire, Relaxed, Release};

use crate::Instant;
use crate::driver::atomic_waker::AtomicWaker;
use crate::driver::handle::TimeHandle;
use crate::error::Error;

const FIRED: usize = 0b001;
const DONE: usize = 0b010;
const ERROR: usize = 0b100;

/// Where a linked entry sits: `level * SLOTS + slot` in the wheel, or one of
/// the two markers below.
pub(crate) type Location = u16;
/// Not linked into any list.
pub(crate) const UNLINKED: Location = u16::MAX;
/// Linked into the wheel's list of entries due now, waiting to be fired.
pub(crate) const PENDING: Location = u16::MAX - 1;
/// Linked into the wheel's list of entries beyond the top level's span.
pub(crate) const OVERFLOW: Location = u16::MAX - 2;

/// The part of an entry that the wheel's lists use; guarded by the wheel
/// lock.
#[derive(Debug)]
pub(crate) struct Links {
    pub(crate) prev: Option<NonNull<TimerShared>>,
    pub(crate) next: Option<NonNull<TimerShared>>,
    /// The deadline, in driver ticks (milliseconds since the clock's start).
    pub(crate) when: u64,
    pub(crate) location: Location,
}

/// The node embedded in every timer, shared between its owner and the
/// driver. See the module docs for the protocol.
pub(crate) struct TimerShared {
    links: UnsafeCell<Links>,
    state: AtomicUsize,
    waker: AtomicWaker,
    // The wheel holds pointers to this node: it must not move once linked.
    _pinned: PhantomPinned,
}

// SAFETY: `links` is only accessed under the wheel lock (every accessor is an
// `unsafe fn` that requires it), and the rest is atomics; the raw pointers in
// `links` point at other nodes guarded by the same lock.
unsafe impl Send for TimerShared {}
// SAFETY: as for `Send`: shared access goes through the lock or atomics.
unsafe impl Sync for TimerShared {}

impl TimerShared {
    pub(crate) fn new() -> Self {
        TimerShared {
            links: UnsafeCell::new(Links {
                prev: None,
                next: None,
                when: 0,
                location: UNLINKED,
            }),
            state: AtomicUsize::new(0),
            waker: AtomicWaker::new(),
            _pinned: PhantomPinned,
        }
    }

    /// Runs `f` on the entry's list links.
    ///
    /// # Safety
    ///
    /// The caller holds the lock of the wheel this entry is (or is about to
    /// be) linked into, and `f` does not call `with_links` on this entry
    /// again.
    pub(crate) unsafe fn with_links<R>(&self, f: impl FnOnce(&mut Links) -> R) -> R {
        // SAFETY: the caller holds the wheel lock, which serialises every
        // access to `links`; no other reference to it is live.
        self.links.with_mut(|links| f(unsafe { &mut *links }))
    }

    /// Marks the entry pending again, ready to be (re)linked.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock and the entry is not linked.
    pub(crate) unsafe fn set_pending(&self) {
        // Relaxed: the lock orders this store against every firing, and the
        // owner (the only lock-free reader) is the caller.
        self.state.store(0, Relaxed);
    }

    /// Fires the entry: marks it fired and returns its waker for the caller
    /// to wake once the lock is released.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock and has already unlinked the entry,
    /// which is pending (not fired since its last registration).
    pub(crate) unsafe fn fire(&self, result: Result<(), Error>) -> Option<Waker> {
        let fired = if result.is_ok() { FIRED } else { FIRED | ERROR };
        // Release: pairs with the owner's acquire load in `poll_fired`, the
        // other half of the AtomicWaker protocol.
        self.state.store(fired, Release);
        let waker = self.waker.take();
        // Release: everything this thread did to the entry happens-before an
        // owner that observes DONE and frees the entry without the lock.
        self.state.store(fired | DONE, Release);
        waker
    }

    /// Whether the entry has fired since its last registration.
    pub(crate) fn is_fired(&self) -> bool {
        self.state.load(Acquire) & FIRED != 0
    }

    /// Whether the firing thread is done with the entry, so that it may be
    /// freed without taking the lock.
    pub(crate) fn is_done(&self) -> bool {
        self.state.load(Acquire) & DONE != 0
    }

    /// Returns the entry's result if it has fired; otherwise registers
    /// `waker` to be woken when it does.
    pub(crate) fn poll_fired(&self, waker: &Waker) -> Poll<Result<(), Error>> {
        if let Some(result) = Self::result(self.state.load(Acquire)) {
            return Poll::Ready(result);
        }
        self.waker.register(waker);
        // Checked again after registering: a firing that slipped in between
        // either took our waker (and will wake it) or is visible here.
        match Self::result(self.state.load(Acquire)) {
            Some(result) => Poll::Ready(result),
            None => Poll::Pending,
        }
    }

    fn result(state: usize) -> Option<Result<(), Error>> {
        if state & FIRED == 0 {
            None
        } else if state & ERROR != 0 {
            Some(Err(Error::shutdown()))
        } else {
            Some(Ok(()))
        }
    }
}

impl fmt::Debug for TimerShared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerShared")
            .field("state", &self.state.load(Relaxed))
            .finish_non_exhaustive()
    }
}

pin_project_lite::pin_project! {
    /// The owner's side of a timer: the driver handle, whether the node may
    /// be linked, and the node itself. `Sleep` wraps one.
    ///
    /// Registration is lazy: creating an entry touches nothing shared; the
    /// first poll (or a reset of an already registered entry) links it.
    pub(crate) struct TimerEntry {
        handle: TimeHandle,
        // Whether `shared` was registered since the last `deregister`: if
        // false, the node is certainly not linked and has not fired.
        registered: bool,
        #[pin]
        shared: TimerShared,
    }

    impl PinnedDrop for TimerEntry {
        fn drop(this: Pin<&mut Self>) {
            this.deregister();
        }
    }
}

impl TimerEntry {
    pub(crate) fn new(handle: TimeHandle) -> Self {
        TimerEntry {
            handle,
            registered: false,
            shared: TimerShared::new(),
        }
    }

    /// Whether the entry was registered and has fired since.
    pub(crate) fn is_elapsed(&self) -> bool {
        self.registered && self.shared.is_fired()
    }

    /// (Re)registers the entry to fire at `deadline`.
    pub(crate) fn reset(self: Pin<&mut Self>, deadline: Instant) {
        let this = self.project();
        let tick = this.handle.clock().deadline_to_tick(deadline);
        // SAFETY: `shared` is pinned (it stays put until dropped), and our
        // `PinnedDrop` unlinks it before it is freed.
        unsafe { this.handle.register(NonNull::from(&*this.shared), tick) };
        *this.registered = true;
    }

    /// Unlinks the entry if it is linked; the next poll registers it again.
    pub(crate) fn deregister(self: Pin<&mut Self>) {
        let this = self.project();
        if !*this.registered {
            return;
        }
        *this.registered = false;
        if this.shared.is_done() {
            // Fired, and the firing thread is finished with the node.
            return;
        }
        // SAFETY: the node is pinned and was registered with this handle.
        unsafe { this.handle.deregister(NonNull::from(&*this.shared)) };
    }

    /// Polls for the deadline, registering the entry first if needed.
    ///
    /// # Panics
    ///
    /// Panics if the runtime's time driver has shut down.
    pub(crate) fn poll_elapsed(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        deadline: Instant,
    ) -> Poll<Result<(), Error>> {
        if self.handle.is_shutdown() {
            panic!("{}", crate::driver::handle::SHUTDOWN_PANIC);
        }
        if !self.registered {
            self.as_mut().reset(deadline);
        }
        self.project().shared.poll_fired(cx.waker())
    }
}

impl fmt::Debug for TimerEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerEntry")
            .field("registered", &self.registered)
            .field("shared", &self.shared)
            .finish()
    }
}
