//! [`PollSender`]: a bounded `mpsc::Sender` driven by `poll` methods, and a
//! [`Sink`].
//!
//! Sending into a bounded channel is two steps: reserve a slot
//! (`Sender::reserve_owned`, an `async fn`), then fill it. The wrapper keeps
//! the reservation in flight between [`poll_reserve`](PollSender::poll_reserve)
//! calls and the granted permit until [`send_item`](PollSender::send_item),
//! through a small state machine:
//!
//! ```text
//! Idle(sender) --poll_reserve--> Acquiring --ready--> ReadyToSend(permit)
//!      ^                                                   |
//!      +------------------------ send_item ----------------+
//! ```
//!
//! plus `Closed`, reached by [`close`](PollSender::close) or when the
//! receiver is gone. A second sender handle is kept outside the state
//! machine so that `get_ref`, `clone` and `abort_send` work while the first
//! one is inside the reservation future.

use std::error::Error;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_sink::Sink;
use runtime_core::sync::mpsc::error::SendError;
use runtime_core::sync::mpsc::{OwnedPermit, Sender};

use super::boxed_future::BoxedFuture;

/// The error of [`PollSender`]: the channel is closed.
///
/// It carries the item when one was being sent
/// ([`send_item`](PollSender::send_item)), and nothing when the failure came
/// from [`poll_reserve`](PollSender::poll_reserve).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollSendError<T>(Option<T>);

impl<T> PollSendError<T> {
    /// Returns the item that could not be sent, if there was one.
    pub fn into_inner(self) -> Option<T> {
        self.0
    }
}

impl<T> fmt::Display for PollSendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("channel closed")
    }
}

impl<T: fmt::Debug> Error for PollSendError<T> {}

type ReserveFuture<T> = BoxedFuture<Result<OwnedPermit<T>, SendError<()>>>;

#[derive(Debug)]
enum State<T> {
    Idle(Sender<T>),
    Acquiring(ReserveFuture<T>),
    ReadyToSend(OwnedPermit<T>),
    Closed,
}

/// A wrapper around [`Sender`] that can be used as a [`Sink`].
///
/// Reserve a slot with [`poll_reserve`](Self::poll_reserve), then send with
/// [`send_item`](Self::send_item); the [`Sink`] implementation does exactly
/// that (`poll_ready`, `start_send`). Flushing does nothing: an item is in
/// the channel as soon as it is sent. Closing the sink drops this handle's
/// sender, which closes the channel once every other sender is gone.
///
/// # Examples
///
/// ```
/// use futures::SinkExt;
/// use runtime_core::sync::mpsc;
/// use runtime_util::sync::PollSender;
///
/// # futures::executor::block_on(async {
/// let (tx, mut rx) = mpsc::channel::<u32>(1);
/// let mut sink = PollSender::new(tx);
/// sink.send(7).await.unwrap();
/// assert_eq!(rx.recv().await, Some(7));
/// SinkExt::close(&mut sink).await.unwrap(); // the `Sink` method, not `PollSender::close`
/// assert_eq!(rx.recv().await, None);
/// # });
/// ```
#[derive(Debug)]
pub struct PollSender<T> {
    /// `None` after `close`.
    sender: Option<Sender<T>>,
    state: State<T>,
}

impl<T: Send> PollSender<T> {
    /// Wraps `sender`.
    pub fn new(sender: Sender<T>) -> Self {
        PollSender {
            sender: Some(sender.clone()),
            state: State::Idle(sender),
        }
    }

    /// Reserves a slot for the next [`send_item`](Self::send_item).
    ///
    /// Returns `Ready(Ok(()))` once a slot is held (at once if one already
    /// is), `Pending` while the channel is full.
    ///
    /// # Errors
    ///
    /// `Ready(Err(_))`, carrying no item, if the channel is closed: the
    /// receiver was dropped or [`close`](Self::close) was called.
    pub fn poll_reserve(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), PollSendError<T>>> {
        loop {
            match &mut self.state {
                State::Idle(_) => {
                    let State::Idle(sender) = std::mem::replace(&mut self.state, State::Closed)
                    else {
                        unreachable!("matched Idle above")
                    };
                    // SAFETY: the future holds only the sender and channel
                    // state, typed by `T`; its sole non-'static lifetimes
                    // are those in `T`. It lives in `self.state`, so it is
                    // polled through `&mut PollSender<T>` only, and dropped
                    // with (or before) the `PollSender<T>`, whose explicit
                    // `Drop` impl makes the drop check require every
                    // lifetime in `T` to outlive it.
                    let future = unsafe { BoxedFuture::new_unchecked(sender.reserve_owned()) };
                    self.state = State::Acquiring(future);
                }
                State::Acquiring(fut) => {
                    return match fut.poll(cx) {
                        Poll::Pending => Poll::Pending,
                        Poll::Ready(Ok(permit)) => {
                            self.state = State::ReadyToSend(permit);
                            Poll::Ready(Ok(()))
                        }
                        Poll::Ready(Err(_)) => {
                            self.state = State::Closed;
                            Poll::Ready(Err(PollSendError(None)))
                        }
                    };
                }
                State::ReadyToSend(_) => return Poll::Ready(Ok(())),
                State::Closed => return Poll::Ready(Err(PollSendError(None))),
            }
        }
    }

    /// Sends `value` into the slot reserved by
    /// [`poll_reserve`](Self::poll_reserve).
    ///
    /// If [`close`](Self::close) was called after the slot was reserved,
    /// the value is still sent and the sender is closed afterwards.
    ///
    /// # Errors
    ///
    /// Returns the value in the error if the sender is closed.
    ///
    /// # Panics
    ///
    /// Panics if no slot is reserved: `poll_reserve` must have returned
    /// `Ready(Ok(()))` since the last `send_item`.
    #[track_caller]
    pub fn send_item(&mut self, value: T) -> Result<(), PollSendError<T>> {
        let (result, next) = match std::mem::replace(&mut self.state, State::Closed) {
            State::Idle(_) | State::Acquiring(_) => {
                panic!("`send_item` called without first calling `poll_reserve`")
            }
            State::ReadyToSend(permit) => (Ok(()), State::Idle(permit.send(value))),
            State::Closed => (Err(PollSendError(Some(value))), State::Closed),
        };
        self.state = if self.sender.is_some() {
            next
        } else {
            State::Closed
        };
        result
    }

    /// Returns `true` if this sender was closed or the receiver is gone.
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed) || self.sender.as_ref().is_none_or(Sender::is_closed)
    }

    /// Returns the wrapped sender, or `None` once [`close`](Self::close) was
    /// called.
    pub fn get_ref(&self) -> Option<&Sender<T>> {
        self.sender.as_ref()
    }

    /// Closes this sender: later reservations and sends fail. A slot that is
    /// already reserved can still be used by one [`send_item`](Self::send_item).
    ///
    /// The channel itself closes once every other sender is dropped too.
    pub fn close(&mut self) {
        self.sender = None;
        if matches!(self.state, State::Idle(_) | State::Acquiring(_)) {
            self.state = State::Closed;
        }
    }

    /// Gives up a reservation that is in progress or held, returning the
    /// slot to the channel. Returns `true` if there was one to give up.
    pub fn abort_send(&mut self) -> bool {
        let (aborted, next) = match std::mem::replace(&mut self.state, State::Closed) {
            // Dropping the future dropped the sender inside it; use a clone
            // of the kept one.
            State::Acquiring(_) => match self.sender.clone() {
                Some(sender) => (true, State::Idle(sender)),
                None => (true, State::Closed),
            },
            State::ReadyToSend(permit) => {
                let sender = permit.release();
                if self.sender.is_some() {
                    (true, State::Idle(sender))
                } else {
                    (true, State::Closed)
                }
            }
            other => (false, other),
        };
        self.state = next;
        aborted
    }
}

// Not for any cleanup: an explicit `Drop` impl (without `#[may_dangle]`)
// makes the compiler require every lifetime in `T` to strictly outlive a
// `PollSender<T>`, which is what keeps the lifetime-erased reservation
// future in `state` from being dropped after them.
impl<T> Drop for PollSender<T> {
    fn drop(&mut self) {}
}

impl<T> Clone for PollSender<T> {
    /// A new handle on the same channel with nothing reserved; the clone of
    /// a closed `PollSender` is closed.
    fn clone(&self) -> Self {
        match &self.sender {
            Some(sender) => PollSender {
                sender: Some(sender.clone()),
                state: State::Idle(sender.clone()),
            },
            None => PollSender {
                sender: None,
                state: State::Closed,
            },
        }
    }
}

impl<T: Send> Sink<T> for PollSender<T> {
    type Error = PollSendError<T>;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::into_inner(self).poll_reserve(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: T) -> Result<(), Self::Error> {
        Pin::into_inner(self).send_item(item)
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::into_inner(self).close();
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use runtime_core::sync::mpsc;
    use std::task::Waker;

    /// The lifetime-erased reservation future, with items that borrow
    /// locals: completed, left pending and dropped, and aborted (run under
    /// miri too).
    #[test]
    fn reservations_with_borrowed_items() {
        let words = [String::from("one"), String::from("two")];
        let (tx, mut rx) = mpsc::channel::<&str>(1);
        let mut sender = PollSender::new(tx);
        let mut cx = Context::from_waker(Waker::noop());
        assert!(sender.poll_reserve(&mut cx).is_ready());
        sender.send_item(&words[0]).unwrap();
        // Full: the reservation pends, then is aborted.
        assert!(sender.poll_reserve(&mut cx).is_pending());
        assert!(sender.abort_send());
        assert!(sender.poll_reserve(&mut cx).is_pending());
        assert_eq!(rx.try_recv().unwrap(), "one");
        assert!(sender.poll_reserve(&mut cx).is_ready());
        sender.send_item(&words[1]).unwrap();
        // Pending again when dropped.
        assert!(sender.poll_reserve(&mut cx).is_pending());
        drop(sender);
        assert_eq!(rx.try_recv().unwrap(), "two");
        assert!(rx.try_recv().is_err());
    }
}
