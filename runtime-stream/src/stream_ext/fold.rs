//! [`FoldFuture`]: the future behind
//! [`StreamExt::fold`](crate::StreamExt::fold).

use std::fmt;
use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// Future for [`StreamExt::fold`](crate::StreamExt::fold): the
    /// accumulator after every item has been folded into it.
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct FoldFuture<St, B, F> {
        #[pin]
        stream: St,
        acc: Option<B>,
        f: F,
        #[pin]
        _pin: PhantomPinned,
    }
}

impl<St, B, F> fmt::Debug for FoldFuture<St, B, F>
where
    St: fmt::Debug,
    B: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FoldFuture")
            .field("stream", &self.stream)
            .field("acc", &self.acc)
            .finish()
    }
}

impl<St, B, F> FoldFuture<St, B, F> {
    pub(super) fn new(stream: St, init: B, f: F) -> Self {
        FoldFuture {
            stream,
            acc: Some(init),
            f,
            _pin: PhantomPinned,
        }
    }
}

impl<St, B, F> Future for FoldFuture<St, B, F>
where
    St: Stream,
    F: FnMut(B, St::Item) -> B,
{
    type Output = B;

    /// # Panics
    ///
    /// Panics if polled again after it completed.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<B> {
        let mut me = self.project();
        loop {
            let item = ready!(me.stream.as_mut().poll_next(cx));
            let acc = me.acc.take().expect("`FoldFuture` polled after completion");
            match item {
                Some(item) => *me.acc = Some((me.f)(acc, item)),
                None => return Poll::Ready(acc),
            }
        }
    }
}
