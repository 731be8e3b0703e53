//! [`timeout`], [`timeout_at`] and the [`Timeout`] future.
//!
//! The fast path costs no timer: `Timeout` polls the wrapped future first
//! and returns at once if it is ready; its `Sleep` joins the wheel only on
//! the first poll where the future is pending.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use runtime_core::task::coop;

use crate::driver::handle::TimeHandle;
use crate::error::Elapsed;
use crate::sleep::Sleep;
use crate::{Instant, sleep_until};

/// Requires a `Future` to complete before `duration` has elapsed.
///
/// If the future completes in time, its output is returned as `Ok`;
/// otherwise the future is dropped (cancelling it) and `Err(Elapsed)` is
/// returned. The future is always polled before the timer is checked, so
/// a future that is ready right away succeeds even with a zero duration,
/// and one that completes at exactly the deadline wins.
///
/// A `duration` too long to represent (such as [`Duration::MAX`]) means no
/// timeout at all: the future is awaited for as long as it takes, and no
/// timer is registered.
///
/// # Cancellation
///
/// Cancelling a timeout is done by dropping the future. No additional
/// cleanup or other work is required.
///
/// # Panics
///
/// Panics if called outside a runtime, or in a runtime built without
/// timers (the message names `enable_time`).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::timeout;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// // Ready at once: Ok.
/// assert_eq!(timeout(Duration::from_millis(10), async { 7 }).await, Ok(7));
/// // Never ready: Err(Elapsed).
/// let never = std::future::pending::<()>();
/// assert!(timeout(Duration::from_millis(10), never).await.is_err());
/// # });
/// ```
#[track_caller]
pub fn timeout<F>(duration: Duration, future: F) -> Timeout<F::IntoFuture>
where
    F: IntoFuture,
{
    let handle = TimeHandle::current();
    let delay = handle
        .clock()
        .now()
        .checked_add(duration)
        .map(|deadline| Sleep::new_with_handle(handle, deadline));
    Timeout {
        value: future.into_future(),
        delay,
    }
}

/// Requires a `Future` to complete before `deadline`.
///
/// Like [`timeout`], with an instant instead of a duration.
///
/// # Cancellation
///
/// Cancelling a timeout is done by dropping the future. No additional
/// cleanup or other work is required.
///
/// # Panics
///
/// Panics if called outside a runtime, or in a runtime built without
/// timers (the message names `enable_time`).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, timeout_at};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let deadline = Instant::now() + Duration::from_millis(10);
/// let res = timeout_at(deadline, std::future::pending::<()>()).await;
/// assert!(res.is_err());
/// assert!(Instant::now() >= deadline);
/// # });
/// ```
#[track_caller]
pub fn timeout_at<F>(deadline: Instant, future: F) -> Timeout<F::IntoFuture>
where
    F: IntoFuture,
{
    Timeout::new_with_delay(future.into_future(), sleep_until(deadline))
}

pin_project_lite::pin_project! {
    /// The future returned by [`timeout`] and [`timeout_at`].
    ///
    /// Resolves to `Ok(output)` if the wrapped future completes first, or
    /// `Err(Elapsed)` once the deadline passes.
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    #[derive(Debug)]
    pub struct Timeout<T> {
        #[pin]
        value: T,
        // `None` when the deadline cannot be represented: no timeout.
        #[pin]
        delay: Option<Sleep>,
    }
}

impl<T> Timeout<T> {
    pub(crate) fn new_with_delay(value: T, delay: Sleep) -> Timeout<T> {
        Timeout {
            value,
            delay: Some(delay),
        }
    }

    /// Gets a reference to the wrapped future.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::timeout;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let t = timeout(Duration::from_secs(1), std::future::ready(3));
    /// let _inner: &std::future::Ready<i32> = t.get_ref();
    /// # });
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// Gets a mutable reference to the wrapped future.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// Consumes the `Timeout`, returning the wrapped future; its timer is
    /// cancelled.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::timeout;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let t = timeout(Duration::from_secs(1), async { 5 });
    /// assert_eq!(t.into_inner().await, 5);
    /// # });
    /// ```
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> Future for Timeout<T>
where
    T: Future,
{
    type Output = Result<T::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let me = self.project();

        let had_budget_before = coop::has_budget_remaining();
        if let Poll::Ready(v) = me.value.poll(cx) {
            return Poll::Ready(Ok(v));
        }
        let Some(delay) = me.delay.as_pin_mut() else {
            return Poll::Pending;
        };
        let has_budget_now = coop::has_budget_remaining();

        let poll_delay = if had_budget_before && !has_budget_now {
            // The wrapped future spent the last of the budget: check the
            // timer regardless, or a future that keeps its resources busy
            // would never time out.
            let mut unconstrained = coop::unconstrained(delay);
            Pin::new(&mut unconstrained).poll(cx)
        } else {
            delay.poll(cx)
        };
        match poll_delay {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed::new())),
            Poll::Pending => Poll::Pending,
        }
    }
}
