//! A one-shot channel: sends a single value from one task to another.
//!
//! # Design
//!
//! Sender and receiver share one allocation: a state word of four flags
//! (`state.rs`) and three cells, the value and one waker per side. There is
//! no lock. The flags say who owns each cell at any moment, and every change
//! of the word is a single read-modify-write, so each race (send against
//! close, a waker update against completion, a drop against a poll) is
//! decided by which change lands first, and the loser sees the winner's
//! flag. A send is one write of the value and one compare-and-swap; a receive
//! that finds the value is one load.
//!
//! Wakers are woken by reference where they are stored, never moved out,
//! because the owner may be reading the same cell (`Waker::will_wake`) at
//! that moment. The loom models below cover send, close and drop against a
//! receiver or sender that is changing its waker.
//!
//! # Examples
//!
//! ```
//! use runtime_core::sync::oneshot;
//!
//! # futures::executor::block_on(async {
//! let (tx, rx) = oneshot::channel();
//! std::thread::spawn(move || tx.send(3).unwrap());
//! assert_eq!(rx.await, Ok(3));
//! # });
//! ```

pub mod error;
mod state;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker, ready};

use self::error::{RecvError, TryRecvError};
use self::state::{Snapshot, State};
use crate::loom::cell::UnsafeCell;
use crate::loom::sync::Arc;
use crate::task::coop;

/// The shared half of a channel.
///
/// Invariant: each cell is accessed only as the ownership rules of
/// `state.rs` allow: `value` by the sender before `COMPLETE` and by the
/// receiver after it; `rx_waker` written by the receiver while
/// `RX_TASK_SET` is clear and read by the sender only after it completed
/// with `RX_TASK_SET` set; `tx_waker` the same with `TX_TASK_SET` and
/// `CLOSED`.
struct Inner<T> {
    state: State,
    value: UnsafeCell<Option<T>>,
    rx_waker: UnsafeCell<Option<Waker>>,
    tx_waker: UnsafeCell<Option<Waker>>,
}

// SAFETY: the cells are never accessed by two threads at once without the
// state word ordering the accesses (see `Inner`'s invariant), the value only
// moves from one thread to another (so `T: Send` is enough, as for a
// mutex), and `Waker` is `Send + Sync`.
unsafe impl<T: Send> Send for Inner<T> {}
// SAFETY: as above; a shared `&Inner` gives no access to `&T` that two
// threads could use at once (`Receiver::is_empty` only looks at whether the
// value cell is occupied, and only the receiver does).
unsafe impl<T: Send> Sync for Inner<T> {}

impl<T> Inner<T> {
    /// Takes the sent value out: `Err` if the sender was dropped without
    /// sending.
    ///
    /// # Safety
    ///
    /// Only the receiver may call this, after it has seen `COMPLETE`.
    unsafe fn take_value(&self) -> Result<T, RecvError> {
        // SAFETY: once `COMPLETE` is set the sender never touches the value
        // again, and the `Acquire` that saw it made the sender's write
        // visible.
        self.value
            .with_mut(|value| unsafe { (*value).take() })
            .ok_or(RecvError(()))
    }

    /// The receiver's side of a poll: the value or error if the sender is
    /// done, otherwise the task's waker stored for the sender.
    ///
    /// # Safety
    ///
    /// Only the receiver may call this, through its unique reference.
    unsafe fn poll_recv(&self, cx: &mut Context<'_>) -> Poll<Result<T, RecvError>> {
        let mut state = self.state.load();
        if state.is_complete() {
            // SAFETY: `COMPLETE` seen by the receiver.
            return Poll::Ready(unsafe { self.take_value() });
        }
        if state.is_closed() {
            return Poll::Ready(Err(RecvError(())));
        }
        if state.is_rx_task_set() {
            // SAFETY: the receiver, with `RX_TASK_SET` set.
            if unsafe { will_wake(&self.rx_waker, cx.waker()) } {
                return Poll::Pending;
            }
            state = self.state.unset_rx_task();
            if state.is_complete() {
                // The sender completed first and may be waking the old
                // waker right now: leave the cell alone.
                // SAFETY: `COMPLETE` seen by the receiver.
                return Poll::Ready(unsafe { self.take_value() });
            }
        }
        // SAFETY: the receiver, with `RX_TASK_SET` clear.
        unsafe { store_waker(&self.rx_waker, cx.waker()) };
        if self.state.set_rx_task().is_complete() {
            // The sender completed before seeing the waker: no wake-up is
            // coming, the value is here.
            // SAFETY: `COMPLETE` seen by the receiver.
            return Poll::Ready(unsafe { self.take_value() });
        }
        Poll::Pending
    }

    /// The sender's side of `poll_closed`.
    ///
    /// # Safety
    ///
    /// Only the sender may call this, through its unique reference.
    unsafe fn poll_closed(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.state.load();
        if state.is_closed() {
            return Poll::Ready(());
        }
        if state.is_tx_task_set() {
            // SAFETY: the sender, with `TX_TASK_SET` set.
            if unsafe { will_wake(&self.tx_waker, cx.waker()) } {
                return Poll::Pending;
            }
            state = self.state.unset_tx_task();
            if state.is_closed() {
                return Poll::Ready(());
            }
        }
        // SAFETY: the sender, with `TX_TASK_SET` clear.
        unsafe { store_waker(&self.tx_waker, cx.waker()) };
        if self.state.set_tx_task().is_closed() {
            return Poll::Ready(());
        }
        Poll::Pending
    }

    /// Marks the receiver closed and wakes a sender waiting in `closed()`.
    /// Returns the state from before.
    fn close(&self) -> Snapshot {
        let prev = self.state.set_closed();
        if prev.is_tx_task_set() && !prev.is_closed() && !prev.is_complete() {
            // SAFETY: our change saw `TX_TASK_SET`, and the sender does not
            // write its waker once `CLOSED` is set.
            unsafe { wake_in(&self.tx_waker) };
        }
        prev
    }
}

/// Wakes the waker in `cell` where it lies.
///
/// # Safety
///
/// The caller's state change must have seen the cell's `*_TASK_SET`
/// flag, so that the other side does not write the cell any more.
unsafe fn wake_in(cell: &UnsafeCell<Option<Waker>>) {
    // SAFETY: by the caller's contract the cell is only read from now on.
    cell.with(|waker| unsafe { (*waker).as_ref() }.map(Waker::wake_by_ref));
}

/// Whether the waker in `cell` would wake the same task as `waker`.
///
/// # Safety
///
/// Only the owning side may call this, while its `*_TASK_SET` flag is
/// set (the other side at most reads the cell then).
unsafe fn will_wake(cell: &UnsafeCell<Option<Waker>>, waker: &Waker) -> bool {
    // SAFETY: by the caller's contract nobody writes the cell now.
    cell.with(|stored| unsafe { (*stored).as_ref() }.is_some_and(|w| w.will_wake(waker)))
}

/// Stores a clone of `waker` in `cell`.
///
/// # Safety
///
/// Only the owning side may call this, while its `*_TASK_SET` flag is
/// clear (the other side does not touch the cell then).
unsafe fn store_waker(cell: &UnsafeCell<Option<Waker>>, waker: &Waker) {
    // SAFETY: by the caller's contract this is the only access.
    cell.with_mut(|stored| unsafe { *stored = Some(waker.clone()) });
}

/// Sends the value; created by [`channel`].
pub struct Sender<T> {
    inner: Option<Arc<Inner<T>>>,
}

/// Receives the value; created by [`channel`]. Await it to get the value.
///
/// Awaiting yields `Err(RecvError)` if the sender is dropped without
/// sending.
///
/// # Cancel safety
///
/// The receiver may be polled by reference (`&mut rx`) in a `select!`: a
/// value is only taken out when the poll returns it.
pub struct Receiver<T> {
    inner: Option<Arc<Inner<T>>>,
}

/// Creates a one-shot channel.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::oneshot;
///
/// let (tx, mut rx) = oneshot::channel::<u8>();
/// assert!(rx.try_recv().is_err());
/// tx.send(1).unwrap();
/// assert_eq!(rx.try_recv(), Ok(1));
/// ```
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let inner = Arc::new(Inner {
        state: State::new(),
        value: UnsafeCell::new(None),
        rx_waker: UnsafeCell::new(None),
        tx_waker: UnsafeCell::new(None),
    });
    (
        Sender {
            inner: Some(inner.clone()),
        },
        Receiver { inner: Some(inner) },
    )
}

impl<T> Sender<T> {
    /// Sends `value`, consuming the sender.
    ///
    /// # Errors
    ///
    /// Gives `value` back if the receiver was closed or dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    ///
    /// let (tx, rx) = oneshot::channel();
    /// drop(rx);
    /// assert_eq!(tx.send(5), Err(5));
    /// ```
    pub fn send(mut self, value: T) -> Result<(), T> {
        let inner = self.inner.take().expect("sender used after send");
        // SAFETY: `COMPLETE` is not set (only this sender sets it), so the
        // value cell is the sender's.
        inner.value.with_mut(|slot| unsafe { *slot = Some(value) });
        match inner.state.set_complete_unless_closed() {
            Ok(prev) => {
                if prev.is_rx_task_set() {
                    // SAFETY: our change saw `RX_TASK_SET`.
                    unsafe { wake_in(&inner.rx_waker) };
                }
                Ok(())
            }
            Err(_closed) => {
                // SAFETY: `COMPLETE` was not set, so the receiver never
                // looked at the value: it is still the sender's.
                let value = inner.value.with_mut(|slot| unsafe { (*slot).take() });
                Err(value.expect("the value stored just above"))
            }
        }
    }

    /// Whether the receiver was closed or dropped.
    pub fn is_closed(&self) -> bool {
        self.inner
            .as_ref()
            .is_none_or(|inner| inner.state.load().is_closed())
    }

    /// Polls for the receiver being closed or dropped; see
    /// [`closed`](Self::closed).
    pub fn poll_closed(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let coop = ready!(coop::poll_proceed(cx));
        let Some(inner) = self.inner.as_ref() else {
            coop.made_progress();
            return Poll::Ready(());
        };
        // SAFETY: we are the sender, borrowed uniquely.
        ready!(unsafe { inner.poll_closed(cx) });
        coop.made_progress();
        Poll::Ready(())
    }

    /// Waits until the receiver is closed or dropped: useful to stop
    /// computing a value nobody will read.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    ///
    /// # futures::executor::block_on(async {
    /// let (mut tx, rx) = oneshot::channel::<()>();
    /// drop(rx);
    /// tx.closed().await;
    /// assert!(tx.is_closed());
    /// # });
    /// ```
    pub async fn closed(&mut self) {
        std::future::poll_fn(|cx| self.poll_closed(cx)).await
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            let prev = inner.state.set_complete();
            if prev.is_rx_task_set() {
                // SAFETY: our change saw `RX_TASK_SET`.
                unsafe { wake_in(&inner.rx_waker) };
            }
        }
    }
}

impl<T> Receiver<T> {
    /// Closes the receiver: a later `send` fails and gives its value back.
    /// A value sent before the close can still be received.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    ///
    /// let (tx, mut rx) = oneshot::channel();
    /// rx.close();
    /// assert_eq!(tx.send(1), Err(1));
    /// ```
    pub fn close(&mut self) {
        if let Some(inner) = self.inner.as_ref() {
            inner.close();
        }
    }

    /// Whether the receiver has finished: it returned its value or an
    /// error. Polling it again would panic.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = oneshot::channel();
    /// tx.send(1).unwrap();
    /// assert!(!rx.is_terminated());
    /// assert_eq!((&mut rx).await, Ok(1));
    /// assert!(rx.is_terminated());
    /// # });
    /// ```
    pub fn is_terminated(&self) -> bool {
        self.inner.is_none()
    }

    /// Whether there is no value waiting to be received.
    pub fn is_empty(&self) -> bool {
        let Some(inner) = self.inner.as_ref() else {
            return true;
        };
        if !inner.state.load().is_complete() {
            return true;
        }
        // SAFETY: `COMPLETE` seen, so the value cell is the receiver's, and
        // the receiver only changes it through `&mut self`.
        inner.value.with(|value| unsafe { (*value).is_none() })
    }

    /// Takes the value if it has been sent.
    ///
    /// # Errors
    ///
    /// [`TryRecvError::Empty`] if nothing was sent yet and the sender is
    /// alive; [`TryRecvError::Closed`] if the sender was dropped without
    /// sending, the receiver was closed, or the value was already taken.
    pub fn try_recv(&mut self) -> Result<T, TryRecvError> {
        let Some(inner) = self.inner.as_ref() else {
            return Err(TryRecvError::Closed);
        };
        let state = inner.state.load();
        let out = if state.is_complete() {
            // SAFETY: `COMPLETE` seen by the receiver.
            unsafe { inner.take_value() }.map_err(|_| TryRecvError::Closed)
        } else if state.is_closed() {
            Err(TryRecvError::Closed)
        } else {
            return Err(TryRecvError::Empty);
        };
        self.inner = None;
        out
    }

    /// Blocks the thread until the value arrives.
    ///
    /// # Errors
    ///
    /// As awaiting the receiver.
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; await the receiver there.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    ///
    /// let (tx, rx) = oneshot::channel();
    /// let th = std::thread::spawn(move || tx.send(9).unwrap());
    /// assert_eq!(rx.blocking_recv(), Ok(9));
    /// th.join().unwrap();
    /// ```
    #[track_caller]
    pub fn blocking_recv(self) -> Result<T, RecvError> {
        crate::sync::block_on::block_on("Receiver::await", self)
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, RecvError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let coop = ready!(coop::poll_proceed(cx));
        let inner = self
            .inner
            .as_ref()
            .expect("oneshot::Receiver polled after completion");
        // SAFETY: we are the receiver, borrowed uniquely.
        let out = ready!(unsafe { inner.poll_recv(cx) });
        self.inner = None;
        coop.made_progress();
        Poll::Ready(out)
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            if inner.close().is_complete() {
                // A value nobody will receive is dropped now, not when the
                // sender's handle goes.
                // SAFETY: `COMPLETE` seen by the receiver.
                drop(unsafe { inner.take_value() });
            }
        }
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender")
            .field("closed", &self.is_closed())
            .finish()
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("terminated", &self.is_terminated())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    //! Unit tests of the lock-free paths; they run under miri (`.ci/miri`).

    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    /// A waker that counts its wake-ups.
    #[derive(Default)]
    struct CountWaker(AtomicUsize);

    impl Wake for CountWaker {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn count_waker() -> (std::sync::Arc<CountWaker>, Waker) {
        let count = std::sync::Arc::new(CountWaker::default());
        (count.clone(), Waker::from(count))
    }

    /// Counts its drops, to check a value is dropped exactly once.
    struct DropCount(std::sync::Arc<AtomicUsize>);

    impl Drop for DropCount {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn changing_waker_wakes_only_the_latest() {
        let (tx, mut rx) = channel::<u32>();
        let (first, w1) = count_waker();
        let (second, w2) = count_waker();
        assert!(
            Pin::new(&mut rx)
                .poll(&mut Context::from_waker(&w1))
                .is_pending()
        );
        // The same waker again: no new clone needed, still pending.
        assert!(
            Pin::new(&mut rx)
                .poll(&mut Context::from_waker(&w1))
                .is_pending()
        );
        assert!(
            Pin::new(&mut rx)
                .poll(&mut Context::from_waker(&w2))
                .is_pending()
        );
        tx.send(7).unwrap();
        assert_eq!(first.0.load(Ordering::SeqCst), 0);
        assert_eq!(second.0.load(Ordering::SeqCst), 1);
        assert_eq!(
            Pin::new(&mut rx).poll(&mut Context::from_waker(&w2)),
            Poll::Ready(Ok(7))
        );
        assert!(rx.is_terminated());
    }

    #[test]
    fn sender_drop_wakes_receiver_with_error() {
        let (tx, mut rx) = channel::<u32>();
        let (count, waker) = count_waker();
        assert!(
            Pin::new(&mut rx)
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(tx);
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
        assert!(rx.is_empty());
        assert_eq!(
            Pin::new(&mut rx).poll(&mut Context::from_waker(&waker)),
            Poll::Ready(Err(RecvError(())))
        );
    }

    #[test]
    fn poll_closed_changing_waker_then_close() {
        let (mut tx, mut rx) = channel::<u32>();
        let (first, w1) = count_waker();
        let (second, w2) = count_waker();
        assert!(tx.poll_closed(&mut Context::from_waker(&w1)).is_pending());
        assert!(tx.poll_closed(&mut Context::from_waker(&w2)).is_pending());
        assert!(!tx.is_closed());
        rx.close();
        // A second close does not wake again.
        rx.close();
        assert_eq!(first.0.load(Ordering::SeqCst), 0);
        assert_eq!(second.0.load(Ordering::SeqCst), 1);
        assert!(tx.is_closed());
        assert_eq!(
            tx.poll_closed(&mut Context::from_waker(&w2)),
            Poll::Ready(())
        );
        assert_eq!(tx.send(3), Err(3));
    }

    #[test]
    fn unreceived_value_is_dropped_with_the_receiver() {
        let drops = std::sync::Arc::new(AtomicUsize::new(0));
        let (tx, rx) = channel();
        assert!(tx.send(DropCount(drops.clone())).is_ok());
        assert!(!rx.is_empty());
        drop(rx);
        assert_eq!(drops.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn value_refused_by_closed_receiver_goes_back_once() {
        let drops = std::sync::Arc::new(AtomicUsize::new(0));
        let (tx, mut rx) = channel();
        rx.close();
        let back = tx.send(DropCount(drops.clone())).expect_err("closed");
        assert_eq!(drops.load(Ordering::SeqCst), 0);
        drop(back);
        assert_eq!(rx.try_recv().err(), Some(TryRecvError::Closed));
        drop(rx);
        assert_eq!(drops.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn send_from_another_thread_while_waiting() {
        for i in 0..20u32 {
            let (tx, rx) = channel::<String>();
            let th = std::thread::spawn(move || tx.send(format!("v{i}")).unwrap());
            assert_eq!(futures::executor::block_on(rx), Ok(format!("v{i}")));
            th.join().unwrap();
        }
    }

    #[test]
    fn receiver_drop_races_send_without_leak() {
        for _ in 0..20 {
            let drops = std::sync::Arc::new(AtomicUsize::new(0));
            let (tx, rx) = channel();
            let value = DropCount(drops.clone());
            let th = std::thread::spawn(move || tx.send(value).map_err(drop).is_ok());
            drop(rx);
            th.join().unwrap();
            assert_eq!(drops.load(Ordering::SeqCst), 1);
        }
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_oneshot {
    use super::*;
    use crate::loom::sync::atomic::{AtomicUsize, Ordering};
    use crate::loom::thread;

    /// Counts its drops, to check a value is dropped exactly once.
    struct DropCount(Arc<AtomicUsize>);

    impl Drop for DropCount {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn send_races_recv() {
        loom::model(|| {
            let (tx, rx) = channel();
            let th = thread::spawn(move || tx.send(1).unwrap());
            assert_eq!(loom::future::block_on(rx), Ok(1));
            th.join().unwrap();
        });
    }

    #[test]
    fn send_races_recv_changing_waker() {
        loom::model(|| {
            let (tx, mut rx) = channel();
            // Register a waker that will never be polled again, then let
            // block_on replace it while the send runs.
            let first = Pin::new(&mut rx).poll(&mut Context::from_waker(Waker::noop()));
            let th = thread::spawn(move || tx.send(1).unwrap());
            match first {
                Poll::Ready(v) => assert_eq!(v, Ok(1)),
                Poll::Pending => assert_eq!(loom::future::block_on(&mut rx), Ok(1)),
            }
            th.join().unwrap();
        });
    }

    #[test]
    fn drop_sender_races_recv() {
        loom::model(|| {
            let (tx, rx) = channel::<u8>();
            let th = thread::spawn(move || drop(tx));
            assert_eq!(loom::future::block_on(rx), Err(RecvError(())));
            th.join().unwrap();
        });
    }

    #[test]
    fn close_races_send() {
        loom::model(|| {
            let (tx, mut rx) = channel::<u8>();
            let th = thread::spawn(move || tx.send(1));
            rx.close();
            let sent = th.join().unwrap();
            match rx.try_recv() {
                // The send won: the value is still receivable after close.
                Ok(v) => {
                    assert_eq!(v, 1);
                    assert_eq!(sent, Ok(()));
                }
                // The close won: the value came back to the sender.
                Err(e) => {
                    assert_eq!(e, TryRecvError::Closed);
                    assert_eq!(sent, Err(1));
                }
            }
        });
    }

    #[test]
    fn drop_receiver_races_send_drops_value_once() {
        loom::model(|| {
            let drops = Arc::new(AtomicUsize::new(0));
            let (tx, rx) = channel();
            let value = DropCount(drops.clone());
            let th = thread::spawn(move || tx.send(value).is_ok());
            drop(rx);
            // Whichever side won, the value was dropped exactly once: by
            // the receiver (send won) or with the returned `Err` (drop won).
            th.join().unwrap();
            assert_eq!(drops.load(Ordering::SeqCst), 1);
        });
    }

    #[test]
    fn closed_wakes_on_receiver_drop() {
        loom::model(|| {
            let (mut tx, rx) = channel::<u8>();
            let th = thread::spawn(move || drop(rx));
            loom::future::block_on(tx.closed());
            assert!(tx.is_closed());
            th.join().unwrap();
        });
    }

    #[test]
    fn closed_changing_waker_races_close() {
        loom::model(|| {
            let (mut tx, mut rx) = channel::<u8>();
            let first = tx.poll_closed(&mut Context::from_waker(Waker::noop()));
            let th = thread::spawn(move || {
                rx.close();
                rx
            });
            if first.is_pending() {
                loom::future::block_on(tx.closed());
            }
            assert!(tx.is_closed());
            let mut rx = th.join().unwrap();
            assert_eq!(tx.send(2), Err(2));
            assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
        });
    }
}
