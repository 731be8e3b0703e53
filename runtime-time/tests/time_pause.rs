//! `pause`, `resume`, `advance` and auto-advance.

#![cfg(feature = "test-util")]

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use runtime_core::task;
use runtime_time::{Instant, advance, pause, resume, sleep};
use support::{ms, panic_message, paused_rt, rt, spawn};

#[test]
fn paused_clock_stands_still() {
    paused_rt().block_on(async {
        let a = Instant::now();
        std::thread::yield_now();
        assert_eq!(Instant::now(), a);
        assert_eq!(a.elapsed(), Duration::ZERO);
    });
}

#[test]
fn advance_moves_the_clock_and_fires_due_timers() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = spawn(sleep(ms(100)));
        assert_pending!(s.poll());
        advance(ms(60)).await;
        assert_eq!(start.elapsed(), ms(60));
        assert!(!s.is_woken());
        advance(ms(40)).await;
        assert_eq!(start.elapsed(), ms(100));
        assert_eq!(s.wake_count(), 1);
        assert_ready!(s.poll());
    });
}

#[test]
fn advance_by_sub_millisecond_steps() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = spawn(sleep(ms(1)));
        assert_pending!(s.poll());
        advance(Duration::from_micros(999)).await;
        assert_pending!(s.poll());
        advance(Duration::from_micros(1)).await;
        assert_ready!(s.poll());
        assert_eq!(start.elapsed(), ms(1));
    });
}

#[test]
fn auto_advance_jumps_to_each_deadline_in_turn() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut handles = Vec::new();
        for delay in [Duration::from_secs(86_400), ms(3), Duration::from_secs(60)] {
            let seen = seen.clone();
            handles.push(task::spawn(async move {
                sleep(delay).await;
                seen.lock().unwrap().push(start.elapsed());
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
        assert_eq!(
            *seen.lock().unwrap(),
            vec![ms(3), Duration::from_secs(60), Duration::from_secs(86_400)]
        );
    });
}

#[test]
fn pause_then_resume_runs_from_where_it_stood() {
    let rt = rt();
    rt.block_on(async {
        pause();
        let frozen = Instant::now();
        advance(Duration::from_secs(10)).await;
        assert_eq!(frozen.elapsed(), Duration::from_secs(10));
        resume();
        // Running again: never behind the frozen time plus the advance.
        assert!(Instant::now() >= frozen + Duration::from_secs(10));
        // And pausable again.
        pause();
        let again = Instant::now();
        assert_eq!(Instant::now(), again);
    });
}

#[test]
fn pause_inside_a_running_runtime_lets_auto_advance_work() {
    rt().block_on(async {
        pause();
        let start = Instant::now();
        sleep(Duration::from_secs(3600)).await;
        assert_eq!(start.elapsed(), Duration::from_secs(3600));
    });
}

fn panics_with(f: impl FnOnce()) -> String {
    panic_message(catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic"))
}

#[test]
fn advance_on_a_running_clock_panics() {
    let msg = panics_with(|| rt().block_on(advance(ms(1))));
    assert!(msg.contains("time is not frozen"), "{msg}");
}

#[test]
fn pausing_twice_panics() {
    let msg = panics_with(|| paused_rt().block_on(async { pause() }));
    assert!(msg.contains("time is already frozen"), "{msg}");
}

#[test]
fn resuming_a_running_clock_panics() {
    let msg = panics_with(|| rt().block_on(async { resume() }));
    assert!(msg.contains("time is not frozen"), "{msg}");
}

#[test]
fn clock_controls_outside_a_runtime_panic() {
    let msg = panics_with(pause);
    assert!(msg.contains("outside the runtime"), "{msg}");
    let msg = panics_with(resume);
    assert!(msg.contains("outside the runtime"), "{msg}");
    let msg = panics_with(|| futures::executor::block_on(advance(ms(1))));
    assert!(msg.contains("outside the runtime"), "{msg}");
}

#[test]
fn instant_now_outside_a_runtime_is_real_time() {
    let a = Instant::now();
    let b = Instant::now();
    assert!(b >= a);
    assert_eq!(Instant::from_std(a.into_std()), a);
}
