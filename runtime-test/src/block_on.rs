//! [`block_on`]: run a future to completion on a fresh current-thread
//! runtime.

use std::future::Future;

use runtime_core::runtime::Builder;

/// Runs `future` to completion on a new current-thread runtime, and returns
/// its output.
///
/// Inside the future, `spawn`, `spawn_blocking` and `Handle::current` work
/// as in any runtime, and so do timers (`runtime_time::sleep`, timeouts,
/// the mocks' pauses), as with tokio-test's `block_on`; the runtime (and
/// every task still spawned on it) is dropped when `block_on` returns. It
/// has no I/O driver: code that needs sockets must build its runtime
/// through the `runtime` facade.
///
/// # Panics
///
/// Panics if the runtime cannot be built, or when called from within a
/// runtime (a thread must not block inside an asynchronous task).
///
/// # Examples
///
/// ```
/// let n = runtime_test::block_on(async {
///     let task = runtime_core::task::spawn(async { 6 * 7 });
///     task.await.unwrap()
/// });
/// assert_eq!(n, 42);
///
/// // Timers work too.
/// runtime_test::block_on(async {
///     runtime_time::sleep(std::time::Duration::from_millis(1)).await;
/// });
/// ```
#[track_caller]
pub fn block_on<F: Future>(future: F) -> F::Output {
    Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .build()
        .expect("failed to build the runtime for runtime_test::block_on")
        .block_on(future)
}
