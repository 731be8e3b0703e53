//! [`BoxedFuture`]: a heap-pinned `Send` future that is also `Sync`.
//!
//! `PollSemaphore` and `PollSender` keep the in-flight `acquire` / `reserve`
//! future of the channel between polls. Those futures are `Send` but not
//! necessarily `Sync`; the wrappers should still be `Sync`, like tokio-util's.
//! That is sound because this type never hands out a shared reference to
//! the future: polling and replacing it need `&mut self`, so a `&BoxedFuture`
//! shared between threads gives access to nothing (the idea of
//! `std::sync::Exclusive`).
//!
//! `PollSender<T>` has no `T: 'static` bound, yet the reservation future it
//! keeps mentions `T`: [`BoxedFuture::new_unchecked`] erases that lifetime,
//! and `PollSender` upholds its contract (see there).

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

    /// Boxes and pins `future`, forgetting the lifetimes its type holds, so
    /// that it can be stored where `'static` is required.
    ///
    /// # Safety
    ///
    /// The caller must make sure the returned value is neither polled nor
    /// dropped after any lifetime in `F` has ended (typically: it is kept in
    /// a type that mentions those lifetimes and that the compiler's drop
    /// check requires to outlive them).
    pub(crate) unsafe fn new_unchecked<'a, F>(future: F) -> Self
    where
        F: Future<Output = T> + Send + 'a,
    {
        let future: Pin<Box<dyn Future<Output = T> + Send + 'a>> = Box::pin(future);
        // SAFETY: only the lifetime bound of the trait object changes (same
        // layout, same vtable); the caller promises that the future is not
        // used once `'a` is over, which is all the bound would enforce.
        let future = unsafe {
            std::mem::transmute::<
                Pin<Box<dyn Future<Output = T> + Send + 'a>>,
                Pin<Box<dyn Future<Output = T> + Send + 'static>>,
            >(future)
        };
        BoxedFuture { future }
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

    #[test]
    fn a_future_borrowing_locals_polls_and_drops_while_they_live() {
        let data = String::from("borrowed");
        let mut cx = Context::from_waker(Waker::noop());
        let (tx, rx) = std::sync::mpsc::channel::<&str>();
        // SAFETY: `boxed` is polled and dropped below, while `data` lives.
        let mut boxed = unsafe {
            BoxedFuture::new_unchecked(async {
                let mut yielded = false;
                std::future::poll_fn(|cx| {
                    if yielded {
                        Poll::Ready(())
                    } else {
                        yielded = true;
                        cx.waker().wake_by_ref();
                        Poll::Pending
                    }
                })
                .await;
                tx.send(&data).unwrap();
                data.len()
            })
        };
        assert!(boxed.poll(&mut cx).is_pending());
        assert_eq!(boxed.poll(&mut cx), Poll::Ready(8));
        assert_eq!(rx.recv().unwrap(), "borrowed");

        // Dropped before completion: its captures are dropped in place.
        let owned = String::from("sixteen bytes!!!");
        // SAFETY: dropped at the end of this block, while `owned` lives.
        let pending = unsafe {
            BoxedFuture::new_unchecked(async {
                std::future::pending::<()>().await;
                owned.len()
            })
        };
        drop(pending);
        assert_eq!(owned.len(), 16);
    }
}
