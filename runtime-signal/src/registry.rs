//! The broadcast table: for each signal number, whether a delivery is
//! pending, how many broadcasts happened, and who waits for the next one.
//!
//! # The three steps of a delivery
//!
//! 1. The signal handler calls [`Table::record`]: one atomic store to the
//!    signal's `pending` flag. Nothing else here is async-signal-safe, and
//!    the handler touches nothing else.
//! 2. A runtime's signal driver, once it has read the wake-up byte the
//!    handler wrote, calls [`Table::broadcast`]: every flag found set is
//!    cleared, the signal's `version` counter goes up by one, and the wakers
//!    of its listeners are taken and woken.
//! 3. A listener ([`Listener`], inside a `Signal`) remembers the version it
//!    saw last. [`Table::poll`] reports one notification when the version
//!    moved, however far.
//!
//! So deliveries coalesce twice: several signals before one broadcast set
//! the same flag, and several broadcasts before one poll are one version
//! change. A listener starts at the version current when it is created and
//! so never hears of a broadcast that came before it.
//!
//! # Invariants
//!
//! * `version` only changes in `broadcast`, before the waiters lock is taken.
//!   A listener compares the version (and its driver's shutdown flag) *under
//!   that lock* before it stores its waker, so either it sees the new
//!   version, or its waker is in place when `broadcast` (or a shutdown's
//!   [`Table::wake_owner`]) takes the wakers. No wake-up is lost; the loom
//!   models in `loom_registry` check it.
//! * Each listener owns one waiter slot from [`Table::listen`] until
//!   [`Table::unlisten`]; re-polling replaces the waker in its slot, so the
//!   waiter list never grows with the number of polls.

use std::task::{Context, Poll, Waker};

use runtime_core::loom::sync::Mutex;
use runtime_core::loom::sync::atomic::{
    AtomicBool, AtomicUsize,
    Ordering::{AcqRel, Acquire, SeqCst},
};

/// The per-signal state, indexed by signal number.
#[derive(Debug)]
pub(crate) struct Table {
    events: Box<[Event]>,
}

#[derive(Debug)]
struct Event {
    /// Set by the signal handler, cleared by the broadcast that reports it.
    pending: AtomicBool,
    /// The number of broadcasts of this signal so far (wrapping).
    version: AtomicUsize,
    waiters: Mutex<Waiters>,
}

/// Waiter slots; a slot is `Some` while a listener owns it.
#[derive(Debug, Default)]
struct Waiters {
    slots: Vec<Option<Waiter>>,
    free: Vec<usize>,
}

#[derive(Debug)]
struct Waiter {
    /// The driver the listener belongs to (see [`Table::listen`]).
    owner: usize,
    waker: Option<Waker>,
}

/// One listener's place in the table.
#[derive(Debug)]
pub(crate) struct Listener {
    id: usize,
    slot: usize,
    seen: usize,
}

impl Table {
    /// A table for the signal numbers `0..len`.
    pub(crate) fn new(len: usize) -> Table {
        let events = (0..len)
            .map(|_| Event {
                pending: AtomicBool::new(false),
                version: AtomicUsize::new(0),
                waiters: Mutex::new(Waiters::default()),
            })
            .collect();
        Table { events }
    }

    /// Notes that signal `id` was delivered. Async-signal-safe: one atomic
    /// store, no lock, no allocation. Out-of-range ids are ignored.
    pub(crate) fn record(&self, id: usize) {
        if let Some(event) = self.events.get(id) {
            event.pending.store(true, SeqCst);
        }
    }

    /// Reports every recorded delivery to its listeners. Returns whether any
    /// signal was pending.
    pub(crate) fn broadcast(&self) -> bool {
        let mut any = false;
        for event in self.events.iter() {
            if !event.pending.swap(false, SeqCst) {
                continue;
            }
            any = true;
            event.version.fetch_add(1, AcqRel);
            event.wake_matching(&mut Vec::new(), |_| true);
        }
        any
    }

    /// Wakes every waiting listener of `owner`, of every signal, without a
    /// new version: that driver shut down, and its listeners must look.
    pub(crate) fn wake_owner(&self, owner: usize) {
        let mut wakers = Vec::new();
        for event in self.events.iter() {
            event.wake_matching(&mut wakers, |waiter| waiter.owner == owner);
        }
    }

    /// A new listener for signal `id`, which hears of broadcasts from now on.
    /// `owner` names its driver, for [`wake_owner`](Table::wake_owner).
    ///
    /// # Panics
    ///
    /// If `id` is out of range (the caller checked it).
    pub(crate) fn listen(&self, id: usize, owner: usize) -> Listener {
        let event = &self.events[id];
        let mut waiters = event.waiters.lock();
        let waiter = Waiter { owner, waker: None };
        let slot = match waiters.free.pop() {
            Some(slot) => {
                waiters.slots[slot] = Some(waiter);
                slot
            }
            None => {
                waiters.slots.push(Some(waiter));
                waiters.slots.len() - 1
            }
        };
        let seen = event.version.load(Acquire);
        Listener { id, slot, seen }
    }

    /// Gives `listener`'s slot back.
    pub(crate) fn unlisten(&self, listener: &Listener) {
        let mut waiters = self.events[listener.id].waiters.lock();
        let slot = waiters.slots[listener.slot].take();
        waiters.free.push(listener.slot);
        // Its waker drops after the lock, as in `poll`.
        drop(waiters);
        drop(slot);
    }

    /// `Ready(Some(()))` when a broadcast happened since the listener last
    /// saw one; otherwise `Ready(None)` if `gone()` says its driver shut
    /// down; otherwise stores the waker and returns `Pending`.
    pub(crate) fn poll(
        &self,
        listener: &mut Listener,
        cx: &mut Context<'_>,
        gone: impl FnOnce() -> bool,
    ) -> Poll<Option<()>> {
        let event = &self.events[listener.id];
        let version = event.version.load(Acquire);
        if version != listener.seen {
            listener.seen = version;
            return Poll::Ready(Some(()));
        }
        let mut waiters = event.waiters.lock();
        // Checked again under the lock: see the module docs.
        let version = event.version.load(Acquire);
        if version != listener.seen {
            listener.seen = version;
            return Poll::Ready(Some(()));
        }
        if gone() {
            return Poll::Ready(None);
        }
        let waiter = waiters.slots[listener.slot]
            .as_mut()
            .expect("a listener owns its slot until it is dropped");
        let stale = match &waiter.waker {
            Some(waker) if waker.will_wake(cx.waker()) => None,
            _ => waiter.waker.replace(cx.waker().clone()),
        };
        // The replaced waker drops after the lock: its drop may run code
        // that polls or drops a listener of this signal.
        drop(waiters);
        drop(stale);
        Poll::Pending
    }

    /// The number of listeners of signal `id` (for tests).
    #[cfg(all(test, not(runtime_loom)))]
    pub(crate) fn listeners(&self, id: usize) -> usize {
        let waiters = self.events[id].waiters.lock();
        waiters.slots.iter().filter(|slot| slot.is_some()).count()
    }
}

impl Event {
    /// Takes the wakers of this event's waiters that `select` picks (into
    /// `buf`, reused) and wakes them after the lock is released.
    fn wake_matching(&self, buf: &mut Vec<Waker>, select: impl Fn(&Waiter) -> bool) {
        {
            let mut waiters = self.waiters.lock();
            buf.extend(
                waiters
                    .slots
                    .iter_mut()
                    .flatten()
                    .filter(|waiter| select(waiter))
                    .filter_map(|waiter| waiter.waker.take()),
            );
        }
        for waker in buf.drain(..) {
            waker.wake();
        }
    }
}

#[cfg(all(test, not(runtime_loom)))]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::task::Wake;

    struct Count(AtomicUsize);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, SeqCst);
        }
    }

    fn counter() -> (Arc<Count>, Waker) {
        let count = Arc::new(Count(AtomicUsize::new(0)));
        (count.clone(), Waker::from(count))
    }

    fn poll(table: &Table, l: &mut Listener, waker: &Waker) -> Poll<Option<()>> {
        table.poll(l, &mut Context::from_waker(waker), || false)
    }

    #[test]
    fn deliveries_coalesce_and_reach_every_listener() {
        let table = Table::new(4);
        let (count, waker) = counter();
        let mut a = table.listen(1, 0);
        let mut b = table.listen(1, 0);
        let mut other = table.listen(2, 0);
        assert_eq!(poll(&table, &mut a, &waker), Poll::Pending);
        assert_eq!(poll(&table, &mut b, &waker), Poll::Pending);
        assert_eq!(poll(&table, &mut other, &waker), Poll::Pending);

        table.record(1);
        table.record(1);
        assert!(table.broadcast());
        // Both waiters of signal 1 woken, once each; signal 2's not.
        assert_eq!(count.0.load(SeqCst), 2);
        assert_eq!(poll(&table, &mut a, &waker), Poll::Ready(Some(())));
        assert_eq!(poll(&table, &mut a, &waker), Poll::Pending);
        assert_eq!(poll(&table, &mut b, &waker), Poll::Ready(Some(())));
        assert_eq!(poll(&table, &mut other, &waker), Poll::Pending);

        // Two broadcasts before a poll are one notification.
        table.record(1);
        assert!(table.broadcast());
        table.record(1);
        assert!(table.broadcast());
        assert_eq!(poll(&table, &mut b, &waker), Poll::Ready(Some(())));
        assert_eq!(poll(&table, &mut b, &waker), Poll::Pending);
        // Nothing pending: nothing to broadcast.
        assert!(!table.broadcast());
    }

    #[test]
    fn a_late_listener_does_not_hear_earlier_broadcasts() {
        let table = Table::new(2);
        let (_, waker) = counter();
        table.record(1);
        table.broadcast();
        let mut late = table.listen(1, 0);
        assert_eq!(poll(&table, &mut late, &waker), Poll::Pending);
    }

    #[test]
    fn gone_is_reported_after_the_last_notification() {
        let table = Table::new(2);
        let (count, waker) = counter();
        let mut l = table.listen(1, 0);
        assert_eq!(poll(&table, &mut l, &waker), Poll::Pending);
        table.record(1);
        table.broadcast();
        let mut cx = Context::from_waker(&waker);
        assert_eq!(table.poll(&mut l, &mut cx, || true), Poll::Ready(Some(())));
        assert_eq!(table.poll(&mut l, &mut cx, || true), Poll::Ready(None));
        // wake_owner reaches a waiting listener of that owner without a
        // version change, and only those.
        let mut other = table.listen(1, 7);
        assert_eq!(poll(&table, &mut l, &waker), Poll::Pending);
        assert_eq!(poll(&table, &mut other, &waker), Poll::Pending);
        let before = count.0.load(SeqCst);
        table.wake_owner(0);
        assert_eq!(count.0.load(SeqCst), before + 1);
        table.wake_owner(7);
        assert_eq!(count.0.load(SeqCst), before + 2);
    }

    #[test]
    fn slots_are_reused_and_repolls_do_not_grow() {
        let table = Table::new(2);
        let (_, waker) = counter();
        let mut a = table.listen(1, 0);
        for _ in 0..10 {
            assert_eq!(poll(&table, &mut a, &waker), Poll::Pending);
        }
        assert_eq!(table.listeners(1), 1);
        let b = table.listen(1, 0);
        table.unlisten(&a);
        assert_eq!(table.listeners(1), 1);
        let c = table.listen(1, 0);
        assert_eq!(c.slot, a.slot);
        table.unlisten(&b);
        table.unlisten(&c);
        assert_eq!(table.listeners(1), 0);
        // Records out of range are ignored.
        table.record(99);
        assert!(!table.broadcast());
    }
}
