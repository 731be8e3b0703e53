//! [`select!`](crate::select): wait on several futures, run the handler of
//! the first one that completes, drop the others.
//!
//! The expansion, for branches `_0 .. _n`:
//!
//! 1. evaluate every precondition in order and set the branch's bit in a
//!    `u64` `disabled` mask when it is false;
//! 2. evaluate every future expression in order (disabled branches too, as
//!    tokio does) and pin them on the stack together, as one tuple; on each
//!    poll, [`PinFields`](super::pin_fields::PinFields) splits it into one
//!    pin per branch, bound to a hygienic local named after the branch;
//! 3. `poll_fn`: starting at a random branch (branch 0 after `biased;`),
//!    poll every enabled branch once, in two unrolled passes (from the
//!    start to the last branch, then the `start` branches before it; each
//!    branch's code is a labeled block, left early with `break`); a
//!    completed one is disabled, and its
//!    output is tested against the pattern by reference (see
//!    `select_pattern.rs`): a match returns `Out::_i(output)`, a mismatch
//!    goes on to the next branch. When no branch is left pending the result
//!    is `Out::Disabled`;
//! 4. the block that owns the futures ends, so every future is dropped
//!    before any handler runs, then `match` the output against the original
//!    patterns and run the handler (or the `else` expression) in the caller's
//!    context, where `break`, `continue`, `return` and `?` mean what they
//!    mean around the macro.
//!
//! `Out` is an enum with one generic variant per branch, declared in a
//! module local to the expansion so that its name cannot clash with the
//! caller's items.

/// Waits on several concurrent branches, returning when the **first** branch
/// completes and cancelling the others.
///
/// # Syntax
///
/// ```text
/// <pattern> = <async expression> (, if <precondition>)? => <handler>,
/// ```
///
/// any number of times (up to 64), optionally preceded by `biased;` and
/// followed by an `else => <expression>` branch. The comma after a handler is
/// optional when the handler is a block.
///
/// # How it runs
///
/// 1. Every `<precondition>` is evaluated, in order. A branch whose
///    precondition is false is *disabled* for this `select!`.
/// 2. Every `<async expression>` is evaluated, in order, disabled branches
///    included (their futures are simply never polled). Anything that
///    implements [`IntoFuture`](core::future::IntoFuture) is accepted.
/// 3. The futures of the enabled branches are polled concurrently on the
///    current task. When one completes, its output is matched against its
///    `<pattern>`:
///    * it matches: every future is dropped and the branch's `<handler>`
///      runs, with the pattern's bindings in scope. The value of the
///      `select!` is the value of the handler;
///    * it does not match: the branch is disabled and the others keep
///      racing.
/// 4. When every branch is disabled (by preconditions or by mismatches), the
///    `else` expression is evaluated instead. Without an `else` branch,
///    `select!` panics.
///
/// The handlers run in the caller's context, after the futures have been
/// dropped: `break`, `continue`, `return` and `?` inside a handler act on the
/// code around the `select!`, and a handler may use what a branch's future
/// borrowed.
///
/// # Fairness
///
/// By default each poll starts at a randomly chosen branch, so that a branch
/// that is always ready cannot starve the others. With `biased;` as the first
/// token the branches are polled in source order, top to bottom: useful when
/// one branch (a shutdown signal, say) must take priority, and a little
/// cheaper; it is then up to the caller to make sure the later branches get
/// their turn.
///
/// When the current task has used up its cooperative budget (see
/// [`task::coop`](crate::task::coop)), `select!` yields before polling any
/// branch.
///
/// # Panics
///
/// Panics with "all branches are disabled and there is no else branch" when
/// every branch is disabled and there is no `else` branch.
///
/// # Cancel safety
///
/// When `select!` returns, the futures of the branches that did not win are
/// dropped. In a loop, every iteration therefore starts the losing operations
/// anew: use operations that are cancellation safe (that lose no data when
/// dropped before completion, such as receiving from a channel), or create
/// the future once outside the loop, [`pin!`](crate::pin) it, and select on
/// `&mut fut` so that it is resumed rather than restarted.
///
/// `select!` itself is cancellation safe when all its futures are.
///
/// # Examples
///
/// The first future to complete wins:
///
/// ```
/// use runtime_core::select;
///
/// # futures::executor::block_on(async {
/// let winner = select! {
///     v = std::future::pending::<u32>() => v,
///     v = async { 7 } => v * 2,
/// };
/// assert_eq!(winner, 14);
/// # });
/// ```
///
/// A loop over two channels that ends once both are closed: a closed
/// channel yields `None`, which does not match `Some(v)`, so its branch is
/// disabled; when both are, the `else` branch breaks out:
///
/// ```
/// use futures::channel::mpsc;
/// use futures::StreamExt;
/// use runtime_core::select;
///
/// # futures::executor::block_on(async {
/// let (tx1, mut rx1) = mpsc::unbounded::<u32>();
/// let (tx2, mut rx2) = mpsc::unbounded::<u32>();
/// for i in 0..3 {
///     tx1.unbounded_send(i).unwrap();
///     tx2.unbounded_send(10 + i).unwrap();
/// }
/// drop((tx1, tx2));
///
/// let mut sum = 0;
/// loop {
///     select! {
///         Some(v) = rx1.next() => sum += v,
///         Some(v) = rx2.next() => sum += v,
///         else => break,
///     }
/// }
/// assert_eq!(sum, 0 + 1 + 2 + 10 + 11 + 12);
/// # });
/// ```
///
/// A precondition keeps a branch out of the race:
///
/// ```
/// use runtime_core::select;
///
/// # futures::executor::block_on(async {
/// let allow_fast = false;
/// let which = select! {
///     v = async { "fast" }, if allow_fast => v,
///     v = async { "slow" } => v,
/// };
/// assert_eq!(which, "slow");
/// # });
/// ```
///
/// Resuming a pinned future across iterations with `&mut`:
///
/// ```
/// use futures::channel::{mpsc, oneshot};
/// use futures::StreamExt;
/// use runtime_core::{pin, select};
///
/// # futures::executor::block_on(async {
/// let (done_tx, done_rx) = oneshot::channel::<&str>();
/// let (tx, mut rx) = mpsc::unbounded::<u32>();
/// tx.unbounded_send(1).unwrap();
/// tx.unbounded_send(2).unwrap();
///
/// pin!(done_rx);
/// let mut got = Vec::new();
/// let mut done_tx = Some(done_tx);
/// let reason = loop {
///     select! {
///         biased;
///         Some(v) = rx.next() => {
///             got.push(v);
///             if v == 2 {
///                 done_tx.take().unwrap().send("finished").unwrap();
///             }
///         }
///         reason = &mut done_rx => break reason.unwrap(),
///     }
/// };
/// assert_eq!(got, [1, 2]);
/// assert_eq!(reason, "finished");
/// # });
/// ```
#[macro_export]
macro_rules! select {
    // ===== Normalisation: one step per branch =====
    //
    // State: `@branch <biased> [<unused ids>] [<normalised branches>]
    // [<pattern tokens accumulated so far>] <input left>`.

    // `else` with no other branch: just the expression.
    // (In a match arm, so that `else => { .. }` draws no unused-braces lint.)
    (@branch $biased:tt $ids:tt [] [] else => $else:expr $(,)?) => {
        match () {
            () => $else,
        }
    };
    // `else` after the branches: done.
    (@branch $biased:tt $ids:tt [$($done:tt)+] [] else => $else:expr $(,)?) => {
        $crate::select!(@final $biased [$($done)+] ($else))
    };
    // No branch at all.
    (@branch $biased:tt $ids:tt [] []) => {
        ::core::compile_error!("select! requires at least one branch.")
    };
    // Input consumed, no `else`: done.
    (@branch $biased:tt $ids:tt [$($done:tt)+] []) => {
        $crate::select!(@final $biased [$($done)+] (::core::panic!(
            "all branches are disabled and there is no else branch"
        )))
    };
    // Every identifier used, and input left.
    (@branch $biased:tt [] $done:tt [] $($rest:tt)+) => {
        ::core::compile_error!("select! supports at most 64 branches; nest select! calls for more.")
    };
    // `else` followed by more input.
    (@branch $biased:tt $ids:tt $done:tt [] else $($rest:tt)*) => {
        ::core::compile_error!(
            "the `else` branch of select! must come last, written `else => <expression>`"
        )
    };
    // `<pattern of 1..=6 tokens> = <future>, if <precondition> => <handler>`,
    // each with a block handler followed by a comma, a block handler, or an
    // expression handler (followed by a comma unless it is the last).
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt = $fut:expr $(, if $cond:expr)? => $handler:block, $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt = $fut:expr $(, if $cond:expr)? => $handler:block $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt = $fut:expr $(, if $cond:expr)? => $handler:expr $(, $($rest:tt)*)?) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1] ($fut) [$($cond)?] ($handler))]
            [] $($($rest)*)?)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt = $fut:expr $(, if $cond:expr)? => $handler:block, $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt = $fut:expr $(, if $cond:expr)? => $handler:block $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt = $fut:expr $(, if $cond:expr)? => $handler:expr $(, $($rest:tt)*)?) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2] ($fut) [$($cond)?] ($handler))]
            [] $($($rest)*)?)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt = $fut:expr $(, if $cond:expr)? => $handler:block, $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt = $fut:expr $(, if $cond:expr)? => $handler:block $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt = $fut:expr $(, if $cond:expr)? => $handler:expr $(, $($rest:tt)*)?) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3] ($fut) [$($cond)?] ($handler))]
            [] $($($rest)*)?)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt = $fut:expr $(, if $cond:expr)? => $handler:block, $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt = $fut:expr $(, if $cond:expr)? => $handler:block $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt = $fut:expr $(, if $cond:expr)? => $handler:expr $(, $($rest:tt)*)?) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4] ($fut) [$($cond)?] ($handler))]
            [] $($($rest)*)?)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt = $fut:expr $(, if $cond:expr)? => $handler:block, $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4 $p5] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt = $fut:expr $(, if $cond:expr)? => $handler:block $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4 $p5] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt = $fut:expr $(, if $cond:expr)? => $handler:expr $(, $($rest:tt)*)?) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4 $p5] ($fut) [$($cond)?] ($handler))]
            [] $($($rest)*)?)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt $p6:tt = $fut:expr $(, if $cond:expr)? => $handler:block, $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4 $p5 $p6] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt $p6:tt = $fut:expr $(, if $cond:expr)? => $handler:block $($rest:tt)*) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4 $p5 $p6] ($fut) [$($cond)?] ($handler))]
            [] $($rest)*)
    };
    (@branch $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt $p6:tt = $fut:expr $(, if $cond:expr)? => $handler:expr $(, $($rest:tt)*)?) => {
        $crate::select!(@branch $biased [$($ids)*]
            [$($done)* ($id $idx [$($acc)* $p1 $p2 $p3 $p4 $p5 $p6] ($fut) [$($cond)?] ($handler))]
            [] $($($rest)*)?)
    };
    // A longer pattern: accumulate six of its tokens and go on.
    (@branch $biased:tt $ids:tt $done:tt [$($acc:tt)*]
        $p1:tt $p2:tt $p3:tt $p4:tt $p5:tt $p6:tt $($rest:tt)*) => {
        $crate::select!(@branch $biased $ids $done [$($acc)* $p1 $p2 $p3 $p4 $p5 $p6] $($rest)*)
    };
    (@branch $($rest:tt)*) => {
        ::core::compile_error!(
            "invalid select! branch; expected `<pattern> = <async expression> (, if <precondition>)? => <handler>,` or `else => <expression>` last"
        )
    };

    // ===== The expansion =====
    (@final $biased:tt [$(
        ($id:ident $idx:tt [$($pattern:tt)+] ($fut:expr) [$($cond:expr)?] ($handler:expr))
    )+] ($else:expr)) => {{
        mod __runtime_select_util {
            #[allow(non_camel_case_types, dead_code, unreachable_pub, missing_debug_implementations)]
            pub(super) enum Out<$($id,)+> {
                $($id($id),)+
                Disabled,
            }
        }

        let mut disabled: u64 = 0;
        $($(
            if !$cond {
                disabled |= 1u64 << $idx;
            }
        )?)+

        // The futures live in this block: they are all dropped before a
        // handler runs.
        #[allow(unused_mut)]
        let mut output = {
            // Evaluated in one tuple expression so that temporaries borrowed
            // by a future expression (`&mut ready(())`) live as long as the
            // block, as they would in a `let`.
            let ($($id,)+) = ($($fut,)+);
            // All the futures in one pinned tuple: the `poll_fn` below keeps
            // one pointer to it, and splits it into one pin per branch on
            // each poll (see `pin_fields.rs`).
            let mut futures = $crate::macros::support::pin!(($(
                $crate::macros::support::IntoFuture::into_future($id),
            )+));

            // `move`: the closure owns the pin and the mask, so the
            // `select!` future holds them once.
            $crate::macros::support::poll_fn(move |cx| {
                let branches: u32 = 0 $(+ { let _ = $idx; 1 })+;
                if $crate::macros::support::poll_budget_available(cx).is_pending() {
                    return $crate::macros::support::Poll::Pending;
                }
                let ($(mut $id,)+) =
                    $crate::macros::support::PinFields::pin_fields(futures.as_mut());
                let mut is_pending = false;
                let start = if $biased {
                    0
                } else {
                    $crate::macros::support::thread_rng_n(branches)
                };
                // Two unrolled passes: the branches from `start` on, then
                // those before it. After `biased;` the second pass folds away.
                $(
                    if $crate::macros::support::first_pass($idx, start) {
                        #[allow(unreachable_code)]
                        'branch: {
                            let mask = 1u64 << $idx;
                            if disabled & mask != 0 {
                                break 'branch;
                            }
                            let out = match $crate::macros::support::Future::poll($id.as_mut(), cx) {
                                $crate::macros::support::Poll::Ready(out) => out,
                                $crate::macros::support::Poll::Pending => {
                                    is_pending = true;
                                    break 'branch;
                                }
                            };
                            // Completed: never poll it again, whatever the
                            // pattern says.
                            disabled |= mask;
                            #[allow(unused_variables, unused_mut)]
                            match &out {
                                $crate::__select_clean_pattern!($($pattern)+) => {}
                                #[allow(unreachable_patterns)]
                                _ => break 'branch,
                            }
                            return $crate::macros::support::Poll::Ready(
                                __runtime_select_util::Out::$id(out),
                            );
                        }
                    }
                )+
                // The second pass counts down the `start` branches before
                // the first pass's (see `join.rs` for why a count).
                let mut left = start;
                // (The last `left -= 1` is never read.)
                #[allow(unused_assignments)]
                'second: {
                    $(
                        if left == 0 {
                            break 'second;
                        }
                        left -= 1;
                        #[allow(unreachable_code)]
                        'branch: {
                            let mask = 1u64 << $idx;
                            if disabled & mask != 0 {
                                break 'branch;
                            }
                            let out = match $crate::macros::support::Future::poll($id.as_mut(), cx) {
                                $crate::macros::support::Poll::Ready(out) => out,
                                $crate::macros::support::Poll::Pending => {
                                    is_pending = true;
                                    break 'branch;
                                }
                            };
                            // Completed: never poll it again, whatever the
                            // pattern says.
                            disabled |= mask;
                            #[allow(unused_variables, unused_mut)]
                            match &out {
                                $crate::__select_clean_pattern!($($pattern)+) => {}
                                #[allow(unreachable_patterns)]
                                _ => break 'branch,
                            }
                            return $crate::macros::support::Poll::Ready(
                                __runtime_select_util::Out::$id(out),
                            );
                        }
                    )+
                }
                if is_pending {
                    $crate::macros::support::Poll::Pending
                } else {
                    $crate::macros::support::Poll::Ready(__runtime_select_util::Out::Disabled)
                }
            })
            .await
        };

        match output {
            $(
                __runtime_select_util::Out::$id($($pattern)+) => $handler,
            )+
            __runtime_select_util::Out::Disabled => $else,
            #[allow(unreachable_patterns)]
            _ => ::core::unreachable!("select! output matched no branch"),
        }
    }};

    // ===== Entry points =====
    (biased; $($input:tt)*) => {
        $crate::select!(@branch true [
            (_0 0) (_1 1) (_2 2) (_3 3) (_4 4) (_5 5) (_6 6) (_7 7)
            (_8 8) (_9 9) (_10 10) (_11 11) (_12 12) (_13 13) (_14 14) (_15 15)
            (_16 16) (_17 17) (_18 18) (_19 19) (_20 20) (_21 21) (_22 22) (_23 23)
            (_24 24) (_25 25) (_26 26) (_27 27) (_28 28) (_29 29) (_30 30) (_31 31)
            (_32 32) (_33 33) (_34 34) (_35 35) (_36 36) (_37 37) (_38 38) (_39 39)
            (_40 40) (_41 41) (_42 42) (_43 43) (_44 44) (_45 45) (_46 46) (_47 47)
            (_48 48) (_49 49) (_50 50) (_51 51) (_52 52) (_53 53) (_54 54) (_55 55)
            (_56 56) (_57 57) (_58 58) (_59 59) (_60 60) (_61 61) (_62 62) (_63 63)
        ] [] [] $($input)*)
    };
    ($($input:tt)*) => {
        $crate::select!(@branch false [
            (_0 0) (_1 1) (_2 2) (_3 3) (_4 4) (_5 5) (_6 6) (_7 7)
            (_8 8) (_9 9) (_10 10) (_11 11) (_12 12) (_13 13) (_14 14) (_15 15)
            (_16 16) (_17 17) (_18 18) (_19 19) (_20 20) (_21 21) (_22 22) (_23 23)
            (_24 24) (_25 25) (_26 26) (_27 27) (_28 28) (_29 29) (_30 30) (_31 31)
            (_32 32) (_33 33) (_34 34) (_35 35) (_36 36) (_37 37) (_38 38) (_39 39)
            (_40 40) (_41 41) (_42 42) (_43 43) (_44 44) (_45 45) (_46 46) (_47 47)
            (_48 48) (_49 49) (_50 50) (_51 51) (_52 52) (_53 53) (_54 54) (_55 55)
            (_56 56) (_57 57) (_58 58) (_59 59) (_60 60) (_61 61) (_62 62) (_63 63)
        ] [] [] $($input)*)
    };
}
