//! Utilities for tracking time.
//!
//! This module provides a number of types for executing code after a set
//! period of time (from `runtime-time`):
//!
//! * [`Sleep`] is a future that does no work and completes at a specific
//!   [`Instant`] in time.
//! * [`Interval`] is a stream yielding a value at a fixed period. It is
//!   initialized with a [`Duration`] and repeatedly yields each time the
//!   duration elapses.
//! * [`Timeout`] wraps a future or stream, setting an upper bound to the
//!   amount of time it is allowed to execute. If the future or stream does
//!   not complete in time, then it is canceled and an error is returned.
//!
//! These types must be used from within the context of a runtime with time
//! enabled (`Builder::enable_time` or `enable_all`, which `#[runtime::main]`
//! and `#[runtime::test]` use).
//!
//! With the `test-util` feature, [`pause`], [`resume`] and [`advance`]
//! control the clock of a current-thread runtime, and a paused runtime with
//! nothing to do jumps straight to its next timer.

#[doc(inline)]
pub use runtime_time::error;
#[doc(inline)]
pub use runtime_time::{
    Duration, Instant, Interval, MissedTickBehavior, Sleep, Timeout, interval, interval_at, sleep,
    sleep_until, timeout, timeout_at,
};
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
#[doc(inline)]
pub use runtime_time::{advance, pause, resume};
