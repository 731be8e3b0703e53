//! [`FutureExt`]: adapters for any future, written as method calls.
//!
//! Each method wraps a free function or token method so that it can close a
//! call chain (`rx.timeout(d).await`) instead of opening it
//! (`timeout(d, rx).await`):
//!
//! * [`timeout`](FutureExt::timeout) and [`timeout_at`](FutureExt::timeout_at)
//!   (feature `time`) are `runtime_time::timeout` and
//!   `runtime_time::timeout_at`;
//! * [`with_cancellation_token`](FutureExt::with_cancellation_token) and
//!   [`with_cancellation_token_owned`](FutureExt::with_cancellation_token_owned)
//!   race the future against a [`CancellationToken`], like
//!   [`CancellationToken::run_until_cancelled`], and share its race future.
//!
//! The trait is also re-exported as `runtime_util::time::FutureExt`, where
//! tokio-util first put it.

mod with_cancellation_token;
pub use with_cancellation_token::{WithCancellationTokenFuture, WithCancellationTokenFutureOwned};

use std::future::Future;

use crate::sync::CancellationToken;

/// Adapters for every [`Future`], as methods.
///
/// Implemented for all futures; bring it into scope with
/// `use runtime_util::future::FutureExt`.
pub trait FutureExt: Future {
    /// Limits the time this future may take to `timeout`, as
    /// [`runtime_time::timeout`]: the returned future resolves to
    /// `Ok(output)` if `self` completes first, or to
    /// `Err(`[`Elapsed`](runtime_time::error::Elapsed)`)` once the duration
    /// has passed (and then `self` is dropped).
    ///
    /// # Panics
    ///
    /// When polled outside a runtime with the time driver.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_core::sync::oneshot;
    /// use runtime_util::future::FutureExt;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .start_paused(true)
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let (_tx, rx) = oneshot::channel::<u32>();
    /// // Nothing is ever sent: the timeout fires.
    /// assert!(rx.timeout(Duration::from_millis(10)).await.is_err());
    ///
    /// let (tx, rx) = oneshot::channel::<u32>();
    /// tx.send(5).unwrap();
    /// assert_eq!(rx.timeout(Duration::from_millis(10)).await, Ok(Ok(5)));
    /// # });
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    #[track_caller]
    fn timeout(self, timeout: std::time::Duration) -> runtime_time::Timeout<Self>
    where
        Self: Sized,
    {
        runtime_time::timeout(timeout, self)
    }

    /// Limits this future to complete before `deadline`, as
    /// [`runtime_time::timeout_at`]: `Ok(output)` if `self` completes
    /// first, `Err(`[`Elapsed`](runtime_time::error::Elapsed)`)` once the
    /// deadline is reached.
    ///
    /// # Panics
    ///
    /// When polled outside a runtime with the time driver.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_core::sync::oneshot;
    /// use runtime_time::Instant;
    /// use runtime_util::future::FutureExt;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .start_paused(true)
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let (_tx, rx) = oneshot::channel::<u32>();
    /// let deadline = Instant::now() + Duration::from_millis(10);
    /// assert!(rx.timeout_at(deadline).await.is_err());
    /// assert!(Instant::now() >= deadline);
    /// # });
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    fn timeout_at(self, deadline: runtime_time::Instant) -> runtime_time::Timeout<Self>
    where
        Self: Sized,
    {
        runtime_time::timeout_at(deadline, self)
    }

    /// Runs this future until it completes (`Some(output)`) or
    /// `cancellation_token` is cancelled (`None`, and `self` is dropped),
    /// like [`CancellationToken::run_until_cancelled`].
    ///
    /// # Fairness
    ///
    /// If the token is already cancelled when this method is called, the
    /// returned future resolves to `None` at its first poll without polling
    /// `self`. After that, `self` is polled first: when it completes in the
    /// same poll in which the cancellation is seen, its output wins.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe exactly when `self` is.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    /// use runtime_util::future::FutureExt;
    /// use runtime_util::sync::CancellationToken;
    ///
    /// # futures::executor::block_on(async {
    /// let token = CancellationToken::new();
    /// let (tx, rx) = oneshot::channel::<&str>();
    /// tx.send("done").unwrap();
    /// assert_eq!(rx.with_cancellation_token(&token).await, Some(Ok("done")));
    ///
    /// let (_tx, rx) = oneshot::channel::<&str>();
    /// let waiting = rx.with_cancellation_token(&token);
    /// token.cancel();
    /// assert_eq!(waiting.await, None);
    /// # });
    /// ```
    fn with_cancellation_token(
        self,
        cancellation_token: &CancellationToken,
    ) -> WithCancellationTokenFuture<'_, Self>
    where
        Self: Sized,
    {
        WithCancellationTokenFuture::new(cancellation_token, self)
    }

    /// As [`with_cancellation_token`](Self::with_cancellation_token), but
    /// the returned future owns the token, so it is `'static` when `self`
    /// is (it can be spawned), like
    /// [`CancellationToken::run_until_cancelled_owned`].
    ///
    /// Fairness and cancel safety are those of `with_cancellation_token`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    /// use runtime_util::future::FutureExt;
    /// use runtime_util::sync::CancellationToken;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let token = CancellationToken::new();
    /// let (_tx, rx) = oneshot::channel::<u32>();
    /// let task = runtime_core::task::spawn(rx.with_cancellation_token_owned(token.clone()));
    /// token.cancel();
    /// assert_eq!(task.await.unwrap(), None);
    /// # });
    /// ```
    fn with_cancellation_token_owned(
        self,
        cancellation_token: CancellationToken,
    ) -> WithCancellationTokenFutureOwned<Self>
    where
        Self: Sized,
    {
        WithCancellationTokenFutureOwned::new(cancellation_token, self)
    }
}

impl<T: Future + ?Sized> FutureExt for T {}
