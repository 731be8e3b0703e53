//! The driver driven by hand: the layer built over a `ParkThread` with a
//! fresh registry, timers created against its handle, time moved with
//! `process_at` (or, with `test-util`, a paused clock), and the wakes
//! counted.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use runtime_core::runtime::driver::{Driver, LayerContext, ParkThread, Registry};

use crate::Sleep;
use crate::driver::handle::{SHUTDOWN_PANIC, TimeHandle};

fn build(start_paused: bool) -> (Box<dyn Driver>, TimeHandle) {
    let mut registry = Registry::new();
    let mut ctx = LayerContext {
        registry: &mut registry,
        start_paused,
    };
    let driver = super::layer()(Box::new(ParkThread::new()), &mut ctx).expect("layer builds");
    let handle = registry
        .get::<TimeHandle>()
        .expect("the layer registers its handle")
        .clone();
    (driver, handle)
}

/// Records the ids of woken wakers, in order.
#[derive(Default)]
struct Log(Mutex<Vec<usize>>);

struct Tagged {
    id: usize,
    log: Arc<Log>,
}

impl Wake for Tagged {
    fn wake(self: Arc<Self>) {
        self.log.0.lock().unwrap().push(self.id);
    }
}

fn waker(id: usize, log: &Arc<Log>) -> Waker {
    Waker::from(Arc::new(Tagged {
        id,
        log: log.clone(),
    }))
}

fn woken(log: &Arc<Log>) -> Vec<usize> {
    std::mem::take(&mut *log.0.lock().unwrap())
}

fn poll(sleep: Pin<&mut Sleep>, waker: &Waker) -> Poll<()> {
    sleep.poll(&mut Context::from_waker(waker))
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn layer_registers_handle_and_fires_in_deadline_order() {
    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    let offsets = [30, 10, 20, 10, 50];
    let mut sleeps: Vec<Pin<Box<Sleep>>> = offsets
        .iter()
        .map(|&o| Box::pin(Sleep::new_with_handle(handle.clone(), start + ms(o))))
        .collect();
    for (id, sleep) in sleeps.iter_mut().enumerate() {
        assert!(!sleep.is_elapsed());
        assert_eq!(poll(sleep.as_mut(), &waker(id, &log)), Poll::Pending);
    }
    assert_eq!(handle.wheel_len(), 5);

    let tick = |o: u64| handle.clock().deadline_to_tick(start + ms(o));
    handle.process_at(tick(10) - 1);
    assert_eq!(woken(&log), Vec::<usize>::new());
    handle.process_at(tick(20));
    assert_eq!(woken(&log), vec![1, 3, 2]);
    handle.process_at(tick(60));
    assert_eq!(woken(&log), vec![0, 4]);
    assert_eq!(handle.wheel_len(), 0);

    for (id, sleep) in sleeps.iter_mut().enumerate() {
        assert!(sleep.is_elapsed());
        assert_eq!(poll(sleep.as_mut(), &waker(id, &log)), Poll::Ready(()));
    }
    // Completed sleeps are never woken again.
    handle.process_at(tick(1_000));
    assert_eq!(woken(&log), Vec::<usize>::new());
}

#[test]
fn dropping_a_registered_sleep_unlinks_it() {
    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    {
        let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start + ms(10)));
        assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Pending);
        assert_eq!(handle.wheel_len(), 1);
    }
    assert_eq!(handle.wheel_len(), 0);
    handle.process_at(handle.clock().deadline_to_tick(start + ms(10)));
    assert_eq!(woken(&log), Vec::<usize>::new());
}

#[test]
fn unpolled_sleep_never_touches_the_wheel() {
    let (_driver, handle) = build(false);
    let sleep = Sleep::new_with_handle(handle.clone(), handle.clock().now());
    assert!(!sleep.is_elapsed());
    assert_eq!(handle.wheel_len(), 0);
    drop(sleep);
    assert_eq!(handle.wheel_len(), 0);
}

#[test]
fn reset_earlier_later_and_after_firing() {
    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    let tick = |o: u64| handle.clock().deadline_to_tick(start + ms(o));
    let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start + ms(100)));
    let w = waker(7, &log);
    assert_eq!(poll(sleep.as_mut(), &w), Poll::Pending);

    // Earlier.
    sleep.as_mut().reset(start + ms(10));
    assert_eq!(sleep.deadline(), start + ms(10));
    assert_eq!(handle.wheel_len(), 1);
    handle.process_at(tick(10));
    assert_eq!(woken(&log), vec![7]);
    assert_eq!(poll(sleep.as_mut(), &w), Poll::Ready(()));

    // After firing, later: pending again, fires once more.
    sleep.as_mut().reset(start + ms(200));
    assert!(!sleep.is_elapsed());
    assert_eq!(poll(sleep.as_mut(), &w), Poll::Pending);
    handle.process_at(tick(199));
    assert_eq!(woken(&log), Vec::<usize>::new());
    // Later still, before it fires.
    sleep.as_mut().reset(start + ms(300));
    handle.process_at(tick(299));
    assert_eq!(woken(&log), Vec::<usize>::new());
    handle.process_at(tick(300));
    assert_eq!(woken(&log), vec![7]);
    assert!(sleep.is_elapsed());

    // To a deadline already processed: fires at once. The waker was used
    // up by the last firing and no poll registered another: nobody to wake.
    sleep.as_mut().reset(start + ms(5));
    assert_eq!(woken(&log), Vec::<usize>::new());
    assert!(sleep.is_elapsed());
    assert_eq!(poll(sleep.as_mut(), &w), Poll::Ready(()));
}

#[test]
fn only_the_latest_waker_is_woken() {
    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start + ms(3)));
    assert_eq!(poll(sleep.as_mut(), &waker(1, &log)), Poll::Pending);
    assert_eq!(poll(sleep.as_mut(), &waker(2, &log)), Poll::Pending);
    handle.process_at(handle.clock().deadline_to_tick(start + ms(3)));
    assert_eq!(woken(&log), vec![2]);
}

#[test]
fn deadline_in_the_past_is_ready_once_processed() {
    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    handle.process_at(50);
    let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start));
    assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Ready(()));
    assert!(sleep.is_elapsed());
    // Fired at registration: nothing was linked, the waker is not woken.
    assert_eq!(handle.wheel_len(), 0);
    assert_eq!(woken(&log), Vec::<usize>::new());
}

#[test]
fn shutdown_wakes_everything_and_later_polls_panic() {
    let (mut driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    let mut sleeps: Vec<Pin<Box<Sleep>>> = (0..40)
        .map(|i| {
            Box::pin(Sleep::new_with_handle(
                handle.clone(),
                start + ms(10 + i * 1000),
            ))
        })
        .collect();
    for (id, sleep) in sleeps.iter_mut().enumerate() {
        assert_eq!(poll(sleep.as_mut(), &waker(id, &log)), Poll::Pending);
    }
    driver.shutdown();
    let mut ids = woken(&log);
    ids.sort_unstable();
    assert_eq!(ids, (0..40).collect::<Vec<_>>());
    assert_eq!(handle.wheel_len(), 0);
    assert!(handle.is_shutdown());

    let mut first = sleeps.remove(0);
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = poll(first.as_mut(), &waker(0, &log));
    }))
    .expect_err("polling after shutdown panics");
    assert_eq!(
        panic.downcast_ref::<String>().map(String::as_str),
        Some(SHUTDOWN_PANIC)
    );

    // A reset after shutdown does not link anything.
    first.as_mut().reset(start + ms(1));
    assert_eq!(handle.wheel_len(), 0);
    // Dropping fired sleeps after shutdown is fine.
    drop(sleeps);
    drop(first);
    // Shutting down twice is harmless.
    driver.shutdown();
}

#[test]
fn registration_from_another_thread_unparks_the_driver() {
    let (mut driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let parked = std::thread::spawn(move || {
        // No timers: parks until unparked.
        driver.park();
        driver
    });
    // A timer due now, which the wheel has not processed: it is earlier
    // than "no timer at all", so registering it unparks a parked driver. If
    // the driver has not parked yet, it sees the timer and parks no longer
    // than until its tick.
    let deadline = handle.clock().now();
    let due = handle.clock().deadline_to_tick(deadline);
    let mut sleep = Box::pin(Sleep::new_with_handle(handle.clone(), deadline));
    let w = waker(3, &log);
    let first = poll(sleep.as_mut(), &w);
    // The verdict: the parked driver returns (a lost unpark hangs here).
    let _driver = parked.join().expect("the driver returned from park");
    // Whether or not its clock had reached the tick when it woke, firing
    // at the tick wakes the task exactly once overall.
    handle.process_at(due);
    let expected = if first.is_pending() { vec![3] } else { vec![] };
    assert_eq!(woken(&log), expected);
    assert_eq!(poll(sleep.as_mut(), &w), Poll::Ready(()));
}

#[test]
#[cfg_attr(miri, ignore = "a million iterations are too slow under miri")]
fn a_million_sleeps_registered_and_cancelled_leave_nothing() {
    let (_driver, handle) = build(false);
    let start = handle.clock().now();
    let w = Waker::noop();
    for i in 0..1_000_000u64 {
        let mut sleep = pin!(Sleep::new_with_handle(
            handle.clone(),
            start + ms(1 + (i * 7919) % 100_000_000)
        ));
        assert_eq!(poll(sleep.as_mut(), w), Poll::Pending);
    }
    assert_eq!(handle.wheel_len(), 0);
}

#[test]
fn duration_max_saturates() {
    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let start = handle.clock().now();
    let far = start + crate::sleep::far_future_offset();
    let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), far));
    assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Pending);
    // Process up to the very end of time: it fires once, without overflow.
    handle.process_at(u64::MAX);
    assert_eq!(woken(&log), vec![0]);
    assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Ready(()));
}

#[cfg(feature = "test-util")]
mod paused {
    use super::*;

    #[test]
    fn park_auto_advances_to_the_next_deadline() {
        let (mut driver, handle) = build(true);
        let log = Arc::new(Log::default());
        let start = handle.clock().now();
        let mut hour = pin!(Sleep::new_with_handle(
            handle.clone(),
            start + ms(3_600_000)
        ));
        let mut minute = pin!(Sleep::new_with_handle(handle.clone(), start + ms(60_000)));
        assert_eq!(poll(hour.as_mut(), &waker(0, &log)), Poll::Pending);
        assert_eq!(poll(minute.as_mut(), &waker(1, &log)), Poll::Pending);

        driver.park();
        assert_eq!(handle.clock().now() - start, ms(60_000));
        assert_eq!(woken(&log), vec![1]);
        driver.park();
        assert_eq!(handle.clock().now() - start, ms(3_600_000));
        assert_eq!(woken(&log), vec![0]);
    }

    #[test]
    fn park_timeout_advances_no_further_than_its_limit() {
        let (mut driver, handle) = build(true);
        let log = Arc::new(Log::default());
        let start = handle.clock().now();
        let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start + ms(100)));
        assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Pending);
        driver.park_timeout(Duration::ZERO);
        assert_eq!(handle.clock().now(), start);
        driver.park_timeout(ms(30));
        assert_eq!(handle.clock().now() - start, ms(30));
        assert_eq!(woken(&log), Vec::<usize>::new());
        driver.park_timeout(ms(500));
        assert_eq!(handle.clock().now() - start, ms(100));
        assert_eq!(woken(&log), vec![0]);
    }

    #[test]
    fn an_unpark_stops_the_jump() {
        let (mut driver, handle) = build(true);
        let log = Arc::new(Log::default());
        let start = handle.clock().now();
        let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start + ms(100)));
        assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Pending);
        handle.take_did_wake();
        driver.unparker().unpark();
        driver.park();
        assert_eq!(
            handle.clock().now(),
            start,
            "woken: the clock must not jump"
        );
        driver.park();
        assert_eq!(handle.clock().now() - start, ms(100));
        assert_eq!(woken(&log), vec![0]);
    }

    #[test]
    fn an_unpark_from_the_driving_thread_stops_the_jump_too() {
        let (mut driver, handle) = build(true);
        let log = Arc::new(Log::default());
        let start = handle.clock().now();
        let mut sleep = pin!(Sleep::new_with_handle(handle.clone(), start + ms(100)));
        assert_eq!(poll(sleep.as_mut(), &waker(0, &log)), Poll::Pending);
        handle.take_did_wake();
        driver.unparker().unpark_self();
        driver.park();
        assert_eq!(
            handle.clock().now(),
            start,
            "woken: the clock must not jump"
        );
        driver.park();
        assert_eq!(handle.clock().now() - start, ms(100));
        assert_eq!(woken(&log), vec![0]);
    }

    #[test]
    fn no_timers_no_jump() {
        let (mut driver, handle) = build(true);
        let start = handle.clock().now();
        driver.park_timeout(ms(10));
        assert_eq!(handle.clock().now(), start);
    }
}

#[test]
fn timeout_fast_path_never_touches_the_wheel() {
    use crate::Timeout;

    let (_driver, handle) = build(false);
    let log = Arc::new(Log::default());
    let deadline = handle.clock().now() + ms(10);

    let ready = Timeout::new_with_delay(
        std::future::ready(1),
        Sleep::new_with_handle(handle.clone(), deadline),
    );
    let mut ready = pin!(ready);
    let out = ready
        .as_mut()
        .poll(&mut Context::from_waker(&waker(0, &log)));
    assert_eq!(out, Poll::Ready(Ok(1)));
    assert_eq!(handle.wheel_len(), 0);

    let pending = Timeout::new_with_delay(
        std::future::pending::<()>(),
        Sleep::new_with_handle(handle.clone(), deadline),
    );
    let mut pending = pin!(pending);
    let w = waker(1, &log);
    assert!(
        pending
            .as_mut()
            .poll(&mut Context::from_waker(&w))
            .is_pending()
    );
    assert_eq!(handle.wheel_len(), 1);
    handle.process_at(handle.clock().deadline_to_tick(deadline));
    assert_eq!(woken(&log), vec![1]);
    let out = pending.as_mut().poll(&mut Context::from_waker(&w));
    assert!(matches!(out, Poll::Ready(Err(_))));
}
