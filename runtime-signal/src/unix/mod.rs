//! Listening for Unix signals: [`signal`] returns a [`Signal`] that is
//! notified each time the process receives the chosen [`SignalKind`].
//!
//! See the [crate docs](crate) for what installing a handler means for the
//! process, and how deliveries coalesce.

mod kind;
mod signal;

pub use kind::SignalKind;
pub use signal::Signal;

use std::io;

use runtime_core::runtime::driver;

use crate::driver::Handle;
use crate::globals;
use crate::sys::FORBIDDEN;

/// The panic outside a runtime (worded as tokio's).
const NO_RUNTIME_MSG: &str =
    "there is no reactor running, must be called from the context of a Tokio 1.x runtime";

/// The panic in a runtime without the I/O (and so signal) driver.
const DISABLED_MSG: &str = "A Tokio 1.x context was found, but IO is disabled. \
     Call `enable_io` on the runtime builder to enable IO.";

/// Starts listening for `kind` in the current runtime.
///
/// The first listener of a signal installs the process-wide handler for it,
/// which stays installed for the rest of the process: the signal's default
/// action (terminating the process, for most) no longer happens, even after
/// every `Signal` is dropped. Every `Signal` of the same kind, in any
/// runtime, is notified of each delivery; deliveries that arrive between two
/// receives are reported once.
///
/// # Errors
///
/// With [`io::ErrorKind::Other`] when `kind` is not a positive signal
/// number, is one that cannot be handled (`SIGILL`, `SIGFPE`, `SIGKILL`,
/// `SIGSEGV`, `SIGSTOP`), is beyond the largest signal number, or when the
/// runtime's signal driver has shut down. With the OS's error when the
/// handler cannot be installed (an invalid or reserved number), and again
/// for every later listener of that signal.
///
/// # Panics
///
/// Outside a runtime, or in a runtime built without the I/O driver
/// (`enable_io`).
///
/// # Examples
///
/// ```
/// use runtime_signal::unix::{SignalKind, signal};
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .driver_layer(runtime_signal::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let mut window = signal(SignalKind::window_change())?;
/// // SAFETY: the handler for SIGWINCH is installed (by `signal`).
/// unsafe { libc::raise(libc::SIGWINCH) };
/// window.recv().await;
///
/// let err = signal(SignalKind::from_raw(libc::SIGKILL)).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::Other);
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[track_caller]
pub fn signal(kind: SignalKind) -> io::Result<Signal> {
    let handle = match driver::with_current::<Handle, _>(|handle| handle.cloned()) {
        Ok(Some(handle)) => handle,
        Ok(None) => panic!("{DISABLED_MSG}"),
        Err(_) => panic!("{NO_RUNTIME_MSG}"),
    };
    signal_with_handle(kind, handle)
}

fn signal_with_handle(kind: SignalKind, handle: Handle) -> io::Result<Signal> {
    let signum = kind.as_raw_value();
    if signum <= 0 || FORBIDDEN.contains(&signum) {
        return Err(io::Error::other(format!(
            "Refusing to register signal {signum}"
        )));
    }
    handle.check_alive()?;
    let globals = globals::globals()?;
    if !globals.in_range(signum) {
        return Err(io::Error::other("signal too large"));
    }
    globals.enable(signum)?;
    handle.register(globals)?;
    Ok(Signal::new(globals.table(), signum as usize, handle))
}

#[cfg(all(test, not(runtime_loom)))]
mod tests {
    use super::*;

    fn rt() -> runtime_core::runtime::Runtime {
        runtime_core::runtime::Builder::new_current_thread()
            .driver_layer(runtime_net::driver::layer())
            .driver_layer(crate::driver::layer())
            .build()
            .unwrap()
    }

    #[test]
    fn bad_numbers_are_refused_with_other() {
        let rt = rt();
        let _guard = rt.enter();
        for signum in [
            -1,
            0,
            libc::SIGKILL,
            libc::SIGSTOP,
            libc::SIGILL,
            libc::SIGFPE,
            libc::SIGSEGV,
        ] {
            let err = signal(SignalKind::from_raw(signum)).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::Other, "{signum}");
            assert_eq!(
                err.to_string(),
                format!("Refusing to register signal {signum}")
            );
        }
        let err = signal(SignalKind::from_raw(10_000)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other);
        assert_eq!(err.to_string(), "signal too large");
    }
}
