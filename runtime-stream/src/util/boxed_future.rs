//! [`BoxedFuture`]: a pinned, boxed `Send` future that is also `Sync`.
//!
//! The channel wrappers keep an `async` receive future between polls; its
//! type cannot be named, so it is boxed as `dyn Future + Send`. A trait
//! object is not `Sync`, which would make the wrapper `!Sync` although no
//! one can reach the future through a shared reference. This type restores
//! `Sync` on the grounds that it offers no `&self` access to the future at
//! all: every method takes `&mut self` (or `self`).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A boxed `Send` future that is `Sync` because it can only be used through
/// `&mut self`.
pub(crate) struct BoxedFuture<T> {
    future: Pin<Box<dyn Future<Output = T> + Send + 'static>>,
}

impl<T> BoxedFuture<T> {
    /// Boxes `future`.
    pub(crate) fn new<F>(future: F) -> Self
    where
        F: Future<Output = T> + Send + 'static,
    {
        BoxedFuture {
            future: Box::pin(future),
        }
    }

    /// Replaces the future with `future`, dropping the old one.
    pub(crate) fn set<F>(&mut self, future: F)
    where
        F: Future<Output = T> + Send + 'static,
    {
        self.future = Box::pin(future);
    }

    /// Polls the future.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<T> {
        self.future.as_mut().poll(cx)
    }
}

// SAFETY: `Sync` lets several threads hold `&BoxedFuture<T>` at once. No
// method of this type takes `&self`, and the `future` field is private, so
// a shared reference gives no access to the future at all; everything that
// touches it needs `&mut self`, which is exclusive. Moving the future
// between threads is covered by its own `Send` bound.
unsafe impl<T> Sync for BoxedFuture<T> {}

impl<T> fmt::Debug for BoxedFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoxedFuture").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::task::{Context, Poll, Waker};

    use super::BoxedFuture;

    fn assert_send_sync<T: Send + Sync>(_: &T) {}

    #[test]
    fn polls_and_replaces_the_future() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut fut = BoxedFuture::new(async { 1 });
        assert_send_sync(&fut);
        assert_eq!(fut.poll(&mut cx), Poll::Ready(1));
        fut.set(std::future::pending());
        assert_eq!(fut.poll(&mut cx), Poll::Pending);
        fut.set(async { 2 });
        assert_eq!(fut.poll(&mut cx), Poll::Ready(2));
    }

    #[test]
    fn drops_the_replaced_future() {
        let tracker = std::sync::Arc::new(());
        let held = tracker.clone();
        let mut fut = BoxedFuture::new(async move {
            let _held = held;
            0
        });
        assert_eq!(std::sync::Arc::strong_count(&tracker), 2);
        fut.set(async { 3 });
        assert_eq!(std::sync::Arc::strong_count(&tracker), 1);
        assert_eq!(format!("{fut:?}"), "BoxedFuture { .. }");
    }
}
