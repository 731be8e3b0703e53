//! Panics of the sync API caused by a misuse point at the caller's line
//! (`#[track_caller]`), not into the crate.

use std::panic;
use std::sync::{Arc, Mutex};

use runtime_core::sync::Semaphore;

/// Runs `f`, which must panic, and returns the file the panic points at.
/// The hook is process-wide, so this binary has a single test.
fn panic_file(f: impl FnOnce() + panic::UnwindSafe) -> String {
    let seen = Arc::new(Mutex::new(None));
    let s = seen.clone();
    let prev = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        *s.lock().unwrap() = info.location().map(|l| l.file().to_string());
    }));
    let result = panic::catch_unwind(f);
    panic::set_hook(prev);
    assert!(result.is_err(), "expected a panic");
    seen.lock().unwrap().take().expect("panic location")
}

#[test]
fn merging_permits_of_two_semaphores_points_at_the_caller() {
    assert_eq!(
        panic_file(|| {
            let (a, b) = (Semaphore::new(1), Semaphore::new(1));
            let mut p = a.try_acquire().unwrap();
            p.merge(b.try_acquire().unwrap());
        }),
        file!()
    );
    assert_eq!(
        panic_file(|| {
            let (a, b) = (Arc::new(Semaphore::new(1)), Arc::new(Semaphore::new(1)));
            let mut p = a.try_acquire_owned().unwrap();
            p.merge(b.try_acquire_owned().unwrap());
        }),
        file!()
    );
}
