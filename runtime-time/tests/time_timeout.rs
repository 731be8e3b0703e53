//! `timeout`, `timeout_at` and `Timeout` under a paused clock.

#![cfg(feature = "test-util")]

mod support;

use std::future::{pending, ready};
use std::io;
use std::time::Duration;

use runtime_time::error::Elapsed;
use runtime_time::{Instant, advance, sleep, sleep_until, timeout, timeout_at};
use support::{ms, paused_rt, spawn};

#[test]
fn ready_future_wins_even_with_zero_duration() {
    paused_rt().block_on(async {
        assert_eq!(timeout(Duration::ZERO, ready(5)).await, Ok(5));
        assert_eq!(timeout(ms(10), async { "x" }).await, Ok("x"));
    });
}

#[test]
fn pending_future_times_out_exactly_at_the_deadline() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let res = timeout(ms(250), pending::<()>()).await;
        let err: Elapsed = res.unwrap_err();
        assert_eq!(err.to_string(), "deadline has elapsed");
        assert_eq!(start.elapsed(), ms(250));
    });
}

#[test]
fn future_completing_at_the_deadline_wins() {
    paused_rt().block_on(async {
        let start = Instant::now();
        // Both the inner sleep and the timeout fire on the same tick; the
        // inner future is polled first.
        let res = timeout(ms(100), async {
            sleep(ms(100)).await;
            7
        })
        .await;
        assert_eq!(res, Ok(7));
        assert_eq!(start.elapsed(), ms(100));
    });
}

#[test]
fn future_completing_just_after_the_deadline_loses() {
    paused_rt().block_on(async {
        let res = timeout(ms(100), async {
            sleep(ms(101)).await;
            7
        })
        .await;
        assert!(res.is_err());
    });
}

#[test]
fn timeout_at_uses_the_instant() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let deadline = start + ms(40);
        let mut t = spawn(timeout_at(deadline, pending::<()>()));
        assert_pending!(t.poll());
        advance(ms(39)).await;
        assert!(!t.is_woken());
        assert_pending!(t.poll());
        advance(ms(1)).await;
        assert_eq!(t.wake_count(), 1);
        assert!(assert_ready!(t.poll()).is_err());
    });
}

#[test]
fn accessors_reach_the_inner_future() {
    paused_rt().block_on(async {
        let mut t = timeout(ms(10), ready(3));
        // The very future it was given, usable in place.
        let inner: &mut std::future::Ready<i32> = t.get_mut();
        assert_eq!(inner.await, 3);
        let t = timeout(ms(10), ready(5));
        assert!(std::ptr::eq(t.get_ref(), t.get_ref()));
        assert_eq!(t.into_inner().await, 5);
    });
}

#[test]
fn elapsed_converts_to_a_timed_out_io_error() {
    paused_rt().block_on(async {
        let err = timeout(ms(1), pending::<()>()).await.unwrap_err();
        assert_eq!(err.to_string(), "deadline has elapsed");
        let io: io::Error = err.into();
        assert_eq!(io.kind(), io::ErrorKind::TimedOut);
    });
}

#[test]
fn dropping_a_timeout_drops_the_future_and_cancels_the_timer() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut t = spawn(timeout(ms(30), pending::<()>()));
        assert_pending!(t.poll());
        drop(t);
        sleep(ms(100)).await;
        assert_eq!(start.elapsed(), ms(100));
    });
}

#[test]
fn duration_max_means_no_timeout() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut t = spawn(timeout(Duration::MAX, pending::<()>()));
        assert_pending!(t.poll());
        advance(Duration::from_secs(86_400 * 365 * 40)).await;
        assert!(!t.is_woken());
        assert_pending!(t.poll());
        // No timer was registered: the runtime has nothing to jump to, and
        // an unrelated sleep completes exactly on time.
        sleep(ms(10)).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(86_400 * 365 * 40) + ms(10)
        );
        // And a long-enough wait still succeeds.
        let res = timeout(Duration::MAX, async {
            sleep(Duration::from_secs(3600)).await;
            9
        })
        .await;
        assert_eq!(res, Ok(9));
    });
}

#[test]
fn timer_still_fires_when_the_inner_future_exhausts_the_budget() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let past = Instant::now();
        // An inner future that never completes and never waits: it awaits
        // already-elapsed sleeps until the budget runs out, every poll.
        let busy = async move {
            loop {
                sleep_until(past).await;
            }
        };
        let guarded = runtime_core::task::spawn(timeout(ms(5), busy));
        // The busy task keeps the runtime from idling, so the clock would
        // never auto-advance: move it by hand from another task.
        runtime_core::task::spawn(advance(ms(5))).await.unwrap();
        assert!(guarded.await.unwrap().is_err());
        assert_eq!(start.elapsed(), ms(5));
    });
}
