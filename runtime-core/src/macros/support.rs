//! Items the macro expansions name as `$crate::macros::support::...`.
//!
//! Not part of the public API: the names may change in any release. They are
//! public only because code generated in the user's crate must reach them.

pub use core::future::{Future, IntoFuture, poll_fn};
pub use core::pin::{Pin, pin};
pub use core::task::{Context, Poll};

pub use super::maybe_done::{MaybeDone, maybe_done};
pub use super::pin_fields::PinFields;

/// A pseudo-random number in `0..n`, from a cheap per-thread generator.
#[inline]
pub fn thread_rng_n(n: u32) -> u32 {
    super::rand::thread_rng_n(n)
}

/// Whether the branch at `index` is polled in the first of the two passes
/// that start at `start` (the second pass polls the others).
///
/// A function rather than `index >= start` in the expansion, so that the
/// comparison with a literal `0` draws no lint in the caller's crate.
#[inline(always)]
pub fn first_pass(index: u32, start: u32) -> bool {
    index >= start
}

/// `Ready` when the task still has cooperative budget, otherwise wakes the
/// task and returns `Pending`.
///
/// `select!` and `join!` check this before polling their futures: when the
/// budget is spent, every budget-aware future would return `Pending` anyway,
/// and the others would not yield, so the whole macro yields at once.
#[inline]
pub fn poll_budget_available(cx: &mut Context<'_>) -> Poll<()> {
    if crate::task::coop::has_budget_remaining() {
        Poll::Ready(())
    } else {
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
