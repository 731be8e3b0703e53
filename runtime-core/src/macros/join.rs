//! [`join!`](crate::join): wait for several futures, concurrently, on the
//! current task.
//!
//! Each future is wrapped in a [`MaybeDone`](super::maybe_done::MaybeDone),
//! and all of them are pinned on the stack together, as one tuple; on each
//! poll, [`PinFields`](super::pin_fields::PinFields) splits the pinned tuple
//! into one pin per future, bound to hygienic locals (`_0`, `_1`, ...). Every
//! poll of the `poll_fn` polls each future that is not done yet, in two
//! unrolled passes (from the start index to the end, then from the beginning
//! to the start index; a loop over a `match` measured twice as slow),
//! starting at a different future each time (a rotating start, so that a
//! future that spends the whole cooperative budget cannot keep the others
//! from making progress), or at the first one after `biased;`. When every
//! future is done, the outputs are taken out in source order into a tuple.

/// Waits on several concurrent futures, returning when **all** of them
/// complete, as a tuple of their outputs in the order given.
///
/// The futures run concurrently on the current task, not in parallel: to run
/// them on several threads, spawn them. Anything that implements
/// [`IntoFuture`](core::future::IntoFuture) is accepted, up to 64 futures.
///
/// By default, each time the `join!` is polled it starts polling at the
/// next future in turn, so that every future gets to make progress even
/// when one of them uses up the task's cooperative budget. Write `biased;`
/// first to poll them in source order every time.
///
/// `join!()` with no futures is `()`; `join!(fut)` is a one-element tuple.
///
/// # Cancel safety
///
/// Dropping a `join!` before it completes drops every future in it,
/// including the outputs of those that already completed.
///
/// # Examples
///
/// ```
/// use runtime_core::join;
///
/// async fn fetch(id: u32) -> String {
///     format!("item {id}")
/// }
///
/// # futures::executor::block_on(async {
/// let (a, b, count) = join!(fetch(1), fetch(2), async { 3 });
/// assert_eq!(a, "item 1");
/// assert_eq!(b, "item 2");
/// assert_eq!(count, 3);
/// # });
/// ```
///
/// In source order:
///
/// ```
/// use runtime_core::join;
///
/// # futures::executor::block_on(async {
/// let log = std::cell::RefCell::new(Vec::new());
/// let step = |name| {
///     let log = &log;
///     async move { log.borrow_mut().push(name) }
/// };
/// join!(biased; step("first"), step("second"), step("third"));
/// assert_eq!(*log.borrow(), ["first", "second", "third"]);
/// # });
/// ```
#[macro_export]
macro_rules! join {
    // ===== Normalisation: one step per future =====
    (@future $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] $fut:expr $(, $($rest:tt)*)?) => {
        $crate::join!(@future $biased [$($ids)*] [$($done)* ($id $idx ($fut))] $($($rest)*)?)
    };
    (@future $biased:tt $ids:tt [] ) => {
        ()
    };
    (@future $biased:tt $ids:tt [$($done:tt)+]) => {
        $crate::join!(@final $biased [$($done)+])
    };
    (@future $biased:tt [] $done:tt $($rest:tt)+) => {
        ::core::compile_error!("join! supports at most 64 futures; nest join! calls for more.")
    };

    // ===== The expansion =====
    (@final $biased:tt [$(($id:ident $idx:tt ($fut:expr)))+]) => {{
        // One tuple expression, so that temporaries borrowed by a future
        // expression live as long as the block.
        let ($($id,)+) = ($($fut,)+);
        // All the futures in one pinned tuple: the `poll_fn` below keeps
        // one pointer to it, and splits it into one pin per future on each
        // poll (see `pin_fields.rs`).
        let mut futures = $crate::macros::support::pin!(($(
            $crate::macros::support::maybe_done(
                $crate::macros::support::IntoFuture::into_future($id)
            ),
        )+));
        $crate::join!(@rotation_state $biased next_start);

        // `move`: the closure owns the pin and (unless biased) the rotation
        // counter.
        $crate::macros::support::poll_fn(move |cx| {
            if $crate::macros::support::poll_budget_available(cx).is_pending() {
                return $crate::macros::support::Poll::Pending;
            }
            let ($(mut $id,)+) =
                $crate::macros::support::PinFields::pin_fields(futures.as_mut());
            let mut is_pending = false;
            let start = $crate::join!(@rotation_next $biased next_start [$($idx)+]);
            // Two unrolled passes: the futures from `start` on, then the
            // `start` futures before it. The second pass counts them down
            // rather than testing `index < start` again: with the test, the
            // compiler kept one flag per future from the first pass on the
            // stack (about 40 more instructions per `join_8` in the bench).
            // After `biased;`, `start` is 0 and the second pass folds away.
            $(
                if $crate::macros::support::first_pass($idx, start)
                    && $crate::macros::support::Future::poll($id.as_mut(), cx).is_pending()
                {
                    is_pending = true;
                }
            )+
            let mut left = start;
            // (The last `left -= 1` is never read.)
            #[allow(unused_assignments)]
            'second: {
                $(
                    if left == 0 {
                        break 'second;
                    }
                    left -= 1;
                    if $crate::macros::support::Future::poll($id.as_mut(), cx).is_pending() {
                        is_pending = true;
                    }
                )+
            }
            if is_pending {
                $crate::macros::support::Poll::Pending
            } else {
                $crate::macros::support::Poll::Ready(($(
                    $id.as_mut().take_output().expect("join!: every future has completed"),
                )+))
            }
        })
        .await
    }};

    // The rotation of the first future to poll. After `biased;` there is
    // none: no counter is declared, so the closure captures nothing for it
    // (the future is as small as tokio's), and every poll starts at 0.
    (@rotation_state true $next:ident) => {};
    (@rotation_state false $next:ident) => {
        let mut $next: u32 = 0;
    };
    (@rotation_next true $next:ident [$($idx:tt)+]) => {
        0u32
    };
    (@rotation_next false $next:ident [$($idx:tt)+]) => {{
        let count: u32 = 0 $(+ { let _ = $idx; 1 })+;
        let start = $next;
        $next = if start + 1 == count { 0 } else { start + 1 };
        start
    }};

    // ===== Entry points =====
    (biased; $($input:tt)*) => {
        $crate::join!(@future true [
            (_0 0) (_1 1) (_2 2) (_3 3) (_4 4) (_5 5) (_6 6) (_7 7)
            (_8 8) (_9 9) (_10 10) (_11 11) (_12 12) (_13 13) (_14 14) (_15 15)
            (_16 16) (_17 17) (_18 18) (_19 19) (_20 20) (_21 21) (_22 22) (_23 23)
            (_24 24) (_25 25) (_26 26) (_27 27) (_28 28) (_29 29) (_30 30) (_31 31)
            (_32 32) (_33 33) (_34 34) (_35 35) (_36 36) (_37 37) (_38 38) (_39 39)
            (_40 40) (_41 41) (_42 42) (_43 43) (_44 44) (_45 45) (_46 46) (_47 47)
            (_48 48) (_49 49) (_50 50) (_51 51) (_52 52) (_53 53) (_54 54) (_55 55)
            (_56 56) (_57 57) (_58 58) (_59 59) (_60 60) (_61 61) (_62 62) (_63 63)
        ] [] $($input)*)
    };
    ($($input:tt)*) => {
        $crate::join!(@future false [
            (_0 0) (_1 1) (_2 2) (_3 3) (_4 4) (_5 5) (_6 6) (_7 7)
            (_8 8) (_9 9) (_10 10) (_11 11) (_12 12) (_13 13) (_14 14) (_15 15)
            (_16 16) (_17 17) (_18 18) (_19 19) (_20 20) (_21 21) (_22 22) (_23 23)
            (_24 24) (_25 25) (_26 26) (_27 27) (_28 28) (_29 29) (_30 30) (_31 31)
            (_32 32) (_33 33) (_34 34) (_35 35) (_36 36) (_37 37) (_38 38) (_39 39)
            (_40 40) (_41 41) (_42 42) (_43 43) (_44 44) (_45 45) (_46 46) (_47 47)
            (_48 48) (_49 49) (_50 50) (_51 51) (_52 52) (_53 53) (_54 54) (_55 55)
            (_56 56) (_57 57) (_58 58) (_59 59) (_60 60) (_61 61) (_62 62) (_63 63)
        ] [] $($input)*)
    };
}
