//! [`empty`]: a stream that ends at once.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// A stream that yields nothing; see [`empty`].
///
/// It is `Send`, `Sync` and `Unpin` whatever `T` is, since it never holds a
/// `T`.
#[derive(Debug)]
#[must_use = "streams do nothing unless polled"]
pub struct Empty<T>(PhantomData<fn() -> T>);

impl<T> Unpin for Empty<T> {}

/// Creates a stream that yields nothing: its first poll returns
/// `Ready(None)`.
///
/// # Examples
///
/// ```
/// use runtime_stream::{self as stream, StreamExt};
///
/// # futures::executor::block_on(async {
/// let mut none = stream::empty::<i32>();
///
/// assert_eq!(None, none.next().await);
/// # });
/// ```
pub const fn empty<T>() -> Empty<T> {
    Empty(PhantomData)
}

impl<T> Stream for Empty<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(0))
    }
}
