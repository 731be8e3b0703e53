//! The test utilities of the `test-util` feature: [`pause`], [`resume`] and
//! [`advance`] control the current runtime's clock.
//!
//! A paused clock stands still. [`advance`] moves it forward by hand; and a
//! runtime with a paused clock and nothing to do moves it forward by itself,
//! straight to the next timer's deadline (auto-advance), so a test that
//! sleeps for an hour finishes at once, with every timer firing in order.

use std::time::Duration;

use crate::driver::handle::TimeHandle;

const OUTSIDE_RUNTIME: &str = "time cannot be frozen from outside the runtime";

fn current_clock_handle() -> TimeHandle {
    match TimeHandle::try_current() {
        Some(handle) => handle,
        None => panic!("{OUTSIDE_RUNTIME}"),
    }
}

/// Pauses time.
///
/// The current value of `Instant::now()` is saved and all subsequent calls
/// to `Instant::now()` return the saved value (rounded up to the next whole
/// millisecond). The saved value changes only with [`advance`], or when the
/// runtime auto-advances: when the clock is paused and the runtime has no
/// work to do, it jumps to the deadline of the next pending timer. So a
/// paused test runs every timer in order without waiting.
///
/// Unlike tokio, auto-advance does not wait for `spawn_blocking` tasks to
/// finish: a runtime whose only work runs on the blocking pool is idle as
/// far as its clock is concerned. Await such tasks before sleeping if the
/// order matters.
///
/// # Panics
///
/// Panics if time is already frozen, if called outside a runtime with
/// timers enabled, or if the runtime is not a current-thread runtime.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, pause, sleep};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// pause();
/// let start = Instant::now();
/// sleep(Duration::from_secs(3600)).await; // returns at once
/// assert_eq!(start.elapsed(), Duration::from_secs(3600));
/// # });
/// ```
#[track_caller]
pub fn pause() {
    let handle = current_clock_handle();
    crate::driver::context::assert_pausable();
    if let Err(msg) = handle.clock().pause() {
        panic!("{msg}");
    }
}

/// Resumes time.
///
/// The clock runs again from where it stands: `Instant::now()` returns the
/// saved value plus the real time elapsed since this call.
///
/// # Panics
///
/// Panics if time is not frozen, or if called outside a runtime with
/// timers enabled.
///
/// # Examples
///
/// ```
/// use runtime_time::{pause, resume};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// pause();
/// resume();
/// # });
/// ```
#[track_caller]
pub fn resume() {
    let handle = current_clock_handle();
    if let Err(msg) = handle.clock().resume() {
        panic!("{msg}");
    }
}

/// Advances time.
///
/// Increments the saved `Instant::now()` value by `duration`, in one jump:
/// every timer with a deadline up to the new time fires "at the same time",
/// and the runtime may run their tasks in any order. Those timers are fired
/// before `advance` returns, so a `Sleep` polled after `advance(..).await`
/// is ready; `advance` does not wait for the tasks they wake to run (it
/// yields once). To wait for them, sleep instead and rely on auto-advance.
///
/// # Panics
///
/// Panics if time is not frozen ([`pause`] first), if called outside a
/// runtime with timers enabled, or if `duration` is too large to add to the
/// current time (such as `Duration::MAX`).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_time::{Instant, advance, pause};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// pause();
/// let start = Instant::now();
/// advance(Duration::from_secs(5)).await;
/// assert_eq!(start.elapsed(), Duration::from_secs(5));
/// # });
/// ```
pub async fn advance(duration: Duration) {
    let handle = current_clock_handle();
    if let Err(msg) = handle.clock().advance(duration) {
        panic!("{msg}");
    }
    handle.process();
    drop(handle);
    // Let the tasks the jump woke run before the caller goes on.
    runtime_core::task::yield_now().await;
}
