//! The driver's clock: the source of "now" for timers, and (with the
//! `test-util` feature) the pausable clock behind `pause`,
//! `resume` and `advance`.
//!
//! It also converts between instants and the wheel's ticks: whole
//! milliseconds since `start`, the instant the driver was built. Deadlines
//! round *up* to the next tick and "now" rounds *down*, so a timer never
//! fires before its deadline.
//!
//! # Paused time
//!
//! A paused clock stands still at `base`; [`advance`](Clock::advance) moves
//! `base` forward; a running clock is `base` plus the real time since it was
//! last resumed. Pausing rounds `base` up to the driver's next whole
//! millisecond, so that `advance(d)` after `sleep(d)` reaches the sleep's
//! (rounded-up) tick exactly.
//!
//! Without `test-util` none of this exists and [`now`] is exactly
//! `std::time::Instant::now()`.

use std::time::Duration;

#[cfg(feature = "test-util")]
use runtime_core::loom::sync::Mutex;
#[cfg(feature = "test-util")]
use runtime_core::loom::sync::atomic::{AtomicBool, Ordering};

use crate::Instant;
use crate::driver::wheel::MAX_TICK;

/// The current time for [`Instant::now`]: the current runtime's clock with
/// `test-util`, the system clock otherwise.
#[cfg(not(feature = "test-util"))]
#[inline]
pub(crate) fn now() -> Instant {
    Instant::from_std(std::time::Instant::now())
}

/// The current time for [`Instant::now`]: the current runtime's clock with
/// `test-util`, the system clock otherwise.
#[cfg(feature = "test-util")]
pub(crate) fn now() -> Instant {
    crate::driver::context::with_current_clock(Clock::now)
        .unwrap_or_else(|| Instant::from_std(std::time::Instant::now()))
}

#[derive(Debug)]
pub(crate) struct Clock {
    /// Tick zero.
    start: std::time::Instant,
    /// Whether the clock ever left real time (was paused). Until then,
    /// `now` skips the lock.
    #[cfg(feature = "test-util")]
    virtualised: AtomicBool,
    #[cfg(feature = "test-util")]
    state: Mutex<Frozen>,
}

#[cfg(feature = "test-util")]
#[derive(Debug)]
struct Frozen {
    /// The clock's time when `unfrozen` was taken, or its frozen time.
    base: std::time::Instant,
    /// The real instant the clock was last resumed at; `None` while paused.
    unfrozen: Option<std::time::Instant>,
}

impl Clock {
    /// A clock starting now, paused if `start_paused` (which requires the
    /// `test-util` feature; the caller checks).
    pub(crate) fn new(start_paused: bool) -> Clock {
        let start = std::time::Instant::now();
        #[cfg(not(feature = "test-util"))]
        {
            debug_assert!(!start_paused);
            Clock { start }
        }
        #[cfg(feature = "test-util")]
        {
            Clock {
                start,
                virtualised: AtomicBool::new(start_paused),
                state: Mutex::new(Frozen {
                    base: start,
                    unfrozen: (!start_paused).then_some(start),
                }),
            }
        }
    }

    /// The current time on this clock.
    #[inline]
    pub(crate) fn now(&self) -> Instant {
        #[cfg(feature = "test-util")]
        if self.virtualised.load(Ordering::Acquire) {
            let state = self.state.lock();
            return Instant::from_std(match state.unfrozen {
                Some(unfrozen) => state.base + unfrozen.elapsed(),
                None => state.base,
            });
        }
        Instant::from_std(std::time::Instant::now())
    }

    /// The current tick (rounded down).
    pub(crate) fn now_tick(&self) -> u64 {
        self.instant_to_tick(self.now())
    }

    /// The tick of `deadline`, rounded up and saturated to the wheel's
    /// maximum. Deadlines before the clock's start are tick 0.
    pub(crate) fn deadline_to_tick(&self, deadline: Instant) -> u64 {
        let since = deadline.into_std().saturating_duration_since(self.start);
        let millis = since.as_millis() + u128::from(since.subsec_nanos() % 1_000_000 != 0);
        saturate(millis)
    }

    /// The tick containing `instant` (rounded down).
    pub(crate) fn instant_to_tick(&self, instant: Instant) -> u64 {
        let since = instant.into_std().saturating_duration_since(self.start);
        saturate(since.as_millis())
    }

    /// How long from now until `tick` begins; zero if it has.
    pub(crate) fn until_tick(&self, tick: u64) -> Duration {
        match self.start.checked_add(Duration::from_millis(tick)) {
            Some(at) => at.saturating_duration_since(self.now().into_std()),
            None => Duration::MAX,
        }
    }
}

fn saturate(millis: u128) -> u64 {
    u64::try_from(millis).unwrap_or(u64::MAX).min(MAX_TICK)
}

#[cfg(feature = "test-util")]
impl Clock {
    /// Whether the clock is paused.
    pub(crate) fn is_paused(&self) -> bool {
        self.virtualised.load(Ordering::Acquire) && self.state.lock().unfrozen.is_none()
    }

    /// Freezes the clock at the current time (rounded up to the next tick).
    pub(crate) fn pause(&self) -> Result<(), &'static str> {
        let mut state = self.state.lock();
        let Some(unfrozen) = state.unfrozen else {
            return Err("time is already frozen");
        };
        let now = state.base + unfrozen.elapsed();
        let since = now.saturating_duration_since(self.start);
        let rounded = Duration::from_millis(self.deadline_to_tick(Instant::from_std(now)));
        state.base = now + rounded.saturating_sub(since);
        state.unfrozen = None;
        self.virtualised.store(true, Ordering::Release);
        Ok(())
    }

    /// Lets the clock run again from where it stands.
    pub(crate) fn resume(&self) -> Result<(), &'static str> {
        let mut state = self.state.lock();
        if state.unfrozen.is_some() {
            return Err("time is not frozen");
        }
        state.unfrozen = Some(std::time::Instant::now());
        Ok(())
    }

    /// Moves a paused clock forward by `duration`.
    pub(crate) fn advance(&self, duration: Duration) -> Result<(), &'static str> {
        let mut state = self.state.lock();
        if state.unfrozen.is_some() {
            return Err("time is not frozen");
        }
        state.base = state
            .base
            .checked_add(duration)
            .ok_or("advancing the clock overflowed the platform's `Instant`")?;
        Ok(())
    }
}

#[cfg(all(test, not(runtime_loom)))]
mod tests {
    use super::*;

    #[test]
    fn deadlines_round_up_and_now_rounds_down() {
        let clock = Clock::new(false);
        let start = Instant::from_std(clock.start);
        assert_eq!(clock.deadline_to_tick(start), 0);
        assert_eq!(clock.deadline_to_tick(start + Duration::from_micros(1)), 1);
        assert_eq!(clock.deadline_to_tick(start + Duration::from_millis(7)), 7);
        assert_eq!(
            clock.instant_to_tick(start + Duration::from_micros(7_999)),
            7
        );
        // Before the start: tick 0.
        if let Some(before) = start.checked_sub(Duration::from_secs(1)) {
            assert_eq!(clock.deadline_to_tick(before), 0);
        }
    }

    #[test]
    fn far_deadlines_saturate() {
        let clock = Clock::new(false);
        let far = Instant::far_future();
        let tick = clock.deadline_to_tick(far);
        assert!(tick > 86_400_000 * 365 * 29 && tick < MAX_TICK);
        assert_eq!(saturate(u128::MAX), MAX_TICK);
        assert!(clock.until_tick(u64::MAX) > Duration::from_secs(1 << 50));
        assert_eq!(clock.until_tick(0), Duration::ZERO);
    }

    #[cfg(feature = "test-util")]
    #[test]
    fn paused_clock_stands_still_and_advances() {
        let clock = Clock::new(true);
        assert!(clock.is_paused());
        let t0 = clock.now();
        assert_eq!(clock.now(), t0);
        assert_eq!(clock.pause(), Err("time is already frozen"));
        clock.advance(Duration::from_millis(1500)).unwrap();
        assert_eq!(clock.now() - t0, Duration::from_millis(1500));
        assert_eq!(clock.now_tick(), 1500);
        clock.resume().unwrap();
        assert_eq!(clock.resume(), Err("time is not frozen"));
        assert_eq!(
            clock.advance(Duration::from_secs(1)),
            Err("time is not frozen")
        );
        assert!(clock.now() - t0 >= Duration::from_millis(1500));
        clock.pause().unwrap();
        // Paused again on a whole tick.
        let since = clock.now().into_std() - clock.start;
        assert_eq!(since.subsec_nanos() % 1_000_000, 0);
    }
}
