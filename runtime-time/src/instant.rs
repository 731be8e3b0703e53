//! [`Instant`]: a point in time as the runtime's clock sees it.
//!
//! A thin wrapper over [`std::time::Instant`]. The wrapper exists for one
//! reason: with the `test-util` feature, [`Instant::now`] reads the clock of
//! the current runtime, which a test may have paused or advanced (see
//! `pause`). Without `test-util`, `Instant::now` is exactly
//! `std::time::Instant::now` and costs nothing more.

use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};
use std::time::Duration;

/// A measurement of a monotonically nondecreasing clock, as used by the
/// timers of this crate.
///
/// `Instant` mirrors [`std::time::Instant`]: it is opaque, only useful
/// compared with other instants, and it never goes backwards. It differs in
/// one way: with the `test-util` feature, [`Instant::now`] follows the
/// runtime's clock, which tests can pause and advance, so that code written
/// against this `Instant` can be tested without real waiting.
///
/// Convert from and to the standard library's type with [`from_std`] and
/// [`into_std`], or with `From`.
///
/// [`from_std`]: Instant::from_std
/// [`into_std`]: Instant::into_std
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::Instant;
///
/// let start = Instant::now();
/// let later = start + Duration::from_secs(2);
/// assert_eq!(later.duration_since(start), Duration::from_secs(2));
/// assert_eq!(later - start, Duration::from_secs(2));
/// // Subtraction saturates: an earlier instant minus a later one is zero.
/// assert_eq!(start - later, Duration::ZERO);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    std: std::time::Instant,
}

impl Instant {
    /// Returns the current instant.
    ///
    /// Without the `test-util` feature this is `std::time::Instant::now()`.
    /// With it, inside a runtime whose clock is paused, it returns the
    /// runtime's frozen (or advanced) time; outside a runtime it reads the
    /// system clock.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_time::Instant;
    ///
    /// let a = Instant::now();
    /// let b = Instant::now();
    /// assert!(b >= a);
    /// ```
    #[inline]
    pub fn now() -> Instant {
        crate::driver::clock::now()
    }

    /// Wraps a [`std::time::Instant`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_time::Instant;
    ///
    /// let std_now = std::time::Instant::now();
    /// assert_eq!(Instant::from_std(std_now).into_std(), std_now);
    /// ```
    #[inline]
    pub fn from_std(std: std::time::Instant) -> Instant {
        Instant { std }
    }

    /// An instant about 30 years from now: what `sleep(Duration::MAX)` and
    /// other unrepresentable deadlines saturate to.
    pub(crate) fn far_future() -> Instant {
        // Roughly 30 years: far enough that no program waits for it, near
        // enough that adding it to any instant of a running system cannot
        // overflow the platform's clock representation.
        Self::now() + Duration::from_secs(86_400 * 365 * 30)
    }

    /// Returns the [`std::time::Instant`] this instant wraps.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_time::Instant;
    ///
    /// let now = Instant::now();
    /// let std: std::time::Instant = now.into_std();
    /// assert_eq!(Instant::from(std), now);
    /// ```
    #[inline]
    pub fn into_std(self) -> std::time::Instant {
        self.std
    }

    /// Returns the time elapsed from `earlier` to `self`, or zero if
    /// `earlier` is later than `self`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::Instant;
    ///
    /// let a = Instant::now();
    /// let b = a + Duration::from_millis(5);
    /// assert_eq!(b.duration_since(a), Duration::from_millis(5));
    /// assert_eq!(a.duration_since(b), Duration::ZERO);
    /// ```
    #[inline]
    pub fn duration_since(&self, earlier: Instant) -> Duration {
        self.std.saturating_duration_since(earlier.std)
    }

    /// Returns the time elapsed from `earlier` to `self`, or `None` if
    /// `earlier` is later than `self`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::Instant;
    ///
    /// let a = Instant::now();
    /// let b = a + Duration::from_millis(5);
    /// assert_eq!(b.checked_duration_since(a), Some(Duration::from_millis(5)));
    /// assert_eq!(a.checked_duration_since(b), None);
    /// ```
    #[inline]
    pub fn checked_duration_since(&self, earlier: Instant) -> Option<Duration> {
        self.std.checked_duration_since(earlier.std)
    }

    /// Returns the time elapsed from `earlier` to `self`, or zero if
    /// `earlier` is later than `self`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::Instant;
    ///
    /// let a = Instant::now();
    /// let b = a + Duration::from_millis(5);
    /// assert_eq!(a.saturating_duration_since(b), Duration::ZERO);
    /// ```
    #[inline]
    pub fn saturating_duration_since(&self, earlier: Instant) -> Duration {
        self.std.saturating_duration_since(earlier.std)
    }

    /// Returns the time elapsed since this instant was created, measured by
    /// [`Instant::now`] (so by the paused clock in tests that pause it).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_time::Instant;
    ///
    /// let start = Instant::now();
    /// let first = start.elapsed();
    /// assert!(start.elapsed() >= first);
    /// ```
    #[inline]
    pub fn elapsed(&self) -> std::time::Duration {
        Instant::now().saturating_duration_since(*self)
    }

    /// Returns `self + duration`, or `None` if it cannot be represented.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::Instant;
    ///
    /// let now = Instant::now();
    /// assert!(now.checked_add(Duration::from_secs(1)).is_some());
    /// assert_eq!(now.checked_add(Duration::MAX), None);
    /// ```
    #[inline]
    pub fn checked_add(&self, duration: Duration) -> Option<Instant> {
        self.std.checked_add(duration).map(Instant::from_std)
    }

    /// Returns `self - duration`, or `None` if it cannot be represented.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_time::Instant;
    ///
    /// let now = Instant::now();
    /// assert_eq!(now.checked_sub(Duration::MAX), None);
    /// ```
    #[inline]
    pub fn checked_sub(&self, duration: Duration) -> Option<Instant> {
        self.std.checked_sub(duration).map(Instant::from_std)
    }
}

impl From<std::time::Instant> for Instant {
    fn from(time: std::time::Instant) -> Instant {
        Instant::from_std(time)
    }
}

impl From<Instant> for std::time::Instant {
    fn from(value: Instant) -> std::time::Instant {
        value.into_std()
    }
}

impl Add<Duration> for Instant {
    type Output = Instant;

    /// # Panics
    ///
    /// Panics if the result cannot be represented, like
    /// `std::time::Instant`; use [`Instant::checked_add`] to avoid it.
    fn add(self, other: Duration) -> Instant {
        Instant::from_std(self.std + other)
    }
}

impl AddAssign<Duration> for Instant {
    fn add_assign(&mut self, rhs: Duration) {
        *self = *self + rhs;
    }
}

impl Sub for Instant {
    type Output = Duration;

    /// Saturates at zero when `rhs` is later than `self`.
    fn sub(self, rhs: Instant) -> Duration {
        self.std.saturating_duration_since(rhs.std)
    }
}

impl Sub<Duration> for Instant {
    type Output = Instant;

    /// # Panics
    ///
    /// Panics if the result cannot be represented; use
    /// [`Instant::checked_sub`] to avoid it.
    fn sub(self, rhs: Duration) -> Instant {
        Instant::from_std(self.std - rhs)
    }
}

impl SubAssign<Duration> for Instant {
    fn sub_assign(&mut self, rhs: Duration) {
        *self = *self - rhs;
    }
}

impl fmt::Debug for Instant {
    fn fmt(&self, fmt: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.std.fmt(fmt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_round_trips() {
        let a = Instant::now();
        let mut b = a;
        b += Duration::from_millis(1500);
        assert_eq!(b - a, Duration::from_millis(1500));
        assert_eq!(a - b, Duration::ZERO);
        assert_eq!(b - Duration::from_millis(1500), a);
        b -= Duration::from_millis(500);
        assert_eq!(b.duration_since(a), Duration::from_secs(1));
        assert_eq!(a.checked_duration_since(b), None);
        assert_eq!(b.checked_sub(Duration::from_secs(1)), Some(a));
        assert_eq!(Instant::from(a.into_std()), a);
    }

    #[test]
    fn far_future_is_about_thirty_years_away() {
        let now = Instant::now();
        let far = Instant::far_future();
        let thirty_years = Duration::from_secs(86_400 * 365 * 30);
        let gap = far.duration_since(now);
        assert!(gap >= thirty_years && gap < thirty_years + Duration::from_secs(60));
    }
}
