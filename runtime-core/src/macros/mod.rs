//! The control-flow macros: [`select!`](crate::select), [`join!`](crate::join),
//! [`try_join!`](crate::try_join) and [`pin!`](crate::pin).
//!
//! They are `macro_rules!` macros, exported at the crate root and re-exported
//! by the facade as `runtime::select!` and friends. This module holds their
//! definitions (one file per macro) and [`support`], the hidden items the
//! expansions name through `$crate::macros::support::...`.
//!
//! # How the expansions work
//!
//! Each macro first *normalises* its input with a tt-muncher: one recursion
//! step per branch (or per future), pairing it with the next entry of a fixed
//! list of identifiers and indices, `(_0 0) (_1 1) ... (_63 63)`. The
//! identifier names the branch's pinned future (a hygienic local) and the
//! variant of the output enum; the index is its bit in the `u64` disabled
//! mask and its place in the polling order. One step per branch keeps a
//! 64-branch `select!` well under the compiler's default recursion limit of
//! 128; the list's length is the branch limit, 64, as in tokio.
//!
//! The final rule then expands to straight-line code: the futures are
//! pinned on the stack together, as one tuple, with `core::pin::pin!` (no
//! allocation, no boxing, no `unsafe` in the expansion), and a `poll_fn`
//! that holds one pointer to that tuple polls them in a rotating (`join!`)
//! or random (`select!`) order, or in source order after `biased;`. On each
//! poll [`PinFields`](support::PinFields) splits the pinned tuple into
//! one pin per future (the one `unsafe` projection, in `pin_fields.rs`).
//! The order is two unrolled passes over the futures (from the start index
//! to the last, then the `start` futures before it), not a loop over a
//! `match` on the index: in `benches/macros.rs` the loop made `join!` of 8
//! futures about twice as slow as tokio's; unrolled, `join!` and `select!`
//! measure at or below tokio's (see the numbers in the bench's history).
//!
//! Instructions per operation of `benches/macros.rs` (callgrind, 10,000
//! operations, ours / tokio 1.54): `select_2_ready` 364 / 402,
//! `select_8_ready` 390 / 429, `join_8` 451 / 500. Before the pinned tuple,
//! the counted-down second pass, the separate `MaybeDone` tag and the
//! inlined RNG and budget check they were 391, 431 and 603.
//!
//! `select!` needs to know whether a branch's output matches its pattern
//! without consuming the output (a mismatch disables the branch and the race
//! goes on). It checks `match &out { PATTERN => .. }` with the pattern's
//! binding modifiers (`ref`, `mut`) removed, since those are not allowed
//! under a reference; [`__select_clean_pattern!`](crate::__select_clean_pattern)
//! removes them token by token. To keep the raw tokens, the pattern is
//! captured as `tt`s rather than as a `pat` fragment, which is why the
//! branch rules are written out for patterns of one to six tokens (longer
//! patterns are accumulated six tokens at a time).

mod join;
mod maybe_done;
mod pin;
mod pin_fields;
mod rand;
mod select;
mod select_pattern;
pub mod support;
mod try_join;

/// The macros used inside this crate, so that clippy checks their
/// expansions as local code (in other crates it skips external macros).
#[cfg(test)]
mod tests {
    use core::future::{pending, ready};

    use futures::executor::block_on;

    #[test]
    fn expansions_are_lint_clean_and_work() {
        block_on(async {
            let v = crate::select! {
                Some(mut v) = ready(Some(1)) => { v += 1; v }
                () = pending() => 0,
                else => 9,
            };
            assert_eq!(v, 2);
            let v = crate::select! {
                biased;
                v = ready(3), if v == 2 => v,
                v = ready(4) => v,
            };
            assert_eq!(v, 3);
            let (a, b) = crate::join!(ready(5), ready(6));
            assert_eq!((a, b), (5, 6));
            let (a,) = crate::join!(biased; ready(7));
            assert_eq!(a, 7);
            let r = crate::try_join!(ready(Ok::<u8, ()>(8)), ready(Ok::<u8, ()>(9)));
            assert_eq!(r, Ok((8, 9)));
            let r = crate::try_join!(biased; ready(Err::<u8, u8>(1)));
            assert_eq!(r, Err(1));
            let fut = ready(10);
            crate::pin!(fut);
            assert_eq!(fut.await, 10);
        });
    }
}
