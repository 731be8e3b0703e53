//! [`PollSemaphore`]: a [`Semaphore`] acquired through `poll_*` methods.
//!
//! `Semaphore::acquire_many_owned` is an `async fn`, which a hand-written
//! `poll_ready` (a `tower::Service`, a `Sink`) cannot `.await`. The wrapper
//! keeps the pending acquisition in a box between polls, so the caller keeps
//! its place in the semaphore's fair queue. When a permit is free right now
//! it is taken without allocating.

use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_core::sync::{AcquireError, OwnedSemaphorePermit, Semaphore, TryAcquireError};

use super::boxed_future::BoxedFuture;

type AcquireFuture = BoxedFuture<Result<OwnedSemaphorePermit, AcquireError>>;

/// A wrapper around [`Semaphore`] with `poll` methods for acquiring
/// permits.
///
/// It is also a [`Stream`] of permits that ends when the semaphore is
/// closed.
///
/// # Examples
///
/// ```
/// use std::future::poll_fn;
/// use std::sync::Arc;
/// use runtime_core::sync::Semaphore;
/// use runtime_util::sync::PollSemaphore;
///
/// # futures::executor::block_on(async {
/// let mut sem = PollSemaphore::new(Arc::new(Semaphore::new(2)));
/// let permit = poll_fn(|cx| sem.poll_acquire_many(cx, 2)).await.unwrap();
/// assert_eq!(permit.num_permits(), 2);
/// assert_eq!(sem.available_permits(), 0);
/// drop(permit);
/// assert_eq!(sem.available_permits(), 2);
/// # });
/// ```
pub struct PollSemaphore {
    semaphore: Arc<Semaphore>,
    /// The pending acquisition and how many permits it asks for.
    pending: Option<(u32, AcquireFuture)>,
}

impl PollSemaphore {
    /// Wraps `semaphore`.
    pub fn new(semaphore: Arc<Semaphore>) -> Self {
        PollSemaphore {
            semaphore,
            pending: None,
        }
    }

    /// Returns the wrapped semaphore, giving up any pending acquisition.
    pub fn into_inner(self) -> Arc<Semaphore> {
        self.semaphore
    }

    /// Returns a new handle to the wrapped semaphore.
    pub fn clone_inner(&self) -> Arc<Semaphore> {
        self.semaphore.clone()
    }

    /// Polls to acquire one permit.
    ///
    /// Returns `Ready(None)` once the semaphore is closed. On `Pending`, the
    /// current task is woken when the permit may be available; only the
    /// task of the most recent poll is woken.
    ///
    /// # Cancel safety
    ///
    /// Between polls this wrapper holds the caller's place in the queue;
    /// dropping the wrapper or polling for a different count gives it up.
    pub fn poll_acquire(&mut self, cx: &mut Context<'_>) -> Poll<Option<OwnedSemaphorePermit>> {
        self.poll_acquire_many(cx, 1)
    }

    /// Polls to acquire `permits` permits at once.
    ///
    /// Returns `Ready(None)` once the semaphore is closed. If the previous
    /// poll asked for a different number, the pending acquisition is
    /// restarted for the new one.
    pub fn poll_acquire_many(
        &mut self,
        cx: &mut Context<'_>,
        permits: u32,
    ) -> Poll<Option<OwnedSemaphorePermit>> {
        let restart = !matches!(&self.pending, Some((n, _)) if *n == permits);
        if restart {
            self.pending = None;
            match self.semaphore.clone().try_acquire_many_owned(permits) {
                Ok(permit) => return Poll::Ready(Some(permit)),
                Err(TryAcquireError::Closed) => return Poll::Ready(None),
                Err(TryAcquireError::NoPermits) => {}
            }
            let fut = self.semaphore.clone().acquire_many_owned(permits);
            self.pending = Some((permits, BoxedFuture::new(fut)));
        }
        let (_, fut) = self
            .pending
            .as_mut()
            .expect("a pending acquisition was just stored");
        match fut.poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(result) => {
                self.pending = None;
                Poll::Ready(result.ok())
            }
        }
    }

    /// Returns the number of permits free right now.
    pub fn available_permits(&self) -> usize {
        self.semaphore.available_permits()
    }

    /// Adds `n` permits to the semaphore.
    ///
    /// # Panics
    ///
    /// Panics if the total would exceed [`Semaphore::MAX_PERMITS`].
    pub fn add_permits(&self, n: usize) {
        self.semaphore.add_permits(n);
    }
}

impl Clone for PollSemaphore {
    /// A new wrapper around the same semaphore, with no acquisition pending.
    fn clone(&self) -> Self {
        PollSemaphore::new(self.clone_inner())
    }
}

impl fmt::Debug for PollSemaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollSemaphore")
            .field("semaphore", &self.semaphore)
            .finish()
    }
}

impl AsRef<Semaphore> for PollSemaphore {
    fn as_ref(&self) -> &Semaphore {
        &self.semaphore
    }
}

impl Stream for PollSemaphore {
    type Item = OwnedSemaphorePermit;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<OwnedSemaphorePermit>> {
        std::pin::Pin::into_inner(self).poll_acquire(cx)
    }
}
