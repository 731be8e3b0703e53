//! Time error types: [`Elapsed`] (a timeout fired) and [`Error`] (the timer
//! itself failed).

use std::error;
use std::fmt;

/// Errors a timer can hit.
///
/// Most code never sees this type: [`Sleep`](crate::Sleep) panics instead of
/// returning it, as tokio's does. It is exposed for libraries that build on
/// the timer and want to describe failures precisely.
///
/// # Examples
///
/// ```
/// use runtime_time::error::Error;
///
/// let err = Error::shutdown();
/// assert!(err.is_shutdown());
/// assert!(!err.is_at_capacity());
/// assert!(!err.is_invalid());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error(Kind);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    Shutdown = 1,
    AtCapacity = 2,
    Invalid = 3,
}

impl Error {
    /// The timer's runtime has shut down.
    pub fn shutdown() -> Error {
        Error(Kind::Shutdown)
    }

    /// Whether the error was caused by the timer's runtime shutting down.
    pub fn is_shutdown(&self) -> bool {
        matches!(self.0, Kind::Shutdown)
    }

    /// The timer is at capacity and cannot take another entry.
    ///
    /// This crate's wheel has no capacity limit; the constructor exists for
    /// API compatibility.
    pub fn at_capacity() -> Error {
        Error(Kind::AtCapacity)
    }

    /// Whether the error was caused by the timer being at capacity.
    pub fn is_at_capacity(&self) -> bool {
        matches!(self.0, Kind::AtCapacity)
    }

    /// The requested duration cannot be represented by the timer.
    ///
    /// This crate saturates over-long durations instead of failing; the
    /// constructor exists for API compatibility.
    pub fn invalid() -> Error {
        Error(Kind::Invalid)
    }

    /// Whether the error was caused by an invalid duration.
    pub fn is_invalid(&self) -> bool {
        matches!(self.0, Kind::Invalid)
    }
}

impl error::Error for Error {}

impl fmt::Display for Error {
    fn fmt(&self, fmt: &mut fmt::Formatter<'_>) -> fmt::Result {
        let descr = match self.0 {
            Kind::Shutdown => {
                "the timer is shutdown, must be called from the context of a running runtime"
            }
            Kind::AtCapacity => "timer is at capacity and cannot create a new entry",
            Kind::Invalid => "timer duration exceeds maximum duration",
        };
        write!(fmt, "{descr}")
    }
}

/// The error returned by [`timeout`](crate::timeout) and
/// [`timeout_at`](crate::timeout_at) when the deadline passed before the
/// future completed.
///
/// It converts into an [`std::io::Error`] of kind
/// [`TimedOut`](std::io::ErrorKind::TimedOut), so `?` works in functions
/// that return `io::Result`.
///
/// # Examples
///
/// ```
/// use std::io;
/// use runtime_time::error::Elapsed;
///
/// fn to_io(err: Elapsed) -> io::Error {
///     err.into()
/// }
/// # let _ = to_io;
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Elapsed(());

impl Elapsed {
    pub(crate) fn new() -> Self {
        Elapsed(())
    }
}

impl fmt::Display for Elapsed {
    fn fmt(&self, fmt: &mut fmt::Formatter<'_>) -> fmt::Result {
        "deadline has elapsed".fmt(fmt)
    }
}

impl error::Error for Elapsed {}

impl From<Elapsed> for std::io::Error {
    fn from(_err: Elapsed) -> std::io::Error {
        std::io::ErrorKind::TimedOut.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_displays_and_converts() {
        let err = Elapsed::new();
        assert_eq!(err.to_string(), "deadline has elapsed");
        assert_eq!(err, Elapsed::new());
        let io: std::io::Error = err.into();
        assert_eq!(io.kind(), std::io::ErrorKind::TimedOut);
    }

    #[test]
    fn error_kinds_are_distinct() {
        let all = [Error::shutdown(), Error::at_capacity(), Error::invalid()];
        let flags: Vec<_> = all
            .iter()
            .map(|e| (e.is_shutdown(), e.is_at_capacity(), e.is_invalid()))
            .collect();
        assert_eq!(
            flags,
            [
                (true, false, false),
                (false, true, false),
                (false, false, true)
            ]
        );
        assert!(Error::shutdown().to_string().contains("shutdown"));
        assert!(Error::at_capacity().to_string().contains("capacity"));
        assert!(Error::invalid().to_string().contains("duration"));
    }
}
