//! [`Interest`]: which readiness events an I/O resource waits for.
//!
//! A bit set over a `u8`. `runtime-net` turns it into the reactor's own
//! interest when it registers a source, and uses it to pick the matching
//! bits out of a [`Ready`](crate::io::Ready) event.

use std::fmt;
use std::ops;

const READABLE: u8 = 0b0001;
const WRITABLE: u8 = 0b0010;
const PRIORITY: u8 = 0b0100;
const ERROR: u8 = 0b1000;

/// The readiness events an I/O resource is interested in.
///
/// Combine interests with `|` or [`add`](Interest::add). Used with the
/// `ready`/`readable`/`writable` methods of sockets and `AsyncFd`.
///
/// # Examples
///
/// ```
/// use runtime_core::io::Interest;
///
/// let both = Interest::READABLE | Interest::WRITABLE;
/// assert!(both.is_readable());
/// assert!(both.is_writable());
/// assert!(!both.is_error());
/// assert_eq!(both.remove(Interest::WRITABLE), Some(Interest::READABLE));
/// ```
#[derive(Clone, Copy, Eq, PartialEq, Hash)]
pub struct Interest(u8);

impl Interest {
    /// Interest in readable events: data to read, or the read side closed.
    pub const READABLE: Interest = Interest(READABLE);

    /// Interest in writable events: room to write, or the write side closed.
    pub const WRITABLE: Interest = Interest(WRITABLE);

    /// Interest in error events.
    ///
    /// Errors are always reported by the operating system whatever the
    /// interest, so this is mostly useful to wait for an error alone (for
    /// instance on a socket's error queue).
    pub const ERROR: Interest = Interest(ERROR);

    /// Interest in priority events: out-of-band data on a TCP socket, or a
    /// change on a file such as `/proc/self/mounts` (Linux and Android only).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub const PRIORITY: Interest = Interest(PRIORITY);

    /// Whether this interest includes readable events.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Interest;
    ///
    /// assert!(Interest::READABLE.is_readable());
    /// assert!(!Interest::WRITABLE.is_readable());
    /// ```
    pub const fn is_readable(self) -> bool {
        self.0 & READABLE != 0
    }

    /// Whether this interest includes writable events.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Interest;
    ///
    /// assert!(Interest::WRITABLE.is_writable());
    /// assert!(!Interest::READABLE.is_writable());
    /// ```
    pub const fn is_writable(self) -> bool {
        self.0 & WRITABLE != 0
    }

    /// Whether this interest includes error events.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Interest;
    ///
    /// assert!(Interest::ERROR.is_error());
    /// assert!(!Interest::READABLE.is_error());
    /// ```
    pub const fn is_error(self) -> bool {
        self.0 & ERROR != 0
    }

    /// Whether this interest includes priority events.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Interest;
    ///
    /// assert!(Interest::PRIORITY.is_priority());
    /// assert!(!Interest::READABLE.is_priority());
    /// ```
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub const fn is_priority(self) -> bool {
        self.0 & PRIORITY != 0
    }

    /// Both interests together; the `const` form of `|`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Interest;
    ///
    /// const BOTH: Interest = Interest::READABLE.add(Interest::WRITABLE);
    /// assert!(BOTH.is_readable() && BOTH.is_writable());
    /// ```
    #[must_use = "this returns the result of the operation, without modifying the original"]
    pub const fn add(self, other: Interest) -> Interest {
        Interest(self.0 | other.0)
    }

    /// This interest without the events of `other`, or `None` if nothing
    /// would be left (an interest is never empty).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::Interest;
    ///
    /// let both = Interest::READABLE | Interest::WRITABLE;
    /// assert_eq!(both.remove(Interest::READABLE), Some(Interest::WRITABLE));
    /// assert_eq!(Interest::READABLE.remove(Interest::READABLE), None);
    /// assert_eq!(Interest::READABLE.remove(Interest::ERROR), Some(Interest::READABLE));
    /// ```
    #[must_use = "this returns the result of the operation, without modifying the original"]
    pub fn remove(self, other: Interest) -> Option<Interest> {
        match self.0 & !other.0 {
            0 => None,
            bits => Some(Interest(bits)),
        }
    }
}

impl ops::BitOr for Interest {
    type Output = Self;

    #[inline]
    fn bitor(self, other: Self) -> Self {
        self.add(other)
    }
}

impl ops::BitOrAssign for Interest {
    #[inline]
    fn bitor_assign(&mut self, other: Self) {
        *self = *self | other;
    }
}

impl fmt::Debug for Interest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (READABLE, "READABLE"),
            (WRITABLE, "WRITABLE"),
            (PRIORITY, "PRIORITY"),
            (ERROR, "ERROR"),
        ];
        let mut first = true;
        for (bit, name) in names {
            if self.0 & bit != 0 {
                if !first {
                    f.write_str(" | ")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_lists_the_bits() {
        assert_eq!(format!("{:?}", Interest::READABLE), "READABLE");
        assert_eq!(
            format!(
                "{:?}",
                Interest::READABLE | Interest::WRITABLE | Interest::ERROR
            ),
            "READABLE | WRITABLE | ERROR"
        );
    }

    #[test]
    fn bit_or_assign_accumulates() {
        let mut i = Interest::READABLE;
        i |= Interest::ERROR;
        assert!(i.is_readable() && i.is_error() && !i.is_writable());
        assert_eq!(i, Interest::ERROR | Interest::READABLE);
    }
}
