//! The state shared by every flavour of `mpsc` channel.
//!
//! One mutex guards the queue of values, the receiver's waker and the two
//! "closed" flags (all senders gone, receiver closed). A bounded channel adds
//! a batch semaphore whose permits are the free slots: a sender acquires one
//! before pushing (that is where it waits, in FIFO order, when the channel is
//! full), and the receiver releases one after popping. Closing the receiver
//! closes the semaphore, which fails every waiting and later send at once.
//!
//! The receiver reports the end of the stream (`None`) once the queue is
//! empty and either every sender is gone, or the receiver was closed and no
//! reserved permit can still deliver a value.

use std::collections::VecDeque;
use std::task::{Context, Poll, Waker, ready};

use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::Notify;
use crate::sync::batch_semaphore::{Acquire, Closed, Semaphore};
use crate::task::coop;

use super::error::TryRecvError;

struct State<T> {
    queue: VecDeque<T>,
    rx_waker: Option<Waker>,
    /// Every strong sender is gone.
    tx_closed: bool,
    /// The receiver was closed (or dropped).
    rx_closed: bool,
    /// The receiver was dropped: values sent from now on are dropped.
    rx_dropped: bool,
}

/// The capacity bound of a bounded channel.
pub(super) struct Bound {
    pub(super) semaphore: Semaphore,
    pub(super) max: usize,
}

pub(super) struct Chan<T> {
    state: Mutex<State<T>>,
    pub(super) bound: Option<Bound>,
    tx_count: AtomicUsize,
    tx_weak_count: AtomicUsize,
    /// Notified when the receiver closes, for `Sender::closed`.
    rx_closed_notify: Notify,
}

impl<T> Chan<T> {
    pub(super) fn new(bound: Option<usize>) -> Self {
        Chan {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                rx_waker: None,
                tx_closed: false,
                rx_closed: false,
                rx_dropped: false,
            }),
            bound: bound.map(|max| Bound {
                semaphore: Semaphore::new(max),
                max,
            }),
            tx_count: AtomicUsize::new(1),
            tx_weak_count: AtomicUsize::new(0),
            rx_closed_notify: Notify::new(),
        }
    }

    // ---- senders ------------------------------------------------------

    /// Pushes a value for which capacity was already reserved (bounded) or
    /// which needs none (unbounded). Returns the value if the receiver is
    /// closed and `check_closed` is set.
    pub(super) fn push(&self, value: T, check_closed: bool) -> Result<(), T> {
        let mut state = self.state.lock();
        if state.rx_dropped || (check_closed && state.rx_closed) {
            drop(state);
            return Err(value);
        }
        state.queue.push_back(value);
        let waker = state.rx_waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
    }

    /// Gives back `n` reserved slots that will not carry a value.
    pub(super) fn release_permits(&self, n: usize) {
        if let Some(bound) = &self.bound {
            bound.semaphore.release(n);
            if bound.semaphore.is_closed() {
                // The receiver may be waiting for the last permit to come
                // back before it reports the end of the stream.
                self.wake_rx_if_idle();
            }
        }
    }

    /// Acquires `n` slots. If the acquire fails or is cancelled after the
    /// receiver closed, the slots it was handed go back; the receiver may be
    /// waiting for exactly that to report the end of the stream, so wake it.
    pub(super) async fn acquire(&self, n: usize) -> Result<(), Closed> {
        struct WakeRxOnExit<'a, T> {
            chan: &'a Chan<T>,
            armed: bool,
        }

        impl<T> Drop for WakeRxOnExit<'_, T> {
            fn drop(&mut self) {
                if self.armed && self.chan.semaphore().is_closed() {
                    self.chan.wake_rx_if_idle();
                }
            }
        }

        let mut guard = WakeRxOnExit {
            chan: self,
            armed: true,
        };
        let res = Acquire::new(self.semaphore(), n).await;
        guard.armed = res.is_err();
        res
    }

    pub(super) fn semaphore(&self) -> &Semaphore {
        &self.bound.as_ref().expect("bounded channel").semaphore
    }

    /// Wakes the receiver if no reserved slot can deliver a value any more.
    fn wake_rx_if_idle(&self) {
        let waker = {
            let mut state = self.state.lock();
            if !self.permits_idle(&state) {
                return;
            }
            state.rx_waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    pub(super) fn is_rx_closed(&self) -> bool {
        self.state.lock().rx_closed
    }

    /// Waits until the receiver is closed or dropped.
    pub(super) async fn closed(&self) {
        loop {
            let notified = self.rx_closed_notify.notified();
            if self.is_rx_closed() {
                return;
            }
            notified.await;
        }
    }

    pub(super) fn inc_tx(&self) {
        self.tx_count.fetch_add(1, Ordering::Relaxed);
    }

    /// Drops one strong sender; the last one closes the sending side.
    pub(super) fn dec_tx(&self) {
        if self.tx_count.fetch_sub(1, Ordering::AcqRel) == 1 {
            let mut state = self.state.lock();
            state.tx_closed = true;
            let waker = state.rx_waker.take();
            drop(state);
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }

    /// Makes a strong sender from a weak one, unless every strong sender
    /// is already gone.
    pub(super) fn try_upgrade(&self) -> bool {
        let mut curr = self.tx_count.load(Ordering::Acquire);
        loop {
            if curr == 0 {
                return false;
            }
            match self.tx_count.compare_exchange_weak(
                curr,
                curr + 1,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return true,
                Err(actual) => curr = actual,
            }
        }
    }

    pub(super) fn strong_count(&self) -> usize {
        self.tx_count.load(Ordering::Acquire)
    }

    pub(super) fn weak_count(&self) -> usize {
        self.tx_weak_count.load(Ordering::Acquire)
    }

    pub(super) fn inc_weak(&self) {
        self.tx_weak_count.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn dec_weak(&self) {
        self.tx_weak_count.fetch_sub(1, Ordering::AcqRel);
    }

    // ---- receiver -----------------------------------------------------

    /// Whether no reserved slot can still deliver a value.
    fn permits_idle(&self, state: &State<T>) -> bool {
        match &self.bound {
            Some(bound) => bound.semaphore.available_permits() + state.queue.len() >= bound.max,
            None => true,
        }
    }

    fn finished(&self, state: &State<T>) -> bool {
        state.tx_closed || (state.rx_closed && self.permits_idle(state))
    }

    /// Receives up to `limit` values into `out` (or one value if `out` is
    /// `None`); returns `Ready(0)` at the end of the stream.
    pub(super) fn poll_recv_into(
        &self,
        cx: &mut Context<'_>,
        mut out: Extend<'_, T>,
        limit: usize,
    ) -> Poll<usize> {
        let coop = ready!(coop::poll_proceed(cx));
        let mut state = self.state.lock();
        let n = state.queue.len().min(limit);
        if n > 0 {
            match &mut out {
                Extend::One(slot) => **slot = state.queue.pop_front(),
                Extend::Many(buf) => buf.extend(state.queue.drain(..n)),
            }
            drop(state);
            self.release_after_recv(n);
            coop.made_progress();
            return Poll::Ready(n);
        }
        if self.finished(&state) {
            coop.made_progress();
            return Poll::Ready(0);
        }
        let stale = match &state.rx_waker {
            Some(w) if w.will_wake(cx.waker()) => None,
            _ => state.rx_waker.replace(cx.waker().clone()),
        };
        // The replaced waker drops after the lock: its drop may send on
        // this very channel.
        drop(state);
        drop(stale);
        Poll::Pending
    }

    fn release_after_recv(&self, n: usize) {
        if let Some(bound) = &self.bound {
            bound.semaphore.release(n);
        }
    }

    pub(super) fn try_recv(&self) -> Result<T, TryRecvError> {
        let mut state = self.state.lock();
        if let Some(value) = state.queue.pop_front() {
            drop(state);
            self.release_after_recv(1);
            return Ok(value);
        }
        if self.finished(&state) {
            Err(TryRecvError::Disconnected)
        } else {
            Err(TryRecvError::Empty)
        }
    }

    /// Closes the receiving side: later sends fail, values already queued
    /// (and values from permits already reserved) can still be received.
    pub(super) fn close_rx(&self) {
        {
            let mut state = self.state.lock();
            if state.rx_closed {
                return;
            }
            state.rx_closed = true;
        }
        if let Some(bound) = &self.bound {
            bound.semaphore.close();
        }
        self.rx_closed_notify.notify_waiters();
    }

    /// The receiver is gone: close, then drop every queued value.
    pub(super) fn drop_rx(&self) {
        self.close_rx();
        let (drained, waker) = {
            let mut state = self.state.lock();
            state.rx_dropped = true;
            (std::mem::take(&mut state.queue), state.rx_waker.take())
        };
        drop(waker);
        let n = drained.len();
        drop(drained);
        self.release_after_recv(n);
    }

    pub(super) fn is_closed_for_rx(&self) -> bool {
        let state = self.state.lock();
        state.tx_closed || state.rx_closed
    }

    pub(super) fn len(&self) -> usize {
        self.state.lock().queue.len()
    }
}

/// Where received values go.
pub(super) enum Extend<'a, T> {
    One(&'a mut Option<T>),
    Many(&'a mut Vec<T>),
}
