//! Creating a timer outside a runtime (or in one without time) panics at
//! the caller's line, so the message points at user code.

use std::panic;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Runs `f`, which must panic, and returns the file the panic reports.
fn panic_file(f: impl FnOnce() + panic::UnwindSafe) -> String {
    static HOOK: Mutex<()> = Mutex::new(());
    let _serial = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let file = Arc::new(Mutex::new(None));
    let prev = panic::take_hook();
    {
        let file = file.clone();
        panic::set_hook(Box::new(move |info| {
            *file.lock().unwrap() = info.location().map(|l| l.file().to_string());
        }));
    }
    let result = panic::catch_unwind(f);
    panic::set_hook(prev);
    assert!(result.is_err(), "expected a panic");
    let file = file.lock().unwrap().take();
    file.expect("the panic has a location")
}

#[test]
fn timer_constructors_panic_at_the_callers_line() {
    let here = file!();
    let now = runtime_time::Instant::now();
    assert_eq!(
        panic_file(|| drop(runtime_time::sleep(Duration::from_secs(1)))),
        here
    );
    assert_eq!(
        panic_file(move || drop(runtime_time::sleep_until(now))),
        here
    );
    assert_eq!(
        panic_file(|| drop(runtime_time::timeout(Duration::from_secs(1), async {}))),
        here
    );
    assert_eq!(
        panic_file(move || drop(runtime_time::timeout_at(now, async {}))),
        here
    );
    assert_eq!(
        panic_file(|| drop(runtime_time::interval(Duration::from_secs(1)))),
        here
    );
    // In a runtime without time, too.
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _guard = rt.enter();
    assert_eq!(
        panic_file(|| drop(runtime_time::timeout(Duration::from_secs(1), async {}))),
        here
    );
}
