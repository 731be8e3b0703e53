//! Synchronization helpers on top of `runtime_core::sync`, at tokio-util's
//! paths.
//!
//! * [`CancellationToken`], with its wait futures and [`DropGuard`]: a
//!   tree of cancellation signals.

mod cancellation_token;
pub use cancellation_token::{
    CancellationToken, WaitForCancellationFuture, WaitForCancellationFutureOwned,
};

mod drop_guard;
pub use drop_guard::DropGuard;
