//! [`pending`]: a stream that never yields and never ends.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// A stream that is never ready; see [`pending`].
///
/// It is `Send`, `Sync` and `Unpin` whatever `T` is, since it never holds a
/// `T`.
#[derive(Debug)]
#[must_use = "streams do nothing unless polled"]
pub struct Pending<T>(PhantomData<fn() -> T>);

impl<T> Unpin for Pending<T> {}

/// Creates a stream that never yields an item and never ends: every poll
/// returns `Pending`, and it never wakes its task.
///
/// It is useful as a placeholder, for example in a
/// [`StreamMap`](crate::StreamMap) slot or a `select!` branch that must
/// never fire.
///
/// # Examples
///
/// ```
/// use std::task::{Context, Poll};
///
/// use runtime_stream::{self as stream, Stream};
///
/// let mut never = stream::pending::<i32>();
/// let mut cx = Context::from_waker(std::task::Waker::noop());
///
/// assert_eq!(std::pin::Pin::new(&mut never).poll_next(&mut cx), Poll::Pending);
/// ```
pub const fn pending<T>() -> Pending<T> {
    Pending(PhantomData)
}

impl<T> Stream for Pending<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Pending
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, None)
    }
}
