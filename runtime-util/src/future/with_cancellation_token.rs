//! The futures returned by [`FutureExt::with_cancellation_token`] and
//! [`FutureExt::with_cancellation_token_owned`].
//!
//! Both are the race of `CancellationToken::run_until_cancelled` (the
//! crate-private `RunUntilCancelled`), with one difference: the token is
//! checked when the adapter is *created*, not at its first poll. A token
//! already cancelled at that point leaves the race out (`None` inside), and
//! the future resolves to `None` without ever polling the wrapped future.
//!
//! [`FutureExt::with_cancellation_token`]: super::FutureExt::with_cancellation_token
//! [`FutureExt::with_cancellation_token_owned`]: super::FutureExt::with_cancellation_token_owned

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use crate::sync::{
    CancellationToken, RunUntilCancelled, WaitForCancellationFuture, WaitForCancellationFutureOwned,
};

pin_project! {
    /// The future returned by
    /// [`FutureExt::with_cancellation_token`](super::FutureExt::with_cancellation_token):
    /// `Some(output)` if the wrapped future completes, `None` if the token
    /// is cancelled first.
    ///
    /// Resolves to `None` at once if the token was already cancelled when
    /// the adapter was created; otherwise, when completion and cancellation
    /// are seen in the same poll, completion wins.
    #[must_use = "futures do nothing unless polled"]
    pub struct WithCancellationTokenFuture<'a, F: Future> {
        // `None` when the token was cancelled at creation.
        #[pin]
        race: Option<RunUntilCancelled<WaitForCancellationFuture<'a>, F>>,
    }
}

impl<'a, F: Future> WithCancellationTokenFuture<'a, F> {
    pub(crate) fn new(token: &'a CancellationToken, future: F) -> Self {
        let race = if token.is_cancelled() {
            None
        } else {
            Some(RunUntilCancelled::new(token.cancelled(), future))
        };
        WithCancellationTokenFuture { race }
    }
}

impl<F: Future> Future for WithCancellationTokenFuture<'_, F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().race.as_pin_mut() {
            Some(race) => race.poll(cx),
            None => Poll::Ready(None),
        }
    }
}

impl<F: Future> fmt::Debug for WithCancellationTokenFuture<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithCancellationTokenFuture")
            .finish_non_exhaustive()
    }
}

pin_project! {
    /// The future returned by
    /// [`FutureExt::with_cancellation_token_owned`](super::FutureExt::with_cancellation_token_owned):
    /// as [`WithCancellationTokenFuture`], holding its own token.
    #[must_use = "futures do nothing unless polled"]
    pub struct WithCancellationTokenFutureOwned<F: Future> {
        // `None` when the token was cancelled at creation.
        #[pin]
        race: Option<RunUntilCancelled<WaitForCancellationFutureOwned, F>>,
    }
}

impl<F: Future> WithCancellationTokenFutureOwned<F> {
    pub(crate) fn new(token: CancellationToken, future: F) -> Self {
        let race = if token.is_cancelled() {
            None
        } else {
            Some(RunUntilCancelled::new(token.cancelled_owned(), future))
        };
        WithCancellationTokenFutureOwned { race }
    }
}

impl<F: Future> Future for WithCancellationTokenFutureOwned<F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().race.as_pin_mut() {
            Some(race) => race.poll(cx),
            None => Poll::Ready(None),
        }
    }
}

impl<F: Future> fmt::Debug for WithCancellationTokenFutureOwned<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithCancellationTokenFutureOwned")
            .finish_non_exhaustive()
    }
}
