//! [`Next`]: the future behind [`StreamExt::next`](crate::StreamExt::next).

use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// Future for [`StreamExt::next`](crate::StreamExt::next): resolves to
    /// the stream's next item, or `None` when it has ended.
    ///
    /// The future only borrows the stream; dropping it before it completes
    /// loses nothing.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Next<'a, St: ?Sized> {
        stream: &'a mut St,
        // Not `Unpin`, so that the future may later hold pinned state
        // without a breaking change (tokio-stream's choice too).
        #[pin]
        _pin: PhantomPinned,
    }
}

impl<'a, St: ?Sized> Next<'a, St> {
    pub(super) fn new(stream: &'a mut St) -> Self {
        Next {
            stream,
            _pin: PhantomPinned,
        }
    }
}

impl<St: ?Sized + Stream + Unpin> Future for Next<'_, St> {
    type Output = Option<St::Item>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let me = self.project();
        Pin::new(&mut **me.stream).poll_next(cx)
    }
}
