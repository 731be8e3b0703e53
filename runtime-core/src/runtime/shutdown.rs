//! The error of resources whose runtime is gone, and how to recognise it.
//!
//! When a runtime shuts down, its drivers fail every pending and later
//! operation on the resources registered with them (a socket's read, an
//! accept). They all fail with the error made by [`shutdown_error`], so
//! that code holding such a resource can tell "the runtime went away" from
//! an OS error with [`is_rt_shutdown_err`], whichever driver produced it.

use std::error::Error;
use std::fmt;
use std::io;

/// The message of the error, as users see it.
/// Worded as tokio 1.x's, so that code matching on the text ports unchanged.
const MESSAGE: &str = "A Tokio 1.x context was found, but it is being shutdown.";

/// The marker inside the `io::Error`: its type, not its text, is what
/// [`is_rt_shutdown_err`] recognises.
#[derive(Debug)]
struct RuntimeShutdown;

impl fmt::Display for RuntimeShutdown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MESSAGE)
    }
}

impl Error for RuntimeShutdown {}

/// The error a driver's resource fails with once its runtime has shut down
/// (kind `Other`). For driver authors: return it, so that
/// [`is_rt_shutdown_err`] recognises it.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::{is_rt_shutdown_err, shutdown_error};
///
/// let err = shutdown_error();
/// assert_eq!(err.kind(), std::io::ErrorKind::Other);
/// assert!(is_rt_shutdown_err(&err));
/// ```
pub fn shutdown_error() -> io::Error {
    io::Error::other(RuntimeShutdown)
}

/// Whether `err` is the error that resources of a runtime fail with once
/// that runtime has shut down, rather than an error of the OS or of the
/// caller's own making.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::is_rt_shutdown_err;
///
/// let other = std::io::Error::other("A Tokio 1.x context was found, but it is being shutdown.");
/// // Only the runtime's own error counts, not one that looks like it.
/// assert!(!is_rt_shutdown_err(&other));
/// ```
pub fn is_rt_shutdown_err(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::Other
        && err
            .get_ref()
            .is_some_and(|inner| inner.is::<RuntimeShutdown>())
}
