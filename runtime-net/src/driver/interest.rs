//! Conversions at the boundary between the public [`Interest`] / [`Ready`]
//! of `runtime_core::io` and the driver's readiness bits and mio's interest.
//!
//! The readiness word of [`ScheduledIo`](super::scheduled_io) uses the same
//! bit layout as `Ready`, so converting is a mask, not a mapping; the unit
//! tests pin that down.

use runtime_core::io::{Interest, Ready};

/// The readiness bits that satisfy `interest`.
pub(crate) fn mask(interest: Interest) -> usize {
    Ready::from_interest(interest).as_usize()
}

/// The interest to register with mio. Errors are always reported by the OS,
/// so an error-only interest registers for reading, as the weakest one.
pub(crate) fn to_mio(interest: Interest) -> mio::Interest {
    let mut mio_interest: Option<mio::Interest> = None;
    let mut add = |i: mio::Interest| {
        mio_interest = Some(match mio_interest {
            Some(existing) => existing | i,
            None => i,
        });
    };
    if interest.is_readable() {
        add(mio::Interest::READABLE);
    }
    if interest.is_writable() {
        add(mio::Interest::WRITABLE);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if interest.is_priority() {
        add(mio::Interest::PRIORITY);
    }
    mio_interest.unwrap_or(mio::Interest::READABLE)
}

/// The public view of readiness bits.
pub(crate) fn to_ready(bits: usize) -> Ready {
    Ready::from_usize(bits)
}

/// The readiness bits of a public `Ready`.
pub(crate) fn ready_bits(ready: Ready) -> usize {
    ready.as_usize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::scheduled_io::bits;

    #[test]
    fn bit_layouts_agree() {
        assert_eq!(ready_bits(Ready::READABLE), bits::READABLE);
        assert_eq!(ready_bits(Ready::WRITABLE), bits::WRITABLE);
        assert_eq!(ready_bits(Ready::READ_CLOSED), bits::READ_CLOSED);
        assert_eq!(ready_bits(Ready::WRITE_CLOSED), bits::WRITE_CLOSED);
        assert_eq!(ready_bits(Ready::PRIORITY), bits::PRIORITY);
        assert_eq!(ready_bits(Ready::ERROR), bits::ERROR);
        assert_eq!(ready_bits(Ready::ALL), bits::ALL);
        assert_eq!(
            to_ready(bits::READ_CLOSED | bits::ERROR),
            Ready::READ_CLOSED | Ready::ERROR
        );
    }

    #[test]
    fn masks_follow_interest() {
        assert_eq!(mask(Interest::READABLE), bits::READ_MASK);
        assert_eq!(mask(Interest::WRITABLE), bits::WRITE_MASK);
        assert_eq!(mask(Interest::ERROR), bits::ERROR);
        assert_eq!(mask(Interest::PRIORITY), bits::PRIORITY_MASK);
        assert_eq!(
            mask(Interest::READABLE | Interest::WRITABLE),
            bits::READ_MASK | bits::WRITE_MASK
        );
    }

    #[test]
    fn mio_interest() {
        assert_eq!(to_mio(Interest::READABLE), mio::Interest::READABLE);
        assert_eq!(to_mio(Interest::WRITABLE), mio::Interest::WRITABLE);
        assert_eq!(
            to_mio(Interest::READABLE | Interest::WRITABLE),
            mio::Interest::READABLE | mio::Interest::WRITABLE
        );
        assert_eq!(to_mio(Interest::ERROR), mio::Interest::READABLE);
        assert_eq!(to_mio(Interest::PRIORITY), mio::Interest::PRIORITY);
    }
}
