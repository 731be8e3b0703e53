//! [`empty`]: a stream that ends at once.
//!
//! Like [`iter`](crate::iter), every poll takes one unit of the task's
//! cooperative budget (as tokio-stream 0.1.19): a loop that keeps polling
//! an ended stream inside a runtime still gives the executor back.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use runtime_core::task::coop;

/// A stream that yields nothing; see [`empty`].
///
/// It is `Send`, `Sync` and `Unpin` whatever `T` is, since it never holds a
/// `T`.
#[derive(Debug)]
#[must_use = "streams do nothing unless polled"]
pub struct Empty<T>(PhantomData<fn() -> T>);

impl<T> Unpin for Empty<T> {}

/// Creates a stream that yields nothing: its first poll returns
/// `Ready(None)` (unless the task's cooperative budget is spent, in which
/// case it returns `Pending` after waking the task).
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

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let budget = ready!(coop::poll_proceed(cx));
        budget.made_progress();
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(0))
    }
}
