//! Testing helpers for code built on `runtime`.
//!
//! This crate will hold a scripted mock I/O type, manual task polling with a
//! counting waker, and `assert_ready!`-style macros.
