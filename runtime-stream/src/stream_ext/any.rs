//! [`AnyFuture`]: the future behind [`StreamExt::any`](crate::StreamExt::any).
//!
//! It stops at the first item that satisfies the predicate, leaving the
//! rest of the stream unconsumed. An always-ready stream would keep it
//! looping, so after 32 items in one poll it wakes its task and returns
//! `Pending`.

use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use pin_project_lite::pin_project;

/// Items examined per poll before yielding to the executor.
const ITEMS_PER_POLL: usize = 32;

pin_project! {
    /// Future for [`StreamExt::any`](crate::StreamExt::any): whether some
    /// item satisfies the predicate.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct AnyFuture<'a, St: ?Sized, F> {
        stream: &'a mut St,
        f: F,
        #[pin]
        _pin: PhantomPinned,
    }
}

impl<'a, St: ?Sized, F> AnyFuture<'a, St, F> {
    pub(super) fn new(stream: &'a mut St, f: F) -> Self {
        AnyFuture {
            stream,
            f,
            _pin: PhantomPinned,
        }
    }
}

impl<St, F> Future for AnyFuture<'_, St, F>
where
    St: ?Sized + Stream + Unpin,
    F: FnMut(St::Item) -> bool,
{
    type Output = bool;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        let me = self.project();
        let mut stream = Pin::new(&mut **me.stream);
        for _ in 0..ITEMS_PER_POLL {
            match ready!(stream.as_mut().poll_next(cx)) {
                Some(item) => {
                    if (me.f)(item) {
                        return Poll::Ready(true);
                    }
                }
                None => return Poll::Ready(false),
            }
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
