//! [`Ready`]: the readiness an I/O event reported.
//!
//! A bit set over a `usize`. Besides the tokio API, a few hidden helpers
//! (`from_interest`, `intersection`, `satisfies`, `as_usize`, `from_usize`)
//! let `runtime-net` store readiness in an atomic word and match it against
//! an [`Interest`]; they are not part of the stable API.

use std::fmt;
use std::ops;

use crate::io::Interest;

const READABLE: usize = 0b0_0001;
const WRITABLE: usize = 0b0_0010;
const READ_CLOSED: usize = 0b0_0100;
const WRITE_CLOSED: usize = 0b0_1000;
const PRIORITY: usize = 0b1_0000;
const ERROR: usize = 0b10_0000;
const ALL_BITS: usize = READABLE | WRITABLE | READ_CLOSED | WRITE_CLOSED | PRIORITY | ERROR;

/// The readiness of an I/O resource, as reported by an event.
///
/// # Examples
///
/// ```
/// use runtime_core::io::Ready;
///
/// let ready = Ready::READABLE | Ready::WRITE_CLOSED;
/// assert!(ready.is_readable());
/// assert!(ready.is_writable()); // a closed write side counts as writable
/// assert!(ready.is_write_closed());
/// assert!(!ready.is_read_closed());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ready(usize);

impl Ready {
    /// No readiness.
    pub const EMPTY: Ready = Ready(0);

    /// Readable: data may be read.
    pub const READABLE: Ready = Ready(READABLE);

    /// Writable: data may be written.
    pub const WRITABLE: Ready = Ready(WRITABLE);

    /// The read side is closed: reads return end of file.
    pub const READ_CLOSED: Ready = Ready(READ_CLOSED);

    /// The write side is closed: writes fail.
    pub const WRITE_CLOSED: Ready = Ready(WRITE_CLOSED);

    /// Priority readiness (Linux and Android only).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub const PRIORITY: Ready = Ready(PRIORITY);

    /// An error is pending.
    pub const ERROR: Ready = Ready(ERROR);

    /// Every readiness at once.
    pub const ALL: Ready = Ready(ALL_BITS);

    /// Whether no readiness is set.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::EMPTY.is_empty());
    /// assert!(!Ready::READABLE.is_empty());
    /// ```
    pub fn is_empty(self) -> bool {
        self == Ready::EMPTY
    }

    /// Whether the resource is readable: [`READABLE`](Self::READABLE) or
    /// [`READ_CLOSED`](Self::READ_CLOSED) (a read would not wait).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::READABLE.is_readable());
    /// assert!(Ready::READ_CLOSED.is_readable());
    /// assert!(!Ready::WRITABLE.is_readable());
    /// ```
    pub fn is_readable(self) -> bool {
        self.0 & (READABLE | READ_CLOSED) != 0
    }

    /// Whether the resource is writable: [`WRITABLE`](Self::WRITABLE) or
    /// [`WRITE_CLOSED`](Self::WRITE_CLOSED) (a write would not wait).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::WRITABLE.is_writable());
    /// assert!(Ready::WRITE_CLOSED.is_writable());
    /// assert!(!Ready::READABLE.is_writable());
    /// ```
    pub fn is_writable(self) -> bool {
        self.0 & (WRITABLE | WRITE_CLOSED) != 0
    }

    /// Whether the read side is closed.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::READ_CLOSED.is_read_closed());
    /// assert!(!Ready::READABLE.is_read_closed());
    /// ```
    pub fn is_read_closed(self) -> bool {
        self.0 & READ_CLOSED != 0
    }

    /// Whether the write side is closed.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::WRITE_CLOSED.is_write_closed());
    /// assert!(!Ready::WRITABLE.is_write_closed());
    /// ```
    pub fn is_write_closed(self) -> bool {
        self.0 & WRITE_CLOSED != 0
    }

    /// Whether priority readiness is set (Linux and Android only).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::PRIORITY.is_priority());
    /// assert!(!Ready::READABLE.is_priority());
    /// ```
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub fn is_priority(self) -> bool {
        self.0 & PRIORITY != 0
    }

    /// Whether an error is pending.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Ready;
    ///
    /// assert!(Ready::ERROR.is_error());
    /// assert!(!Ready::READABLE.is_error());
    /// ```
    pub fn is_error(self) -> bool {
        self.0 & ERROR != 0
    }

    /// The readiness that satisfies `interest`: readable interest is met by
    /// `READABLE` or `READ_CLOSED`, writable by `WRITABLE` or
    /// `WRITE_CLOSED`, priority by `PRIORITY` or `READ_CLOSED`, error by
    /// `ERROR`.
    #[doc(hidden)]
    pub fn from_interest(interest: Interest) -> Ready {
        let mut ready = Ready::EMPTY;
        if interest.is_readable() {
            ready |= Ready::READABLE | Ready::READ_CLOSED;
        }
        if interest.is_writable() {
            ready |= Ready::WRITABLE | Ready::WRITE_CLOSED;
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if interest.is_priority() {
            ready |= Ready::PRIORITY | Ready::READ_CLOSED;
        }
        if interest.is_error() {
            ready |= Ready::ERROR;
        }
        ready
    }

    /// The part of this readiness that is relevant to `interest`.
    #[doc(hidden)]
    pub fn intersection(self, interest: Interest) -> Ready {
        Ready(self.0 & Ready::from_interest(interest).0)
    }

    /// Whether some of this readiness is relevant to `interest`.
    #[doc(hidden)]
    pub fn satisfies(self, interest: Interest) -> bool {
        self.0 & Ready::from_interest(interest).0 != 0
    }

    /// The readiness as bits, for storing in an atomic word.
    #[doc(hidden)]
    pub fn as_usize(self) -> usize {
        self.0
    }

    /// The inverse of [`as_usize`](Self::as_usize); unknown bits are
    /// dropped.
    #[doc(hidden)]
    pub fn from_usize(bits: usize) -> Ready {
        Ready(bits & ALL_BITS)
    }
}

impl ops::BitOr<Ready> for Ready {
    type Output = Ready;

    #[inline]
    fn bitor(self, other: Ready) -> Ready {
        Ready(self.0 | other.0)
    }
}

impl ops::BitOrAssign<Ready> for Ready {
    #[inline]
    fn bitor_assign(&mut self, other: Ready) {
        self.0 |= other.0;
    }
}

impl ops::BitAnd<Ready> for Ready {
    type Output = Ready;

    #[inline]
    fn bitand(self, other: Ready) -> Ready {
        Ready(self.0 & other.0)
    }
}

impl ops::Sub<Ready> for Ready {
    type Output = Ready;

    #[inline]
    fn sub(self, other: Ready) -> Ready {
        Ready(self.0 & !other.0)
    }
}

impl fmt::Debug for Ready {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut fmt = f.debug_struct("Ready");
        fmt.field("is_readable", &self.is_readable())
            .field("is_writable", &self.is_writable())
            .field("is_read_closed", &self.is_read_closed())
            .field("is_write_closed", &self.is_write_closed())
            .field("is_error", &self.is_error());
        #[cfg(any(target_os = "linux", target_os = "android"))]
        fmt.field("is_priority", &self.is_priority());
        fmt.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let r = Ready::READABLE | Ready::WRITABLE;
        assert_eq!(r & Ready::READABLE, Ready::READABLE);
        assert_eq!(r - Ready::READABLE, Ready::WRITABLE);
        assert!((r - r).is_empty());
        assert_eq!(Ready::ALL - Ready::ALL, Ready::EMPTY);
    }

    #[test]
    fn interest_matching() {
        let r = Ready::READ_CLOSED | Ready::WRITABLE;
        assert_eq!(r.intersection(Interest::READABLE), Ready::READ_CLOSED);
        assert_eq!(r.intersection(Interest::WRITABLE), Ready::WRITABLE);
        assert!(r.satisfies(Interest::READABLE));
        assert!(!Ready::WRITABLE.satisfies(Interest::READABLE));
        assert!(!Ready::READABLE.satisfies(Interest::ERROR));
        assert!(Ready::ERROR.satisfies(Interest::ERROR));
        assert_eq!(Ready::from_usize(usize::MAX), Ready::ALL);
        assert_eq!(Ready::from_usize(r.as_usize()), r);
    }
}
