//! The time driver's handle: the wheel behind its lock, the clock, and the
//! operations timers perform on them.
//!
//! One `TimeHandle` per runtime, stored in the runtime's driver registry at
//! build time; every timer clones it once, at creation, and keeps it for
//! life. The driver ([`TimeDriver`](super::TimeDriver)) holds the same
//! handle and calls [`process`](TimeHandle::process) after every park.
//!
//! # The lock
//!
//! One mutex guards the wheel, every entry's links, and `next_wake` (the
//! tick the parked driver will wake at, if one is parked). Timers take it to
//! register, reset and cancel (a `Sleep` that is dropped before firing); the
//! driver takes it to fire. Wakers are collected under the lock and woken
//! after it is released, in batches, in deadline order.

use std::fmt;
use std::ptr::NonNull;
use std::task::Waker;

use runtime_core::loom::sync::atomic::{AtomicBool, Ordering};
use runtime_core::loom::sync::{Arc, Mutex};
use runtime_core::runtime::driver::Unpark;

/// The driver seam's unpark handles are std `Arc`s even under loom: handles
/// to a driver, not synchronisation structures, and they must coerce to
/// trait objects (see `Driver::unparker`).
type UnparkArc = std::sync::Arc<dyn Unpark>;

use crate::driver::clock::Clock;
use crate::driver::entry::TimerShared;
use crate::driver::wheel::Wheel;
use crate::error::Error;

/// The panic message when a timer is polled after its runtime shut down.
/// These messages are worded as tokio 1.x's, so that code and tests matching
/// on the text port unchanged.
pub(crate) const SHUTDOWN_PANIC: &str = "A Tokio 1.x context was found, but it is being shutdown.";

/// The panic message when the current runtime has no time driver.
pub(crate) const DISABLED_PANIC: &str = "A Tokio 1.x context was found, but timers are disabled. \
     Call `enable_time` on the runtime builder to enable timers.";

/// The panic message when a timer is created outside any runtime.
pub(crate) const NO_RUNTIME_PANIC: &str =
    "there is no reactor running, must be called from the context of a Tokio 1.x runtime";

/// A cheaply clonable reference to a runtime's time driver.
#[derive(Clone)]
pub(crate) struct TimeHandle {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    locked: Mutex<Locked>,
    clock: Clock,
    is_shutdown: AtomicBool,
    /// Set by every unpark; read (and cleared) by a paused driver to tell
    /// "woken by someone" from "nothing to do" before auto-advancing.
    #[cfg(feature = "test-util")]
    did_wake: Arc<AtomicBool>,
    /// The time driver's unparker. Without `test-util`, exactly the unparker
    /// of the driver below; with it, a wrapper that also sets `did_wake`.
    unpark: UnparkArc,
}

/// The unpark handle the time driver gives the scheduler (with
/// `test-util`).
#[cfg(feature = "test-util")]
struct TimeUnpark {
    did_wake: Arc<AtomicBool>,
    park: UnparkArc,
}

#[cfg(feature = "test-util")]
impl Unpark for TimeUnpark {
    fn unpark(&self) {
        self.did_wake.store(true, Ordering::Release);
        self.park.unpark();
    }

    fn unpark_self(&self) {
        // The runtime was woken all the same: a paused clock must not jump.
        self.did_wake.store(true, Ordering::Release);
        self.park.unpark_self();
    }
}

struct Locked {
    wheel: Wheel,
    /// While the driver is parked: the tick it will wake at (`u64::MAX` when
    /// it waits for no timer). `None` when it is not parked.
    next_wake: Option<u64>,
}

/// Wakers collected under the lock, woken after it.
const BATCH: usize = 32;

struct WakeBatch {
    wakers: [Option<Waker>; BATCH],
    len: usize,
}

impl WakeBatch {
    fn new() -> Self {
        WakeBatch {
            wakers: [const { None }; BATCH],
            len: 0,
        }
    }

    fn push(&mut self, waker: Waker) {
        self.wakers[self.len] = Some(waker);
        self.len += 1;
    }

    fn is_full(&self) -> bool {
        self.len == BATCH
    }

    fn wake_all(&mut self) {
        for slot in &mut self.wakers[..self.len] {
            if let Some(waker) = slot.take() {
                waker.wake();
            }
        }
        self.len = 0;
    }
}

impl TimeHandle {
    pub(crate) fn new(clock: Clock, park: UnparkArc) -> TimeHandle {
        #[cfg(feature = "test-util")]
        let did_wake = Arc::new(AtomicBool::new(false));
        #[cfg(feature = "test-util")]
        let unpark: UnparkArc = std::sync::Arc::new(TimeUnpark {
            did_wake: did_wake.clone(),
            park,
        });
        #[cfg(not(feature = "test-util"))]
        let unpark = park;
        TimeHandle {
            inner: Arc::new(Inner {
                locked: Mutex::new(Locked {
                    wheel: Wheel::new(),
                    next_wake: None,
                }),
                clock,
                is_shutdown: AtomicBool::new(false),
                #[cfg(feature = "test-util")]
                did_wake,
                unpark,
            }),
        }
    }

    /// The current runtime's time handle, for a timer being created.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime built without time; the panic
    /// points at the user's call (`sleep`, `timeout`, ...).
    #[track_caller]
    pub(crate) fn current() -> TimeHandle {
        match crate::driver::context::lookup() {
            crate::driver::context::Lookup::Found(handle) => handle,
            crate::driver::context::Lookup::Disabled => panic!("{DISABLED_PANIC}"),
            crate::driver::context::Lookup::NoRuntime => panic!("{NO_RUNTIME_PANIC}"),
        }
    }

    /// The current runtime's time handle, if there is one.
    #[cfg_attr(not(feature = "test-util"), allow(dead_code))]
    pub(crate) fn try_current() -> Option<TimeHandle> {
        match crate::driver::context::lookup() {
            crate::driver::context::Lookup::Found(handle) => Some(handle),
            _ => None,
        }
    }

    pub(crate) fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    pub(crate) fn is_shutdown(&self) -> bool {
        self.inner.is_shutdown.load(Ordering::Acquire)
    }

    /// The unpark handle of the time driver (for the scheduler).
    pub(crate) fn unparker(&self) -> UnparkArc {
        self.inner.unpark.clone()
    }

    /// Clears and returns the "someone unparked the driver" flag.
    #[cfg(feature = "test-util")]
    pub(crate) fn take_did_wake(&self) -> bool {
        self.inner.did_wake.swap(false, Ordering::AcqRel)
    }

    /// (Re)links `entry` to fire at `tick`, or fires it now if the tick has
    /// passed or the driver is shut down.
    ///
    /// # Safety
    ///
    /// `entry` is live, pinned, and only ever registered with this handle;
    /// its owner unlinks it (with [`deregister`](Self::deregister)) before
    /// freeing it unless it observed it done.
    pub(crate) unsafe fn register(&self, entry: NonNull<TimerShared>, tick: u64) {
        let mut locked = self.inner.locked.lock();
        // SAFETY: the lock is held and the entry is live; if linked, it is
        // linked into this wheel (it is only registered with this handle).
        unsafe { locked.wheel.remove(entry) };
        // SAFETY: lock held, entry unlinked just above.
        unsafe { entry.as_ref().set_pending() };

        let waker = if self.is_shutdown() {
            // SAFETY: lock held, entry unlinked and pending.
            unsafe { entry.as_ref().fire(Err(Error::shutdown())) }
        } else if tick <= locked.wheel.elapsed() {
            // SAFETY: as above.
            unsafe { entry.as_ref().fire(Ok(())) }
        } else {
            // SAFETY: lock held, entry live and unlinked, tick in the future;
            // the caller keeps it live until it is unlinked.
            unsafe { locked.wheel.insert(entry, tick) };
            if locked.next_wake.is_some_and(|wake_at| tick < wake_at) {
                // The parked driver would sleep past this deadline.
                locked.next_wake = Some(tick);
                drop(locked);
                self.inner.unpark.unpark();
            }
            None
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Unlinks `entry` if it is linked.
    ///
    /// # Safety
    ///
    /// `entry` is live and only ever registered with this handle.
    pub(crate) unsafe fn deregister(&self, entry: NonNull<TimerShared>) {
        let mut locked = self.inner.locked.lock();
        // SAFETY: lock held; the entry is live and, if linked, in this wheel.
        unsafe { locked.wheel.remove(entry) };
    }

    /// The tick at which the wheel next has work, recorded as the parked
    /// driver's wake-up tick (`u64::MAX` when there is none).
    pub(crate) fn begin_park(&self) -> Option<u64> {
        let mut locked = self.inner.locked.lock();
        let next = locked.wheel.next_expiration_tick();
        locked.next_wake = Some(next.unwrap_or(u64::MAX));
        next
    }

    /// Fires every timer due at the clock's current time, in deadline order;
    /// returns how many fired.
    pub(crate) fn process(&self) -> usize {
        self.process_at(self.clock().now_tick())
    }

    /// Fires every timer due at tick `now`; returns how many fired.
    pub(crate) fn process_at(&self, now: u64) -> usize {
        let mut fired = 0;
        let mut batch = WakeBatch::new();
        let mut locked = self.inner.locked.lock();
        locked.next_wake = None;
        // SAFETY: the lock is held for every poll and fire.
        while let Some(entry) = unsafe { locked.wheel.poll(now) } {
            fired += 1;
            // SAFETY: the wheel just unlinked the live entry under the lock.
            if let Some(waker) = unsafe { entry.as_ref().fire(Ok(())) } {
                batch.push(waker);
                if batch.is_full() {
                    drop(locked);
                    batch.wake_all();
                    locked = self.inner.locked.lock();
                }
            }
        }
        drop(locked);
        batch.wake_all();
        fired
    }

    /// Marks the driver shut down and fires every pending timer with an
    /// error, so that nothing waits on a driver that is gone.
    pub(crate) fn shutdown(&self) {
        self.inner.is_shutdown.store(true, Ordering::Release);
        let mut batch = WakeBatch::new();
        let mut locked = self.inner.locked.lock();
        // SAFETY: the lock is held for every pop and fire.
        while let Some(entry) = unsafe { locked.wheel.pop_any() } {
            // SAFETY: the wheel just unlinked the live entry under the lock.
            if let Some(waker) = unsafe { entry.as_ref().fire(Err(Error::shutdown())) } {
                batch.push(waker);
                if batch.is_full() {
                    drop(locked);
                    batch.wake_all();
                    locked = self.inner.locked.lock();
                }
            }
        }
        drop(locked);
        batch.wake_all();
    }

    /// Number of timers linked into the wheel.
    #[cfg(test)]
    pub(crate) fn wheel_len(&self) -> usize {
        self.inner.locked.lock().wheel.len()
    }
}

impl fmt::Debug for TimeHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimeHandle")
            .field("clock", &self.inner.clock)
            .field("is_shutdown", &self.is_shutdown())
            .finish_non_exhaustive()
    }
}
