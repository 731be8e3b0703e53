//! Small helpers shared by the `codec` and `io` modules, one per file.

mod poll_buf;

#[allow(unused_imports)] // each helper is used by some feature combinations only
pub(crate) use poll_buf::{poll_read_buf, poll_write_buf};
