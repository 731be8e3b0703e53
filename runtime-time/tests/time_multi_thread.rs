//! Timers on the multi-threaded runtime: created on one worker, polled on
//! another, and `pause` refused.

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use runtime_core::runtime::{Builder, Runtime};
use runtime_time::{Instant, sleep, timeout};

fn mt_rt() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .driver_layer(runtime_time::driver::layer())
        .build()
        .expect("runtime builds")
}

#[test]
fn sleeps_complete_across_workers() {
    let rt = mt_rt();
    let done = Arc::new(AtomicUsize::new(0));
    rt.block_on(async {
        let mut handles = Vec::new();
        for i in 0..50u64 {
            let done = done.clone();
            // Created here (outside the workers), moved into a task that
            // may run on either worker, and polled there.
            let s = sleep(Duration::from_millis(1 + i % 5));
            let deadline = s.deadline();
            handles.push(runtime_core::task::spawn(async move {
                s.await;
                assert!(Instant::now() >= deadline);
                done.fetch_add(1, Ordering::SeqCst);
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
    });
    assert_eq!(done.load(Ordering::SeqCst), 50);
}

#[test]
fn timeout_fires_on_the_multi_thread_runtime() {
    let rt = mt_rt();
    let res = rt.block_on(async {
        runtime_core::task::spawn(timeout(
            Duration::from_millis(5),
            std::future::pending::<()>(),
        ))
        .await
        .unwrap()
    });
    assert!(res.is_err());
}

#[cfg(feature = "test-util")]
#[test]
fn pause_requires_the_current_thread_runtime() {
    let rt = mt_rt();
    let payload = catch_unwind(AssertUnwindSafe(|| {
        rt.block_on(async { runtime_time::pause() });
    }))
    .expect_err("pause on a multi-thread runtime panics");
    let msg = support::panic_message(payload);
    assert!(
        msg.contains("requires the `current_thread` runtime"),
        "{msg}"
    );
}
