//! `interval`, `interval_at`, `Interval` and `MissedTickBehavior` under a
//! paused clock. A stall is simulated by advancing the clock while the
//! interval is not polled.

#![cfg(feature = "test-util")]

mod support;

use std::time::Duration;

use runtime_time::{Instant, MissedTickBehavior, advance, interval, interval_at};
use support::{ms, paused_rt, spawn};

/// Polls `tick` until it is pending, returning the ticks seen, as offsets
/// from `start` in milliseconds.
fn ready_ticks(i: &mut support::Spawned<runtime_time::Interval>, start: Instant) -> Vec<u64> {
    let mut seen = Vec::new();
    loop {
        let polled = i.enter(|cx, mut interval| interval.poll_tick(cx));
        match polled {
            std::task::Poll::Ready(at) => seen.push((at - start).as_millis() as u64),
            std::task::Poll::Pending => return seen,
        }
        assert!(seen.len() < 100, "runaway interval");
    }
}

#[test]
fn first_tick_is_immediate_then_every_period() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut i = interval(ms(10));
        assert_eq!(i.period(), ms(10));
        assert_eq!(i.missed_tick_behavior(), MissedTickBehavior::Burst);
        assert_eq!(i.tick().await, start);
        assert_eq!(i.tick().await, start + ms(10));
        assert_eq!(i.tick().await, start + ms(20));
        assert_eq!(start.elapsed(), ms(20));
    });
}

#[test]
fn interval_at_starts_at_the_given_instant() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut i = interval_at(start + ms(50), ms(20));
        assert_eq!(i.tick().await, start + ms(50));
        assert_eq!(start.elapsed(), ms(50));
        assert_eq!(i.tick().await, start + ms(70));
    });
}

#[test]
#[should_panic(expected = "`period` must be non-zero.")]
fn zero_period_panics() {
    paused_rt().block_on(async {
        let _ = interval(Duration::ZERO);
    });
}

#[test]
#[should_panic(expected = "`period` must be non-zero.")]
fn zero_period_panics_for_interval_at() {
    paused_rt().block_on(async {
        let _ = interval_at(Instant::now(), Duration::ZERO);
    });
}

/// Period 50 ms, ticks at 0 and 50 observed on time, then a stall until
/// 185 ms, missing 100 and 150.
async fn stalled(
    behavior: MissedTickBehavior,
) -> (support::Spawned<runtime_time::Interval>, Instant) {
    let start = Instant::now();
    let mut i = spawn(interval(ms(50)));
    i.enter(|_, mut interval| interval.set_missed_tick_behavior(behavior));
    assert_eq!(ready_ticks(&mut i, start), vec![0]);
    advance(ms(50)).await;
    assert_eq!(i.wake_count(), 1);
    assert_eq!(ready_ticks(&mut i, start), vec![50]);
    advance(ms(135)).await;
    (i, start)
}

#[test]
fn burst_catches_up_then_keeps_the_schedule() {
    paused_rt().block_on(async {
        let (mut i, start) = stalled(MissedTickBehavior::Burst).await;
        assert_eq!(ready_ticks(&mut i, start), vec![100, 150]);
        advance(ms(14)).await;
        assert_eq!(ready_ticks(&mut i, start), Vec::<u64>::new());
        advance(ms(1)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![200]);
        advance(ms(50)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![250]);
    });
}

#[test]
fn delay_ticks_once_then_restarts_from_now() {
    paused_rt().block_on(async {
        let (mut i, start) = stalled(MissedTickBehavior::Delay).await;
        assert_eq!(ready_ticks(&mut i, start), vec![100]);
        advance(ms(49)).await;
        assert_eq!(ready_ticks(&mut i, start), Vec::<u64>::new());
        advance(ms(1)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![235]);
        advance(ms(50)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![285]);
    });
}

#[test]
fn skip_ticks_once_then_rejoins_the_schedule() {
    paused_rt().block_on(async {
        let (mut i, start) = stalled(MissedTickBehavior::Skip).await;
        assert_eq!(ready_ticks(&mut i, start), vec![100]);
        advance(ms(14)).await;
        assert_eq!(ready_ticks(&mut i, start), Vec::<u64>::new());
        advance(ms(1)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![200]);
        advance(ms(50)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![250]);
    });
}

#[test]
fn a_late_poll_within_five_ms_is_on_time() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut i = spawn(interval(ms(50)));
        i.enter(|_, mut interval| interval.set_missed_tick_behavior(MissedTickBehavior::Delay));
        assert_eq!(ready_ticks(&mut i, start), vec![0]);
        advance(ms(55)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![50]);
        // On time: the next tick stays on the schedule, at 100.
        advance(ms(45)).await;
        assert_eq!(ready_ticks(&mut i, start), vec![100]);
    });
}

#[test]
fn resets() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut i = interval(ms(100));
        assert_eq!(i.tick().await, start);

        advance(ms(30)).await;
        i.reset();
        assert_eq!(i.tick().await, start + ms(130));

        i.reset_immediately();
        assert_eq!(i.tick().await, start + ms(130));
        assert_eq!(start.elapsed(), ms(130));

        i.reset_after(ms(7));
        assert_eq!(i.tick().await, start + ms(137));

        i.reset_at(start + ms(500));
        assert_eq!(i.tick().await, start + ms(500));
        // And the schedule continues from there.
        assert_eq!(i.tick().await, start + ms(600));

        // A deadline in the past ticks at once, reporting that deadline.
        i.reset_at(start);
        assert_eq!(i.tick().await, start);
        assert_eq!(start.elapsed(), ms(600));
    });
}

#[test]
fn resets_past_the_clocks_range_mean_never() {
    paused_rt().block_on(async {
        let mut i = interval(Duration::MAX);
        i.tick().await;
        // Now + MAX overflows the clock: the next tick is in the far
        // future, not a panic.
        i.reset();
        let mut short = interval(ms(1));
        short.tick().await;
        short.reset_after(Duration::MAX);
        for ticker in [&mut i, &mut short] {
            let pending =
                runtime_time::timeout(Duration::from_secs(365 * 24 * 3600), ticker.tick()).await;
            assert!(pending.is_err(), "no tick within a year");
        }
    });
}

#[test]
fn tick_is_cancel_safe() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut i = interval(ms(10));
        i.tick().await;
        // Start waiting for a tick, then give up before it comes.
        {
            let mut t = spawn(i.tick());
            assert_pending!(t.poll());
        }
        advance(ms(10)).await;
        // No tick was lost.
        assert_eq!(i.tick().await, start + ms(10));
    });
}

#[test]
fn period_and_behavior_setters() {
    paused_rt().block_on(async {
        let mut i = interval(ms(3));
        for behavior in [
            MissedTickBehavior::Delay,
            MissedTickBehavior::Skip,
            MissedTickBehavior::Burst,
        ] {
            i.set_missed_tick_behavior(behavior);
            assert_eq!(i.missed_tick_behavior(), behavior);
        }
        assert_eq!(i.period(), ms(3));
    });
}
