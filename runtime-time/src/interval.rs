//! [`interval`], [`interval_at`], [`Interval`] and [`MissedTickBehavior`].
//!
//! An `Interval` is a boxed [`Sleep`] re-armed after every tick. Each tick
//! is scheduled from the previous tick's *scheduled* time, not from when it
//! was observed, so the schedule does not drift; what happens after a stall
//! (ticks missed because the task was busy) is the [`MissedTickBehavior`].

use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use crate::{Instant, Sleep, sleep_until};

/// Creates a new [`Interval`] that yields with interval of `period`. The
/// first tick completes immediately. The default [`MissedTickBehavior`] is
/// [`Burst`](MissedTickBehavior::Burst).
///
/// An interval will tick indefinitely; at any time the [`Interval`] value
/// can be dropped, which cancels it.
///
/// # Panics
///
/// Panics if `period` is zero (message: "`period` must be non-zero."), and
/// as [`sleep`](crate::sleep) outside a runtime with timers.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, interval};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let start = Instant::now();
/// let mut interval = interval(Duration::from_millis(10));
/// interval.tick().await; // ticks immediately
/// interval.tick().await; // ticks after 10ms
/// interval.tick().await; // ticks after 10ms more
/// assert!(start.elapsed() >= Duration::from_millis(20));
/// # });
/// ```
#[track_caller]
pub fn interval(period: Duration) -> Interval {
    assert!(period > Duration::ZERO, "`period` must be non-zero.");
    internal_interval_at(Instant::now(), period)
}

/// Creates a new [`Interval`] that yields with interval of `period`, with
/// the first tick completing at `start`. The default [`MissedTickBehavior`]
/// is [`Burst`](MissedTickBehavior::Burst).
///
/// # Panics
///
/// Panics if `period` is zero (message: "`period` must be non-zero."), and
/// as [`sleep`](crate::sleep) outside a runtime with timers.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, interval_at};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let start = Instant::now() + Duration::from_millis(5);
/// let mut interval = interval_at(start, Duration::from_millis(10));
/// assert_eq!(interval.tick().await, start);
/// assert_eq!(interval.tick().await, start + Duration::from_millis(10));
/// # });
/// ```
#[track_caller]
pub fn interval_at(start: Instant, period: Duration) -> Interval {
    assert!(period > Duration::ZERO, "`period` must be non-zero.");
    internal_interval_at(start, period)
}

#[track_caller]
fn internal_interval_at(start: Instant, period: Duration) -> Interval {
    Interval {
        delay: Box::pin(sleep_until(start)),
        period,
        missed_tick_behavior: MissedTickBehavior::default(),
    }
}

/// How an [`Interval`] behaves when it misses a tick.
///
/// An interval misses ticks when it is polled too late to see one or more
/// of them on time: its task was busy, or blocked, for longer than a period.
/// (A tick observed up to 5 ms late still counts as on time.) The examples
/// below use a 50 ms period, ticks at 0, 50, 100 ... and a stall from 25 ms
/// to 185 ms, which misses the ticks at 50, 100 and 150.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissedTickBehavior {
    /// Ticks as fast as possible until caught up, then resumes the original
    /// schedule.
    ///
    /// After the stall the ticks at 50, 100 and 150 are yielded at once, one
    /// per call, then 200, 250 ... on schedule. Right for work that must run
    /// once per period on average. This is the default.
    #[default]
    Burst,

    /// Ticks at once (late), then schedules the following ticks `period`
    /// from that moment.
    ///
    /// After the stall: one tick at 185, then 235, 285 ... The schedule
    /// shifts; the gap between ticks is never shorter than `period`.
    Delay,

    /// Ticks at once (late), then skips the missed ticks and resumes on the
    /// original schedule at the next multiple of `period` from the start.
    ///
    /// After the stall: one tick at 185, then 200, 250 ... (the next tick
    /// may come sooner than `period` after the late one).
    Skip,
}

impl MissedTickBehavior {
    /// The deadline of the tick after one scheduled at `timeout` but
    /// observed late, at `now`.
    fn next_timeout(&self, timeout: Instant, now: Instant, period: Duration) -> Instant {
        match self {
            Self::Burst => timeout + period,
            Self::Delay => now + period,
            Self::Skip => {
                let behind = (now - timeout).as_nanos();
                let period_nanos = period.as_nanos();
                // `behind % period` is below `period`, so it fits a Duration.
                let into_period = u64::try_from(behind % period_nanos)
                    .expect("the remainder is below `period`, itself a Duration");
                now + period - Duration::from_nanos(into_period)
            }
        }
    }
}

/// A stream of ticks, `period` apart: see [`interval`] and [`interval_at`].
///
/// Ticks are scheduled from the previous tick's scheduled time, so the
/// schedule does not drift with the latency of the task observing it. When
/// ticks are missed, [`MissedTickBehavior`] decides what happens.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{MissedTickBehavior, interval};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let mut interval = interval(Duration::from_millis(5));
/// interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
/// assert_eq!(interval.missed_tick_behavior(), MissedTickBehavior::Delay);
/// assert_eq!(interval.period(), Duration::from_millis(5));
/// interval.tick().await;
/// # });
/// ```
#[derive(Debug)]
pub struct Interval {
    /// The next tick's timer; its deadline is the next tick's schedule.
    delay: Pin<Box<Sleep>>,
    period: Duration,
    missed_tick_behavior: MissedTickBehavior,
}

impl Interval {
    /// Completes when the next tick is reached, returning its scheduled
    /// time.
    ///
    /// The first tick (of [`interval`]) completes immediately.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if `tick` is used as a branch of
    /// `select!` and another branch completes first, no tick was consumed.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::interval;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut interval = interval(Duration::from_millis(2));
    /// let first = interval.tick().await;
    /// let second = interval.tick().await;
    /// assert_eq!(second - first, Duration::from_millis(2));
    /// # });
    /// ```
    pub async fn tick(&mut self) -> Instant {
        poll_fn(|cx| self.poll_tick(cx)).await
    }

    /// Polls for the next tick, returning its scheduled time when it is
    /// reached.
    ///
    /// When `Pending` is returned, the waker of `cx` is woken at the next
    /// tick; only the waker of the latest call is woken.
    pub fn poll_tick(&mut self, cx: &mut Context<'_>) -> Poll<Instant> {
        ready!(self.delay.as_mut().poll(cx));

        let timeout = self.delay.deadline();
        let now = Instant::now();

        // A tick seen within 5 ms of its schedule is on time: the next one is
        // one period later. Later than that, the missed-tick behaviour picks.
        let next = if now > timeout + Duration::from_millis(5) {
            self.missed_tick_behavior
                .next_timeout(timeout, now, self.period)
        } else {
            timeout
                .checked_add(self.period)
                .unwrap_or_else(Instant::far_future)
        };

        // Re-armed lazily: the next poll registers it.
        self.delay.as_mut().reset_without_reregister(next);
        Poll::Ready(timeout)
    }

    /// Resets the interval to complete one period after the current time.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::{Instant, interval};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut interval = interval(Duration::from_millis(5));
    /// interval.tick().await;
    /// interval.reset();
    /// let before = Instant::now();
    /// interval.tick().await;
    /// assert!(before.elapsed() >= Duration::from_millis(4));
    /// # });
    /// ```
    pub fn reset(&mut self) {
        self.reset_after(self.period);
    }

    /// Resets the interval so that the next tick completes immediately.
    pub fn reset_immediately(&mut self) {
        self.delay.as_mut().reset(Instant::now());
    }

    /// Resets the interval to complete `after` from now.
    pub fn reset_after(&mut self, after: Duration) {
        // A delay past what the clock can represent means "never": the far
        // future, as for a sleep of that length.
        let deadline = Instant::now()
            .checked_add(after)
            .unwrap_or_else(Instant::far_future);
        self.delay.as_mut().reset(deadline);
    }

    /// Resets the interval to complete at `deadline`.
    ///
    /// If `deadline` has passed, the next tick completes immediately.
    pub fn reset_at(&mut self, deadline: Instant) {
        self.delay.as_mut().reset(deadline);
    }

    /// Returns the [`MissedTickBehavior`] strategy currently in use.
    pub fn missed_tick_behavior(&self) -> MissedTickBehavior {
        self.missed_tick_behavior
    }

    /// Sets the [`MissedTickBehavior`] strategy to use from now on.
    pub fn set_missed_tick_behavior(&mut self, behavior: MissedTickBehavior) {
        self.missed_tick_behavior = behavior;
    }

    /// Returns the period of the interval.
    pub fn period(&self) -> Duration {
        self.period
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn missed_tick_arithmetic_matches_the_docs() {
        let start = Instant::now();
        let at = |n| start + ms(n);
        // A tick scheduled at 50, observed at 185, with a 50 ms period.
        assert_eq!(
            MissedTickBehavior::Burst.next_timeout(at(50), at(185), ms(50)),
            at(100)
        );
        assert_eq!(
            MissedTickBehavior::Delay.next_timeout(at(50), at(185), ms(50)),
            at(235)
        );
        assert_eq!(
            MissedTickBehavior::Skip.next_timeout(at(50), at(185), ms(50)),
            at(200)
        );
        // Observed exactly on a later tick: Skip goes to the one after.
        assert_eq!(
            MissedTickBehavior::Skip.next_timeout(at(50), at(200), ms(50)),
            at(250)
        );
        assert_eq!(MissedTickBehavior::default(), MissedTickBehavior::Burst);
    }
}
