//! [`ScheduledIo`]: the readiness state of one registered I/O resource, shared
//! between the resource (which waits on it) and the reactor (which sets it).
//!
//! # The readiness word
//!
//! One `AtomicUsize` holds everything an operation needs to decide whether to
//! try the system call:
//!
//! ```text
//! bit  0..6   readiness: READABLE WRITABLE READ_CLOSED WRITE_CLOSED PRIORITY ERROR
//! bit  8..24  tick: incremented by every event the reactor delivers
//! bit 24      SHUTDOWN: the driver is gone, every wait ends with an error
//! ```
//!
//! mio is edge-triggered: an event is delivered once, when the socket goes
//! from "would block" to "ready". So readiness is *sticky* here until an
//! operation observes `WouldBlock`, and only then is it cleared. The tick
//! closes the race between those two steps: an operation remembers the tick
//! it saw ([`ReadyEvent::tick`]); when its system call then returns
//! `WouldBlock`, it clears the readiness only if the tick is unchanged. If the
//! reactor delivered a new event in between (the tick moved), the readiness
//! stays set, because the new event may describe data that arrived after the
//! failed call. A stale readiness can therefore cost one extra system call,
//! but can never hide a real one, and can never wake a newer operation with an
//! older event's verdict.
//!
//! The closed bits (`READ_CLOSED`, `WRITE_CLOSED`) are final: clearing never
//! removes them, since a closed half never reopens.
//!
//! # Waiters
//!
//! The poll-style methods (`poll_read_ready` and every `AsyncRead` /
//! `AsyncWrite` implementation) keep one waker per direction, `reader` and
//! `writer`, as tokio documents: only the most recent caller per direction is
//! woken. The `async fn` forms (`readable()`, `ready()`, `AsyncFd::readable`)
//! may be awaited by many tasks at once, so each pending [`Readiness`] future
//! owns an entry in a small list, removed when the future completes or is
//! dropped.
//!
//! The waiters sit behind a mutex. Ordering with the reactor: the reactor
//! first updates the word, then takes the mutex to collect wakers; a waiter
//! takes the mutex, re-reads the word, and only then stores its waker. Either
//! the waiter sees the new readiness, or the reactor finds its waker: no
//! wake-up is lost. Wakers are never called with the mutex held (they are
//! returned to the caller in a [`WakeList`]).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use runtime_core::loom::sync::Mutex;
use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering::AcqRel, Ordering::Acquire};

/// Readiness bits, in the word and in [`ReadyEvent::ready`].
pub(crate) mod bits {
    pub(crate) const READABLE: usize = 0b00_0001;
    pub(crate) const WRITABLE: usize = 0b00_0010;
    pub(crate) const READ_CLOSED: usize = 0b00_0100;
    pub(crate) const WRITE_CLOSED: usize = 0b00_1000;
    pub(crate) const PRIORITY: usize = 0b01_0000;
    pub(crate) const ERROR: usize = 0b10_0000;
    /// Every readiness bit.
    pub(crate) const ALL: usize = 0b11_1111;

    /// What wakes a read-side waiter: data, or the read half closing.
    pub(crate) const READ_MASK: usize = READABLE | READ_CLOSED;
    /// What wakes a write-side waiter: room, or the write half closing.
    pub(crate) const WRITE_MASK: usize = WRITABLE | WRITE_CLOSED;
    /// What wakes a priority waiter.
    #[cfg(test)]
    pub(crate) const PRIORITY_MASK: usize = PRIORITY | READ_CLOSED;
}

const TICK_SHIFT: u32 = 8;
const TICK_MASK: usize = 0xFFFF << TICK_SHIFT;
const SHUTDOWN: usize = 1 << 24;

/// The side of a resource an operation works on; selects the waker slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Read,
    Write,
}

impl Direction {
    /// The readiness bits that let an operation in this direction proceed.
    pub(crate) fn mask(self) -> usize {
        match self {
            Direction::Read => bits::READ_MASK | bits::ERROR,
            Direction::Write => bits::WRITE_MASK | bits::ERROR,
        }
    }
}

/// What an operation saw when it found the resource ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReadyEvent {
    /// The tick of the readiness word at that moment.
    pub(crate) tick: u16,
    /// The readiness bits it was interested in that were set.
    pub(crate) ready: usize,
    /// Whether the driver has shut down.
    pub(crate) is_shutdown: bool,
}

/// Wakers collected under a lock, to be called once it is released.
#[derive(Debug, Default)]
pub(crate) struct WakeList {
    wakers: Vec<Waker>,
}

impl WakeList {
    pub(crate) fn push(&mut self, waker: Waker) {
        self.wakers.push(waker);
    }

    /// Wakes every collected waker, keeping the allocation for reuse.
    pub(crate) fn wake_all(&mut self) {
        for waker in self.wakers.drain(..) {
            waker.wake();
        }
    }
}

#[derive(Debug)]
struct ListEntry {
    id: usize,
    mask: usize,
    waker: Option<Waker>,
}

#[derive(Debug, Default)]
struct Waiters {
    reader: Option<Waker>,
    writer: Option<Waker>,
    list: Vec<ListEntry>,
    next_id: usize,
}

/// The shared readiness state of one registration.
#[derive(Debug)]
pub(crate) struct ScheduledIo {
    readiness: AtomicUsize,
    waiters: Mutex<Waiters>,
}

impl Default for ScheduledIo {
    fn default() -> Self {
        ScheduledIo {
            readiness: AtomicUsize::new(0),
            waiters: Mutex::new(Waiters::default()),
        }
    }
}

fn tick_of(word: usize) -> u16 {
    ((word & TICK_MASK) >> TICK_SHIFT) as u16
}

impl ScheduledIo {
    /// Records an event from the reactor: sets `ready` bits, advances the
    /// tick, and moves the wakers of every waiter the event concerns into
    /// `wake`.
    pub(crate) fn set_readiness(&self, ready: usize, wake: &mut WakeList) {
        let ready = ready & bits::ALL;
        let _ = self.readiness.fetch_update(AcqRel, Acquire, |word| {
            let tick = tick_of(word).wrapping_add(1) as usize;
            Some((word & !TICK_MASK) | ready | (tick << TICK_SHIFT))
        });
        self.collect_wakers(ready, wake);
    }

    /// Marks the resource ready in `ready`'s directions without an event
    /// from the reactor, for a resource whose state is known when it is
    /// created (an accepted socket usually holds the peer's first bytes and
    /// is writable). A wrong guess costs one `WouldBlock`, which clears the
    /// bits as usual. The tick is left alone, so an event the reactor
    /// delivers meanwhile is not mistaken for this guess; after shutdown
    /// nothing changes. Nobody waits on a resource this new, so there is no
    /// one to wake.
    pub(crate) fn assume_ready(&self, ready: usize) {
        let ready = ready & bits::ALL;
        let _ = self.readiness.fetch_update(AcqRel, Acquire, |word| {
            (word & SHUTDOWN == 0).then_some(word | ready)
        });
    }

    /// Marks the resource as shut down and collects every waker.
    pub(crate) fn shutdown(&self, wake: &mut WakeList) {
        self.readiness.fetch_or(SHUTDOWN, AcqRel);
        self.collect_wakers(usize::MAX, wake);
    }

    fn collect_wakers(&self, ready: usize, wake: &mut WakeList) {
        let mut waiters = self.waiters.lock();
        if ready & Direction::Read.mask() != 0 {
            if let Some(waker) = waiters.reader.take() {
                wake.push(waker);
            }
        }
        if ready & Direction::Write.mask() != 0 {
            if let Some(waker) = waiters.writer.take() {
                wake.push(waker);
            }
        }
        for entry in waiters.list.iter_mut() {
            if entry.mask & ready != 0 {
                if let Some(waker) = entry.waker.take() {
                    wake.push(waker);
                }
            }
        }
    }

    /// Whether the driver behind this resource has shut down.
    #[cfg(test)]
    pub(crate) fn is_shutdown(&self) -> bool {
        self.readiness.load(Acquire) & SHUTDOWN != 0
    }

    /// The readiness bits in `mask` that are set right now, with the tick.
    pub(crate) fn ready_event(&self, mask: usize) -> ReadyEvent {
        Self::event_of(self.readiness.load(Acquire), mask)
    }

    fn event_of(word: usize, mask: usize) -> ReadyEvent {
        ReadyEvent {
            tick: tick_of(word),
            ready: word & mask & bits::ALL,
            is_shutdown: word & SHUTDOWN != 0,
        }
    }

    /// Clears the readiness an operation saw, unless an event arrived since
    /// (the tick moved). The closed bits are never cleared.
    pub(crate) fn clear_readiness(&self, event: ReadyEvent) {
        let clear = event.ready & !(bits::READ_CLOSED | bits::WRITE_CLOSED);
        let _ = self.readiness.fetch_update(AcqRel, Acquire, |word| {
            if tick_of(word) != event.tick {
                None
            } else {
                Some(word & !clear)
            }
        });
    }

    /// Polls for readiness in `direction`, storing the waker in that
    /// direction's single slot when not ready.
    pub(crate) fn poll_ready(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
    ) -> Poll<ReadyEvent> {
        let mask = direction.mask();
        let event = self.ready_event(mask);
        if event.ready != 0 || event.is_shutdown {
            return Poll::Ready(event);
        }
        let mut waiters = self.waiters.lock();
        // Re-check under the lock: the reactor sets the word before taking it.
        let event = self.ready_event(mask);
        if event.ready != 0 || event.is_shutdown {
            return Poll::Ready(event);
        }
        let slot = match direction {
            Direction::Read => &mut waiters.reader,
            Direction::Write => &mut waiters.writer,
        };
        match slot {
            Some(existing) if existing.will_wake(cx.waker()) => {}
            _ => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }

    /// A future that resolves once any readiness in `mask` is set (or the
    /// driver shuts down). Many may be pending at once.
    pub(crate) fn readiness(&self, mask: usize) -> Readiness<'_> {
        Readiness {
            io: self,
            mask,
            id: None,
        }
    }

    fn poll_list(
        &self,
        cx: &mut Context<'_>,
        mask: usize,
        id: &mut Option<usize>,
    ) -> Poll<ReadyEvent> {
        let event = self.ready_event(mask);
        if event.ready != 0 || event.is_shutdown {
            self.remove_entry(id);
            return Poll::Ready(event);
        }
        let mut waiters = self.waiters.lock();
        let event = self.ready_event(mask);
        if event.ready != 0 || event.is_shutdown {
            if let Some(taken) = id.take() {
                waiters.list.retain(|entry| entry.id != taken);
            }
            return Poll::Ready(event);
        }
        match *id {
            Some(existing) => {
                if let Some(entry) = waiters.list.iter_mut().find(|e| e.id == existing) {
                    match &entry.waker {
                        Some(w) if w.will_wake(cx.waker()) => {}
                        _ => entry.waker = Some(cx.waker().clone()),
                    }
                }
            }
            None => {
                let new_id = waiters.next_id;
                waiters.next_id = waiters.next_id.wrapping_add(1);
                waiters.list.push(ListEntry {
                    id: new_id,
                    mask,
                    waker: Some(cx.waker().clone()),
                });
                *id = Some(new_id);
            }
        }
        Poll::Pending
    }

    fn remove_entry(&self, id: &mut Option<usize>) {
        if let Some(taken) = id.take() {
            self.waiters.lock().list.retain(|entry| entry.id != taken);
        }
    }

    #[cfg(test)]
    pub(crate) fn waiter_count(&self) -> usize {
        let waiters = self.waiters.lock();
        waiters.list.len() + waiters.reader.is_some() as usize + waiters.writer.is_some() as usize
    }
}

/// The future returned by [`ScheduledIo::readiness`].
#[derive(Debug)]
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub(crate) struct Readiness<'a> {
    io: &'a ScheduledIo,
    mask: usize,
    id: Option<usize>,
}

impl Future for Readiness<'_> {
    type Output = ReadyEvent;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<ReadyEvent> {
        let this = self.get_mut();
        this.io.poll_list(cx, this.mask, &mut this.id)
    }
}

impl Drop for Readiness<'_> {
    fn drop(&mut self) {
        self.io.remove_entry(&mut self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize as StdCount, Ordering::SeqCst};
    use std::task::Wake;

    struct Count(StdCount);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, SeqCst);
        }
    }

    fn counter() -> (Arc<Count>, Waker) {
        let c = Arc::new(Count(StdCount::new(0)));
        (c.clone(), Waker::from(c))
    }

    #[test]
    fn poll_ready_registers_then_event_wakes_reader_only() {
        let io = ScheduledIo::default();
        let (rc, rw) = counter();
        let (wc, ww) = counter();
        assert!(
            io.poll_ready(&mut Context::from_waker(&rw), Direction::Read)
                .is_pending()
        );
        assert!(
            io.poll_ready(&mut Context::from_waker(&ww), Direction::Write)
                .is_pending()
        );
        let mut wake = WakeList::default();
        io.set_readiness(bits::READABLE, &mut wake);
        wake.wake_all();
        assert_eq!(rc.0.load(SeqCst), 1);
        assert_eq!(wc.0.load(SeqCst), 0);
        let ev = match io.poll_ready(&mut Context::from_waker(&rw), Direction::Read) {
            Poll::Ready(ev) => ev,
            Poll::Pending => panic!("readable must be ready"),
        };
        assert_eq!(ev.ready, bits::READABLE);
        assert_eq!(ev.tick, 1);
        assert!(!ev.is_shutdown);
    }

    #[test]
    fn clear_with_stale_tick_keeps_readiness() {
        let io = ScheduledIo::default();
        let mut wake = WakeList::default();
        io.set_readiness(bits::READABLE, &mut wake);
        let seen = io.ready_event(Direction::Read.mask());
        // A new event arrives between the operation's check and its clear.
        io.set_readiness(bits::READABLE, &mut wake);
        io.clear_readiness(seen);
        assert_eq!(io.ready_event(Direction::Read.mask()).ready, bits::READABLE);
        // With the current tick the clear goes through.
        let now = io.ready_event(Direction::Read.mask());
        assert_eq!(now.tick, 2);
        io.clear_readiness(now);
        assert_eq!(io.ready_event(Direction::Read.mask()).ready, 0);
    }

    #[test]
    fn closed_bits_are_never_cleared() {
        let io = ScheduledIo::default();
        let mut wake = WakeList::default();
        io.set_readiness(bits::READABLE | bits::READ_CLOSED, &mut wake);
        let ev = io.ready_event(Direction::Read.mask());
        assert_eq!(ev.ready, bits::READABLE | bits::READ_CLOSED);
        io.clear_readiness(ev);
        assert_eq!(
            io.ready_event(Direction::Read.mask()).ready,
            bits::READ_CLOSED
        );
    }

    #[test]
    fn tick_wraps_without_touching_other_bits() {
        let io = ScheduledIo::default();
        let mut wake = WakeList::default();
        // The last tick before wrapping, with READABLE set.
        io.readiness.store(
            TICK_MASK | bits::READABLE,
            std::sync::atomic::Ordering::SeqCst,
        );
        assert_eq!(io.ready_event(bits::ALL).tick, u16::MAX);
        io.set_readiness(bits::WRITABLE, &mut wake);
        let ev = io.ready_event(bits::ALL);
        assert_eq!(ev.tick, 0);
        assert_eq!(ev.ready, bits::READABLE | bits::WRITABLE);
        assert!(!ev.is_shutdown);
    }

    #[test]
    fn many_readiness_futures_all_woken_and_removed_on_drop() {
        let io = ScheduledIo::default();
        let (c, w) = counter();
        let mut cx = Context::from_waker(&w);
        let mut a = Box::pin(io.readiness(bits::READ_MASK));
        let mut b = Box::pin(io.readiness(bits::READ_MASK));
        let mut d = Box::pin(io.readiness(bits::WRITE_MASK));
        assert!(a.as_mut().poll(&mut cx).is_pending());
        assert!(b.as_mut().poll(&mut cx).is_pending());
        assert!(d.as_mut().poll(&mut cx).is_pending());
        assert_eq!(io.waiter_count(), 3);
        let mut wake = WakeList::default();
        io.set_readiness(bits::READABLE, &mut wake);
        wake.wake_all();
        assert_eq!(c.0.load(SeqCst), 2);
        assert!(matches!(a.as_mut().poll(&mut cx), Poll::Ready(ev) if ev.ready == bits::READABLE));
        assert_eq!(io.waiter_count(), 2);
        drop(b);
        drop(d);
        assert_eq!(io.waiter_count(), 0);
    }

    #[test]
    fn shutdown_wakes_everyone_and_is_visible() {
        let io = ScheduledIo::default();
        let (c, w) = counter();
        let mut cx = Context::from_waker(&w);
        assert!(io.poll_ready(&mut cx, Direction::Read).is_pending());
        assert!(io.poll_ready(&mut cx, Direction::Write).is_pending());
        let mut fut = Box::pin(io.readiness(bits::PRIORITY_MASK));
        assert!(fut.as_mut().poll(&mut cx).is_pending());
        let mut wake = WakeList::default();
        io.shutdown(&mut wake);
        wake.wake_all();
        assert_eq!(c.0.load(SeqCst), 3);
        assert!(io.is_shutdown());
        assert!(matches!(fut.as_mut().poll(&mut cx), Poll::Ready(ev) if ev.is_shutdown));
        assert!(
            matches!(io.poll_ready(&mut cx, Direction::Read), Poll::Ready(ev) if ev.is_shutdown && ev.ready == 0)
        );
    }

    #[test]
    fn same_waker_is_not_cloned_twice() {
        let io = ScheduledIo::default();
        let (c, w) = counter();
        let mut cx = Context::from_waker(&w);
        for _ in 0..3 {
            assert!(io.poll_ready(&mut cx, Direction::Read).is_pending());
        }
        assert_eq!(io.waiter_count(), 1);
        let mut wake = WakeList::default();
        io.set_readiness(bits::READ_CLOSED, &mut wake);
        wake.wake_all();
        assert_eq!(c.0.load(SeqCst), 1);
        // Only the most recent waker per direction is kept.
        let (c2, w2) = counter();
        let (c3, w3) = counter();
        assert!(
            io.poll_ready(&mut Context::from_waker(&w2), Direction::Write)
                .is_pending()
        );
        assert!(
            io.poll_ready(&mut Context::from_waker(&w3), Direction::Write)
                .is_pending()
        );
        io.set_readiness(bits::WRITABLE, &mut wake);
        wake.wake_all();
        assert_eq!((c2.0.load(SeqCst), c3.0.load(SeqCst)), (0, 1));
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_scheduled_io {
    use super::*;
    use runtime_core::loom::sync::Arc;
    use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    struct Flag(AtomicUsize);
    impl std::task::Wake for Flag {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, SeqCst);
        }
    }

    /// An event set concurrently with a waiter's poll is never lost: either
    /// the poll sees it, or the waiter's waker is called.
    #[test]
    fn loom_event_racing_poll_is_not_lost() {
        runtime_core::loom::model(|| {
            let io = Arc::new(ScheduledIo::default());
            let io2 = io.clone();
            let th = runtime_core::loom::thread::spawn(move || {
                let mut wake = WakeList::default();
                io2.set_readiness(bits::READABLE, &mut wake);
                wake.wake_all();
            });
            let flag = std::sync::Arc::new(Flag(AtomicUsize::new(0)));
            let waker = Waker::from(flag.clone());
            let ready = io
                .poll_ready(&mut Context::from_waker(&waker), Direction::Read)
                .is_ready();
            th.join().unwrap();
            let woken = flag.0.load(SeqCst);
            assert!(ready || woken == 1, "ready={ready} woken={woken}");
            assert!(woken <= 1);
        });
    }

    /// A clear racing a new event keeps the new event's readiness.
    #[test]
    fn loom_clear_racing_event_keeps_new_readiness() {
        runtime_core::loom::model(|| {
            let io = Arc::new(ScheduledIo::default());
            let mut wake = WakeList::default();
            io.set_readiness(bits::READABLE, &mut wake);
            let seen = io.ready_event(Direction::Read.mask());
            let io2 = io.clone();
            let th = runtime_core::loom::thread::spawn(move || {
                let mut wake = WakeList::default();
                io2.set_readiness(bits::READABLE, &mut wake);
            });
            io.clear_readiness(seen);
            th.join().unwrap();
            // Whatever the order, the second event's readiness survives.
            assert_eq!(io.ready_event(Direction::Read.mask()).ready, bits::READABLE);
        });
    }

    /// The guess of a fresh registration (`assume_ready`) racing the
    /// reactor's first real event: if an operation's `WouldBlock` clears
    /// the guess, a real event delivered meanwhile survives it.
    #[test]
    fn loom_assumed_readiness_never_hides_a_real_event() {
        runtime_core::loom::model(|| {
            let io = Arc::new(ScheduledIo::default());
            let io2 = io.clone();
            let th = runtime_core::loom::thread::spawn(move || {
                let mut wake = WakeList::default();
                io2.set_readiness(bits::READABLE, &mut wake);
            });
            io.assume_ready(bits::READABLE | bits::WRITABLE);
            // An operation sees the (guessed or real) readiness, tries the
            // call, gets `WouldBlock`, and clears what it saw.
            let seen = io.ready_event(Direction::Read.mask());
            assert_eq!(seen.ready, bits::READABLE);
            io.clear_readiness(seen);
            th.join().unwrap();
            // The reactor's event is kept unless the clear saw it (then the
            // operation's call ran after the event and found nothing).
            let now = io.ready_event(Direction::Read.mask());
            if now.tick == seen.tick {
                assert_eq!(now.ready, 0);
            } else {
                assert_eq!(now.ready, bits::READABLE);
            }
        });
    }
}
