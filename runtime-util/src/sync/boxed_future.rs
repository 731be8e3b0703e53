//! [`BoxedFuture`]: a heap-pinned `Send` future that is also `Sync`.
//!
//! `PollSemaphore` and `PollSender` keep the in-flight `acquire` / `reserve`
//! future of the channel between polls. Those futures are `Send` but not
//! necessarily `Sync`; the wrappers should still be `Sync`, like tokio-util's.
//! That is sound because this type never hands out a shared reference to
//! the future: polling and replacing it need `&mut self`, so a `&BoxedFuture`
//! shared between threads gives access to nothing (the idea of
//! `std::sync::Exclusive`).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// An owned, pinned, type-erased future, reachable only through `&mut`.
pub(crate) struct BoxedFuture<T> {
    future: Pin<Box<dyn Future<Output = T> + Send>>,
}

// SAFETY: every method that touches `future` takes `&mut self` (and `Debug`
// does not look at it), so sharing `&BoxedFuture` across threads allows no
// access to the non-`Sync` future at all.
unsafe impl<T> Sync for BoxedFuture<T> {}

impl<T> BoxedFuture<T> {
    /// Boxes and pins `future`.
    pub(crate) fn new<F>(future: F) -> Self
    where
        F: Future<Output = T> + Send + 'static,
    {
        BoxedFuture {
            future: Box::pin(future),
        }
    }

    /// Polls the future.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<T> {
        self.future.as_mut().poll(cx)
    }
}

impl<T> fmt::Debug for BoxedFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoxedFuture").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::task::Waker;

    #[test]
    fn polls_a_non_sync_future_to_completion() {
        fn assert_sync<T: Sync>(_: &T) {}
        let mut polls = 0;
        let mut boxed = BoxedFuture::new(async {
            // `Cell` makes the future `!Sync`.
            let c = Cell::new(1);
            std::future::ready(()).await;
            c.get() + 1
        });
        assert_sync(&boxed);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            polls += 1;
            if let Poll::Ready(v) = boxed.poll(&mut cx) {
                assert_eq!(v, 2);
                break;
            }
        }
        assert_eq!(polls, 1);
        assert_eq!(format!("{boxed:?}"), "BoxedFuture { .. }");
    }
}
