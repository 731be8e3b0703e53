//! DelayQueue's limits: a deadline more than 2^36 - 1 ms away, and more
//! than 2^30 - 1 values, panic at the caller's line (as tokio-util's) instead
//! of being accepted or trying to allocate the memory.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use runtime_time::Instant;
use runtime_util::time::DelayQueue;

const MAX_DELAY: Duration = Duration::from_millis((1 << 36) - 1);

fn rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .build()
        .unwrap()
}

/// Runs `f`, which must panic; returns the file the panic points at and
/// its message. The hook is process-wide: each test takes the lock.
fn panic_of(f: impl FnOnce()) -> (String, String) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let seen = Arc::new(Mutex::new(None));
    let s = seen.clone();
    let prev = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|m| m.to_string()))
            .unwrap_or_default();
        let file = info
            .location()
            .map(|l| l.file().to_string())
            .unwrap_or_default();
        *s.lock().unwrap() = Some((file, msg));
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    panic::set_hook(prev);
    assert!(result.is_err(), "expected a panic");
    let seen = seen.lock().unwrap().take();
    seen.expect("the hook saw the panic")
}

#[test]
fn a_deadline_beyond_the_range_panics_at_the_caller() {
    let rt = rt();
    let _enter = rt.enter();
    let mut queue = DelayQueue::new();
    // The largest delay is accepted.
    let key = queue.insert("edge", MAX_DELAY);
    assert_eq!(queue.len(), 1);
    let (file, msg) = panic_of(|| {
        queue.insert("far", MAX_DELAY + Duration::from_millis(1));
    });
    assert_eq!(file, file!());
    assert!(msg.contains("invalid deadline"), "{msg}");
    let (file, _) = panic_of(|| {
        queue.insert_at("far", Instant::now() + MAX_DELAY + Duration::from_secs(1));
    });
    assert_eq!(file, file!());
    let (file, _) = panic_of(|| queue.reset(&key, Duration::MAX));
    assert_eq!(file, file!());
    let (file, _) =
        panic_of(|| queue.reset_at(&key, Instant::now() + MAX_DELAY + Duration::from_secs(1)));
    assert_eq!(file, file!());
    // Nothing was lost or added by the refused calls.
    assert_eq!(queue.len(), 1);
    assert_eq!(queue.remove(&key).into_inner(), "edge");
}

#[test]
fn reserving_past_the_capacity_limit_panics_without_allocating() {
    let mut queue = DelayQueue::<u32>::with_capacity(3);
    let (file, msg) = panic_of(|| queue.reserve(1 << 30));
    assert_eq!(file, file!());
    assert!(msg.contains("max queue capacity exceeded"), "{msg}");
    // A reasonable reservation still works.
    queue.reserve(100);
    assert!(queue.capacity() >= 100);
}
