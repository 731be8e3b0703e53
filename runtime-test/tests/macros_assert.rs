//! The assertion macros: values returned, panic messages.

use std::task::Poll;

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
