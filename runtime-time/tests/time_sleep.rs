//! `sleep`, `sleep_until` and `Sleep` on a current-thread runtime with a
//! paused clock.

#![cfg(feature = "test-util")]

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use runtime_core::task;
use runtime_time::{Instant, advance, sleep, sleep_until, timeout};
use support::{ms, paused_rt, spawn};

#[test]
fn sleep_completes_exactly_at_its_deadline() {
    paused_rt().block_on(async {
        let start = Instant::now();
        sleep(ms(10)).await;
        assert_eq!(start.elapsed(), ms(10));
        sleep(Duration::from_secs(3600)).await;
        assert_eq!(start.elapsed(), Duration::from_secs(3600) + ms(10));
    });
}

#[test]
fn sleeps_fire_in_deadline_order() {
    paused_rt().block_on(async {
        let order = Arc::new(Mutex::new(Vec::new()));
        let start = Instant::now();
        let mut handles = Vec::new();
        for (id, delay) in [
            (0, 300u64),
            (1, 100),
            (2, 200),
            (3, 100),
            (4, 5_000),
            (5, 1),
        ] {
            let order = order.clone();
            handles.push(task::spawn(async move {
                sleep(ms(delay)).await;
                order.lock().unwrap().push((id, start.elapsed()));
            }));
        }
        for handle in handles {
            handle.await.unwrap();
        }
        let order = order.lock().unwrap().clone();
        let ids: Vec<_> = order.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![5, 1, 3, 2, 0, 4]);
        let at: Vec<_> = order.iter().map(|(_, at)| *at).collect();
        assert_eq!(
            at,
            vec![ms(1), ms(100), ms(100), ms(200), ms(300), ms(5_000)]
        );
    });
}

#[test]
fn sleep_until_past_deadline_is_ready_at_once() {
    paused_rt().block_on(async {
        advance(ms(50)).await;
        let now = Instant::now();
        let mut past = spawn(sleep_until(now - ms(20)));
        assert_ready!(past.poll());
        assert!(past.inner().is_elapsed());
        let mut zero = spawn(sleep(Duration::ZERO));
        assert_ready!(zero.poll());
        assert_eq!(Instant::now(), now);
    });
}

#[test]
fn deadline_and_is_elapsed() {
    paused_rt().block_on(async {
        let deadline = Instant::now() + ms(10);
        let mut s = spawn(sleep_until(deadline));
        assert_eq!(s.inner().deadline(), deadline);
        assert!(!s.inner().is_elapsed());
        assert_pending!(s.poll());
        assert!(!s.inner().is_elapsed());
        advance(ms(9)).await;
        assert!(!s.inner().is_elapsed());
        assert!(!s.is_woken());
        advance(ms(1)).await;
        assert!(s.inner().is_elapsed());
        assert_eq!(s.wake_count(), 1);
        assert_ready!(s.poll());
    });
}

#[test]
fn reset_earlier() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = spawn(sleep(ms(100)));
        assert_pending!(s.poll());
        s.inner_mut().reset(start + ms(20));
        assert_eq!(s.inner().deadline(), start + ms(20));
        advance(ms(20)).await;
        assert_eq!(s.wake_count(), 1);
        assert_ready!(s.poll());
    });
}

#[test]
fn reset_later() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = spawn(sleep(ms(20)));
        assert_pending!(s.poll());
        s.inner_mut().reset(start + ms(100));
        advance(ms(20)).await;
        assert!(!s.is_woken());
        assert_pending!(s.poll());
        advance(ms(80)).await;
        assert_eq!(s.wake_count(), 1);
        assert_ready!(s.poll());
    });
}

#[test]
fn reset_after_completion_rearms() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = spawn(sleep(ms(10)));
        assert_pending!(s.poll());
        advance(ms(10)).await;
        assert_ready!(s.poll());
        s.inner_mut().reset(start + ms(30));
        assert!(!s.inner().is_elapsed());
        assert_pending!(s.poll());
        advance(ms(20)).await;
        assert_eq!(s.wake_count(), 2);
        assert_ready!(s.poll());
    });
}

#[test]
fn reset_before_first_poll_uses_the_new_deadline() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = Box::pin(sleep(ms(500)));
        s.as_mut().reset(start + ms(5));
        s.await;
        assert_eq!(start.elapsed(), ms(5));
    });
}

#[test]
fn dropping_a_sleep_cancels_it() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = spawn(sleep(ms(10)));
        assert_pending!(s.poll());
        let counter_probe = s.wake_count();
        drop(s);
        // If the dropped sleep were still registered, the clock would stop at
        // 10 ms on the way; the only timer left is at 50 ms.
        sleep(ms(50)).await;
        assert_eq!(counter_probe, 0);
        assert_eq!(start.elapsed(), ms(50));
    });
}

#[test]
fn duration_max_saturates_instead_of_overflowing() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut forever = spawn(sleep(Duration::MAX));
        assert_pending!(forever.poll());
        let deadline = forever.inner().deadline();
        assert!(deadline - start >= Duration::from_secs(86_400 * 365 * 29));
        let res = timeout(Duration::from_secs(1), sleep(Duration::MAX)).await;
        assert!(res.is_err());
        assert_eq!(start.elapsed(), Duration::from_secs(1));
        // Jumping a decade is free and does not fire it.
        advance(Duration::from_secs(86_400 * 365 * 10)).await;
        assert!(!forever.is_woken());
        assert_pending!(forever.poll());
    });
}

#[test]
fn many_sleeps_with_spread_deadlines_all_complete_in_order() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let done = Arc::new(Mutex::new(Vec::new()));
        let mut handles = Vec::new();
        for i in 0..10_000u64 {
            let delay = (i * 7_919) % 100_000;
            let done = done.clone();
            handles.push(task::spawn(async move {
                sleep(ms(delay)).await;
                assert_eq!(start.elapsed(), ms(delay));
                done.lock().unwrap().push(delay);
            }));
        }
        for handle in handles {
            handle.await.unwrap();
        }
        let done = done.lock().unwrap();
        assert_eq!(done.len(), 10_000);
        assert!(done.windows(2).all(|w| w[0] <= w[1]), "fired out of order");
    });
}

#[test]
fn ready_sleeps_consume_the_coop_budget() {
    paused_rt().block_on(async {
        let past = Instant::now();
        advance(ms(1)).await;
        let other_ran = Arc::new(Mutex::new(false));
        let flag = other_ran.clone();
        // Spawned first, so it runs first: it awaits 1000 already-elapsed
        // sleeps and never yields on its own. The budget must force a yield,
        // letting the task spawned after it run meanwhile.
        let spinner = task::spawn(async move {
            let mut first_seen = None;
            for i in 0..1000 {
                sleep_until(past).await;
                if first_seen.is_none() && *flag.lock().unwrap() {
                    first_seen = Some(i);
                }
            }
            first_seen
        });
        let other = task::spawn(async move {
            *other_ran.lock().unwrap() = true;
        });
        let first_seen = spinner.await.unwrap().expect("the sleeps never yielded");
        // 128 units of budget per poll: the yield comes after at most 128.
        assert!(first_seen <= 128, "yielded only after {first_seen} sleeps");
        other.await.unwrap();
    });
}

#[test]
fn sleep_polled_from_another_thread_is_fired_by_the_runtime() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let s = sleep(ms(500));
        let (tx, rx) = futures::channel::oneshot::channel();
        // Polled (and so registered) on a thread outside the runtime, while
        // the runtime idles: registration must reach the parked driver.
        let th = std::thread::spawn(move || {
            futures::executor::block_on(s);
            tx.send(()).unwrap();
        });
        rx.await.unwrap();
        th.join().unwrap();
        assert_eq!(start.elapsed(), ms(500));
    });
}
