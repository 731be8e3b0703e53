//! [`TryNext`]: the future behind
//! [`StreamExt::try_next`](crate::StreamExt::try_next).

use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use pin_project_lite::pin_project;

use super::Next;

pin_project! {
    /// Future for [`StreamExt::try_next`](crate::StreamExt::try_next):
    /// resolves to `Ok(Some(item))`, `Err(e)` for an error item, or
    /// `Ok(None)` when the stream has ended.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct TryNext<'a, St: ?Sized> {
        #[pin]
        inner: Next<'a, St>,
        #[pin]
        _pin: PhantomPinned,
    }
}

impl<'a, St: ?Sized> TryNext<'a, St> {
    pub(super) fn new(stream: &'a mut St) -> Self {
        TryNext {
            inner: Next::new(stream),
            _pin: PhantomPinned,
        }
    }
}

impl<T, E, St> Future for TryNext<'_, St>
where
    St: ?Sized + Stream<Item = Result<T, E>> + Unpin,
{
    type Output = Result<Option<T>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let item = ready!(self.project().inner.poll(cx));
        Poll::Ready(item.transpose())
    }
}
