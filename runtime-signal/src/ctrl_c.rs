//! [`ctrl_c`]: the portable way to wait for Ctrl-C.

use std::io;

use crate::driver::gone_error;
use crate::unix::{SignalKind, signal};

/// Completes when the process receives a Ctrl-C (`SIGINT`).
///
/// The listener is created when the future is first polled (or awaited):
/// only a `SIGINT` that arrives after that completes it.
///
/// # Caveats
///
/// Listening installs a process-wide handler for `SIGINT` that is never
/// removed: from then on Ctrl-C no longer terminates the process, even after
/// this future completes or is dropped. A program that stops listening must
/// exit by itself.
///
/// # Errors
///
/// If the handler cannot be installed, or if the runtime's signal driver
/// shuts down before a `SIGINT` arrives (kind [`io::ErrorKind::Other`]).
///
/// # Panics
///
/// When first polled outside a runtime, or in a runtime without the I/O
/// driver (`enable_io`).
///
/// # Examples
///
/// ```no_run
/// # async fn run() {
/// println!("press Ctrl-C to stop");
/// runtime_signal::ctrl_c().await.expect("failed to listen for Ctrl-C");
/// println!("stopping");
/// # }
/// ```
///
/// A Ctrl-C sent to the process itself:
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .driver_layer(runtime_signal::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let ctrl_c = runtime_signal::ctrl_c();
/// runtime_core::task::spawn(async {
///     // Runs once `ctrl_c` has been polled, so its handler is installed.
///     // SAFETY: raising SIGINT with a handler installed.
///     unsafe { libc::raise(libc::SIGINT) };
/// });
/// ctrl_c.await.unwrap();
/// # });
/// ```
pub async fn ctrl_c() -> io::Result<()> {
    match signal(SignalKind::interrupt())?.recv().await {
        Some(()) => Ok(()),
        None => Err(gone_error()),
    }
}
