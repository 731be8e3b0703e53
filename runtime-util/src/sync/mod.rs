//! Synchronization helpers on top of `runtime_core::sync`, at tokio-util's
//! paths.
//!
//! * [`CancellationToken`], with its wait futures, [`DropGuard`] and
//!   [`DropGuardRef`]: a
//!   tree of cancellation signals.
//! * [`PollSemaphore`] and [`PollSender`]: `poll`-style wrappers around
//!   `Semaphore` and the bounded `mpsc::Sender`, for hand-written futures
//!   and sinks.
//! * [`ReusableBoxFuture`]: a boxed future whose allocation is reused when
//!   it is given a new future of the same layout.

mod cancellation_token;
pub(crate) use cancellation_token::RunUntilCancelled;
pub use cancellation_token::{
    CancellationToken, WaitForCancellationFuture, WaitForCancellationFutureOwned,
};

mod drop_guard;
pub use drop_guard::DropGuard;

mod drop_guard_ref;
pub use drop_guard_ref::DropGuardRef;

mod poll_semaphore;
pub use poll_semaphore::PollSemaphore;

mod mpsc;
pub use mpsc::{PollSendError, PollSender};

mod reusable_box;
pub use reusable_box::ReusableBoxFuture;

mod boxed_future;
