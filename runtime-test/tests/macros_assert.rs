//! The assertion macros: values returned, panic messages.

use std::task::Poll;
use std::time::Duration;

use runtime_test::{
    assert_err, assert_ok, assert_pending, assert_ready, assert_ready_eq, assert_ready_err,
    assert_ready_ok,
};

fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let err = std::panic::catch_unwind(f).unwrap_err();
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap()
}

#[test]
fn values_come_out() {
    assert_eq!(assert_ready!(Poll::Ready(1)), 1);
    assert_eq!(assert_ready!(Poll::Ready(1), "with {}", "message"), 1);
    assert_eq!(assert_ready_ok!(Poll::Ready(Ok::<_, ()>(2))), 2);
    assert_eq!(assert_ready_ok!(Poll::Ready(Ok::<_, ()>(2)), "msg"), 2);
    assert_eq!(assert_ready_err!(Poll::Ready(Err::<(), _>(3))), 3);
    assert_eq!(assert_ready_err!(Poll::Ready(Err::<(), _>(3)), "msg"), 3);
    assert_pending!(Poll::<()>::Pending);
    assert_pending!(Poll::<()>::Pending, "msg {}", 1);
    assert_ready_eq!(Poll::Ready(4), 4);
    assert_ready_eq!(Poll::Ready(4), 4, "msg");
    assert_eq!(assert_ok!(Ok::<_, ()>(5)), 5);
    assert_eq!(assert_ok!(Ok::<_, ()>(5), "msg"), 5);
    assert_eq!(assert_err!(Err::<(), _>(6)), 6);
    assert_eq!(assert_err!(Err::<(), _>(6), "msg"), 6);
}

#[test]
fn panic_messages() {
    assert_eq!(
        panic_message(|| {
            assert_ready!(Poll::<()>::Pending);
        }),
        "pending"
    );
    assert_eq!(
        panic_message(|| {
            assert_ready!(Poll::<()>::Pending, "waiting on {}", "rx");
        }),
        "pending; waiting on rx"
    );
    assert_eq!(
        panic_message(|| assert_pending!(Poll::Ready(7))),
        "ready; value = 7"
    );
    assert_eq!(
        panic_message(|| {
            assert_ready_ok!(Poll::Ready(Err::<(), _>("bad")));
        }),
        "error = \"bad\""
    );
    assert_eq!(
        panic_message(|| {
            assert_ready_err!(Poll::Ready(Ok::<_, ()>(1)));
        }),
        "value = 1"
    );
    assert_eq!(
        panic_message(|| {
            assert_ok!(Err::<(), _>("bad"));
        }),
        "assertion failed: Err(\"bad\")"
    );
    assert_eq!(
        panic_message(|| {
            assert_err!(Ok::<_, ()>(1));
        }),
        "assertion failed: Ok(1)"
    );
    assert_eq!(
        panic_message(|| {
            assert_ok!(Err::<(), _>(0), "ctx {}", 9);
        }),
        "assertion failed: Err(0): ctx 9"
    );
    assert!(panic_message(|| assert_ready_eq!(Poll::Ready(1), 2)).contains("left == right"));
}

#[test]
fn assert_elapsed_accepts_the_exact_paused_duration() {
    let start = FixedElapsed(Duration::from_millis(1500));
    runtime_test::assert_elapsed!(start, Duration::from_millis(1500));
    // Within the millisecond of timer resolution.
    let start = FixedElapsed(Duration::from_micros(1_500_900));
    runtime_test::assert_elapsed!(start, Duration::from_millis(1500));
}

#[test]
#[should_panic(expected = "elapsed time 1.4s is not in [1.5s, 1.501s]")]
fn assert_elapsed_rejects_too_short() {
    runtime_test::assert_elapsed!(
        FixedElapsed(Duration::from_millis(1400)),
        Duration::from_millis(1500)
    );
}

#[test]
#[should_panic(expected = "elapsed time 1.502s is not in [1.5s, 1.501s]")]
fn assert_elapsed_rejects_too_long() {
    runtime_test::assert_elapsed!(
        FixedElapsed(Duration::from_millis(1502)),
        Duration::from_millis(1500)
    );
}

/// A start instant whose elapsed time is fixed, so these checks do not
/// depend on a clock.
struct FixedElapsed(Duration);

impl FixedElapsed {
    fn elapsed(&self) -> Duration {
        self.0
    }
}
