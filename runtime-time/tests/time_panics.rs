//! What timers do without a usable time driver: outside a runtime, in a
//! runtime without time, after shutdown.

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use runtime_core::runtime::Builder;
use runtime_time::{Instant, interval, sleep, sleep_until, timeout, timeout_at};
use support::panic_message;

fn panics_with(f: impl FnOnce()) -> String {
    panic_message(catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic"))
}

#[test]
fn timers_outside_a_runtime_panic() {
    let msgs = [
        panics_with(|| drop(sleep(Duration::from_millis(1)))),
        panics_with(|| drop(sleep_until(Instant::now()))),
        panics_with(|| drop(timeout(Duration::from_millis(1), async {}))),
        panics_with(|| drop(timeout_at(Instant::now(), async {}))),
        panics_with(|| drop(interval(Duration::from_millis(1)))),
    ];
    for msg in msgs {
        assert!(
            msg.contains("there is no reactor running, must be called from the context of a"),
            "{msg}"
        );
    }
}

#[test]
fn timers_in_a_runtime_without_time_name_enable_time() {
    let rt = Builder::new_current_thread().build().unwrap();
    let msg = panics_with(|| rt.block_on(async { drop(sleep(Duration::from_millis(1))) }));
    assert!(msg.contains("timers are disabled"), "{msg}");
    assert!(msg.contains("`enable_time`"), "{msg}");
}

#[test]
fn polling_a_sleep_after_shutdown_panics() {
    let rt = support::rt();
    let mut s = {
        let _guard = rt.enter();
        Box::pin(sleep(Duration::from_secs(60)))
    };
    drop(rt);
    let msg = panics_with(|| {
        let _ = futures::executor::block_on(futures::future::poll_fn(|cx| {
            std::task::Poll::Ready(s.as_mut().poll(cx))
        }));
    });
    assert!(msg.contains("is being shutdown"), "{msg}");
}

#[test]
fn pending_sleeps_are_released_at_shutdown() {
    let rt = support::rt();
    let (tx, rx) = std::sync::mpsc::channel();
    struct Flag(std::sync::mpsc::Sender<()>);
    impl Drop for Flag {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }
    rt.block_on(async move {
        runtime_core::task::spawn(async move {
            let _flag = Flag(tx);
            sleep(Duration::from_secs(3600)).await;
        });
        runtime_core::task::yield_now().await;
    });
    // Dropping the runtime drops the task (and its registered sleep) rather
    // than waiting an hour.
    drop(rt);
    assert_eq!(rx.try_recv(), Ok(()));
}

#[cfg(not(feature = "test-util"))]
#[test]
fn start_paused_without_test_util_is_an_error() {
    let err = Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::Unsupported);
}
