//! [`sleep`], [`sleep_until`] and the [`Sleep`] future.
//!
//! A `Sleep` embeds its timer entry: creating one looks up the time driver
//! and reads the clock, nothing more. The entry joins the wheel on the first
//! poll, so a `Sleep` that is never polled (the timer of a
//! [`timeout`](crate::timeout) whose future was ready at once) costs no
//! lock. Dropping a registered `Sleep` unlinks it, in O(1).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use runtime_core::task::coop;

use crate::Instant;
use crate::driver::entry::TimerEntry;
use crate::driver::handle::TimeHandle;

/// Waits until `deadline` is reached.
///
/// No work is performed while awaiting the sleep future to complete. `Sleep`
/// operates at millisecond granularity and should not be used for tasks that
/// require high-resolution timers; it never completes before `deadline`.
///
/// To run something regularly on a schedule, see [`interval`](crate::interval).
///
/// # Cancellation
///
/// Canceling a sleep instance is done by dropping the returned future. No
/// additional cleanup work is required.
///
/// # Panics
///
/// Panics if called outside a runtime, or in a runtime built without
/// timers (the message names `enable_time`). Polling the future after its
/// runtime shut down also panics.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, sleep_until};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let deadline = Instant::now() + Duration::from_millis(10);
/// sleep_until(deadline).await;
/// assert!(Instant::now() >= deadline);
/// # });
/// ```
#[track_caller]
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep::new_timeout(deadline)
}

/// Waits until `duration` has elapsed.
///
/// Equivalent to `sleep_until(Instant::now() + duration)`. A `duration` too
/// long to represent (such as [`Duration::MAX`]) sleeps for about 30 years,
/// which is to say forever, without overflowing.
///
/// No work is performed while awaiting the sleep future to complete. `Sleep`
/// operates at millisecond granularity and never completes early.
///
/// # Cancellation
///
/// Canceling a sleep instance is done by dropping the returned future. No
/// additional cleanup work is required.
///
/// # Panics
///
/// Panics if called outside a runtime, or in a runtime built without
/// timers (the message names `enable_time`). Polling the future after its
/// runtime shut down also panics.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, sleep};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let start = Instant::now();
/// sleep(Duration::from_millis(10)).await;
/// assert!(start.elapsed() >= Duration::from_millis(10));
/// # });
/// ```
#[track_caller]
pub fn sleep(duration: Duration) -> Sleep {
    let handle = TimeHandle::current();
    let now = handle.clock().now();
    match now.checked_add(duration) {
        Some(deadline) => Sleep::new_with_handle(handle, deadline),
        None => {
            let far = now + far_future_offset();
            Sleep::new_with_handle(handle, far)
        }
    }
}

/// How far `Instant::far_future` lies.
pub(crate) fn far_future_offset() -> Duration {
    Duration::from_secs(86_400 * 365 * 30)
}

pin_project_lite::pin_project! {
    /// The future returned by [`sleep`] and [`sleep_until`].
    ///
    /// It completes (with `()`) once its deadline is reached. It is `!Unpin`:
    /// the timer wheel points into it. To keep one in a struct or `select!`
    /// over it in a loop, pin it with `Box::pin` or `std::pin::pin!` and
    /// call [`reset`](Sleep::reset) through `Pin::as_mut`.
    ///
    /// # Examples
    ///
    /// Resetting a pinned sleep in a loop:
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::{Instant, sleep};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut sleep = std::pin::pin!(sleep(Duration::from_millis(5)));
    /// for _ in 0..2 {
    ///     (&mut sleep).await;
    ///     assert!(sleep.is_elapsed());
    ///     sleep.as_mut().reset(Instant::now() + Duration::from_millis(5));
    ///     assert!(!sleep.is_elapsed());
    /// }
    /// # });
    /// ```
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Sleep {
        deadline: Instant,
        #[pin]
        entry: TimerEntry,
    }
}

impl Sleep {
    #[track_caller]
    pub(crate) fn new_timeout(deadline: Instant) -> Sleep {
        Sleep::new_with_handle(TimeHandle::current(), deadline)
    }

    pub(crate) fn new_with_handle(handle: TimeHandle, deadline: Instant) -> Sleep {
        Sleep {
            deadline,
            entry: TimerEntry::new(handle),
        }
    }

    /// Returns the instant at which the future will complete.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::{Instant, sleep_until};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let deadline = Instant::now() + Duration::from_secs(1);
    /// assert_eq!(sleep_until(deadline).deadline(), deadline);
    /// # });
    /// ```
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Returns `true` if the deadline has been reached and the timer has
    /// fired.
    ///
    /// A sleep that was never polled reports `false` even past its deadline:
    /// it only learns of its deadline from the driver once registered.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::sleep;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut sleep = std::pin::pin!(sleep(Duration::from_millis(1)));
    /// assert!(!sleep.is_elapsed());
    /// (&mut sleep).await;
    /// assert!(sleep.is_elapsed());
    /// # });
    /// ```
    pub fn is_elapsed(&self) -> bool {
        self.entry.is_elapsed()
    }

    /// Resets the `Sleep` to complete at `deadline` instead.
    ///
    /// Works before and after the future completed: a completed `Sleep`
    /// reset to a later deadline becomes pending again. Moving the deadline
    /// earlier or later is O(1). Since `Sleep` is `!Unpin`, call it on a
    /// pinned sleep through [`Pin::as_mut`].
    ///
    /// # Panics
    ///
    /// Panics if the runtime's time driver has shut down and the sleep is
    /// polled afterwards (resetting alone does not panic).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::{Instant, sleep};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut sleep = Box::pin(sleep(Duration::from_secs(3600)));
    /// let soon = Instant::now() + Duration::from_millis(1);
    /// sleep.as_mut().reset(soon);
    /// assert_eq!(sleep.deadline(), soon);
    /// sleep.await;
    /// # });
    /// ```
    pub fn reset(self: Pin<&mut Self>, deadline: Instant) {
        let me = self.project();
        *me.deadline = deadline;
        me.entry.reset(deadline);
    }

    /// Changes the deadline without registering the entry: it unlinks it if
    /// it was linked, and the next poll registers it at `deadline`.
    pub(crate) fn reset_without_reregister(self: Pin<&mut Self>, deadline: Instant) {
        let me = self.project();
        *me.deadline = deadline;
        me.entry.deregister();
    }

    fn poll_elapsed(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = self.project();
        // A timer is a resource like any other: each completion costs a unit
        // of the task's cooperative budget.
        let coop = ready!(coop::poll_proceed(cx));
        match ready!(me.entry.poll_elapsed(cx, *me.deadline)) {
            Ok(()) => {
                coop.made_progress();
                Poll::Ready(())
            }
            // The driver fired the timer while shutting down; it can only be
            // seen by a poll that raced the shutdown.
            Err(_) => panic!("{}", crate::driver::handle::SHUTDOWN_PANIC),
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.poll_elapsed(cx)
    }
}
