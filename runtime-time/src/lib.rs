//! Utilities for tracking time: the time driver of `runtime`.
//!
//! This crate provides the timers of the `runtime` asynchronous runtime,
//! with tokio 1.x's API (the `runtime` facade re-exports it as
//! `runtime::time`):
//!
//! * [`Sleep`] ([`sleep`], [`sleep_until`]): a future that completes at a
//!   point in time.
//! * [`Timeout`] ([`timeout`], [`timeout_at`]): wraps a future, failing
//!   with [`error::Elapsed`] if it does not complete in time.
//! * [`Interval`] ([`interval`], [`interval_at`]): a stream of ticks at a
//!   fixed period, with a [`MissedTickBehavior`] for stalls.
//! * [`Instant`]: the clock those timers read, which tests can pause.
//!
//! Timers need a runtime with the time driver installed: the facade's
//! `Builder::enable_time` (or `enable_all`, or `#[runtime::main]`), or, with
//! `runtime-core` alone, `Builder::driver_layer(runtime_time::driver::layer())`.
//! Creating a timer elsewhere panics, and the message says which.
//!
//! # Design
//!
//! The driver is a six-level hierarchical timer wheel with millisecond
//! slots ([`driver`] explains it). Each timer's wheel node lives inside its
//! future: creating, resetting and dropping timers allocates nothing, and
//! insertion and cancellation are O(1). The driver wraps whatever the runtime
//! parks on and wakes it for the next deadline.
//!
//! # Test utilities
//!
//! With the `test-util` feature, `pause`, `resume` and `advance`
//! control a virtual clock, and a paused runtime with nothing to do jumps
//! straight to its next timer.
//!
//! # Examples
//!
//! ```
//! use std::time::Duration;
//! use runtime_time::{sleep, timeout};
//!
//! let rt = runtime_core::runtime::Builder::new_current_thread()
//!     .driver_layer(runtime_time::driver::layer())
//!     .build()
//!     .unwrap();
//! rt.block_on(async {
//!     sleep(Duration::from_millis(5)).await;
//!     let slow = sleep(Duration::from_secs(60));
//!     assert!(timeout(Duration::from_millis(5), slow).await.is_err());
//! });
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod driver;
pub mod error;
mod instant;
mod interval;
#[cfg(feature = "test-util")]
mod pause;
mod sleep;
mod timeout;

pub use instant::Instant;
pub use interval::{Interval, MissedTickBehavior, interval, interval_at};
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub use pause::{advance, pause, resume};
pub use sleep::{Sleep, sleep, sleep_until};
pub use std::time::Duration;
pub use timeout::{Timeout, timeout, timeout_at};
