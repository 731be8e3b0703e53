//! Small helpers shared by the `codec` and `io` modules, one per file.

#[cfg(feature = "codec")]
mod memchr;
mod poll_buf;
#[cfg(feature = "codec")]
pub(crate) mod utf8;

#[cfg(feature = "codec")]
pub(crate) use memchr::memchr;
#[allow(unused_imports)] // each helper is used by some feature combinations only
pub(crate) use poll_buf::{poll_read_buf, poll_write_buf};
