//! A one-shot channel: sends a single value from one task to another.
//!
//! # Design
//!
//! Sender and receiver share one allocation holding a small mutex-guarded
//! state: the value slot, whether the sender is done (sent or dropped),
//! whether the receiver closed, and one waker for each side. Every
//! transition takes the lock, changes the state and takes out the other
//! side's waker, then wakes it after unlocking, so there is no window in
//! which a wake-up can be lost (the loom models below check the races
//! between send, close and drop).
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

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker, ready};

use self::error::{RecvError, TryRecvError};
use crate::loom::sync::{Arc, Mutex};
use crate::task::coop;

struct State<T> {
    value: Option<T>,
    /// The sender sent or was dropped.
    tx_done: bool,
    /// The receiver closed or was dropped.
    rx_closed: bool,
    rx_waker: Option<Waker>,
    tx_waker: Option<Waker>,
}

struct Inner<T> {
    state: Mutex<State<T>>,
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
        state: Mutex::new(State {
            value: None,
            tx_done: false,
            rx_closed: false,
            rx_waker: None,
            tx_waker: None,
        }),
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
        let mut state = inner.state.lock();
        if state.rx_closed {
            return Err(value);
        }
        state.value = Some(value);
        state.tx_done = true;
        let waker = state.rx_waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
    }

    /// Whether the receiver was closed or dropped.
    pub fn is_closed(&self) -> bool {
        self.inner
            .as_ref()
            .is_none_or(|inner| inner.state.lock().rx_closed)
    }

    /// Polls for the receiver being closed or dropped; see
    /// [`closed`](Self::closed).
    pub fn poll_closed(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let coop = ready!(coop::poll_proceed(cx));
        let Some(inner) = self.inner.as_ref() else {
            coop.made_progress();
            return Poll::Ready(());
        };
        let mut state = inner.state.lock();
        if state.rx_closed {
            coop.made_progress();
            return Poll::Ready(());
        }
        match &state.tx_waker {
            Some(w) if w.will_wake(cx.waker()) => {}
            _ => state.tx_waker = Some(cx.waker().clone()),
        }
        Poll::Pending
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
            let mut state = inner.state.lock();
            state.tx_done = true;
            let waker = state.rx_waker.take();
            drop(state);
            if let Some(waker) = waker {
                waker.wake();
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
            let mut state = inner.state.lock();
            state.rx_closed = true;
            let waker = state.tx_waker.take();
            drop(state);
            if let Some(waker) = waker {
                waker.wake();
            }
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
        self.inner
            .as_ref()
            .is_none_or(|inner| inner.state.lock().value.is_none())
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
        let mut state = inner.state.lock();
        if let Some(value) = state.value.take() {
            drop(state);
            self.inner = None;
            return Ok(value);
        }
        if state.tx_done || state.rx_closed {
            drop(state);
            self.inner = None;
            return Err(TryRecvError::Closed);
        }
        Err(TryRecvError::Empty)
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
        let mut state = inner.state.lock();
        let out = if let Some(value) = state.value.take() {
            Ok(value)
        } else if state.tx_done || state.rx_closed {
            Err(RecvError(()))
        } else {
            match &state.rx_waker {
                Some(w) if w.will_wake(cx.waker()) => {}
                _ => state.rx_waker = Some(cx.waker().clone()),
            }
            return Poll::Pending;
        };
        drop(state);
        self.inner = None;
        coop.made_progress();
        Poll::Ready(out)
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            let mut state = inner.state.lock();
            state.rx_closed = true;
            let value = state.value.take();
            let waker = state.tx_waker.take();
            drop(state);
            drop(value);
            if let Some(waker) = waker {
                waker.wake();
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

#[cfg(all(test, runtime_loom))]
mod loom_oneshot {
    use super::*;
    use crate::loom::thread;

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
    fn closed_wakes_on_receiver_drop() {
        loom::model(|| {
            let (mut tx, rx) = channel::<u8>();
            let th = thread::spawn(move || drop(rx));
            loom::future::block_on(tx.closed());
            assert!(tx.is_closed());
            th.join().unwrap();
        });
    }
}
