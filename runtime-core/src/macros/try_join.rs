//! [`try_join!`](crate::try_join): wait for several fallible futures,
//! concurrently, stopping at the first error.
//!
//! The same expansion as `join!` (see `join.rs`), with one more check: after
//! polling a future that completed, look at its output in place; an `Err`
//! is taken out and returned at once. The `poll_fn` then completes, and the
//! block holding the futures ends, dropping the others.

/// Waits on several concurrent fallible futures, returning when **all** of
/// them complete with `Ok(_)` or when **one** completes with `Err(_)`.
///
/// Every future must output a `Result<_, E>` with the same `E`. On success
/// the value is `Ok` of a tuple of the `Ok` values, in the order given; on
/// the first error it is that `Err`, and the futures that did not complete
/// are dropped without being polled again. Anything that implements
/// [`IntoFuture`](core::future::IntoFuture) is accepted, up to 64 futures.
///
/// The futures run concurrently on the current task, not in parallel: to run
/// them on several threads, spawn them. As with [`join!`](crate::join), each
/// poll starts at the next future in turn unless `biased;` is written first,
/// in which case they are polled in source order.
///
/// `try_join!()` with no futures is `Ok(())`.
///
/// # Cancel safety
///
/// Dropping a `try_join!` before it completes drops every future in it.
///
/// # Examples
///
/// ```
/// use runtime_core::try_join;
///
/// async fn parse(text: &str) -> Result<u32, std::num::ParseIntError> {
///     text.parse()
/// }
///
/// # futures::executor::block_on(async {
/// let sum = try_join!(parse("1"), parse("2")).map(|(a, b)| a + b);
/// assert_eq!(sum, Ok(3));
///
/// let failed = try_join!(parse("1"), parse("two"), std::future::pending());
/// assert!(failed.is_err());
/// # });
/// ```
#[macro_export]
macro_rules! try_join {
    // ===== Normalisation: one step per future =====
    (@future $biased:tt [($id:ident $idx:tt) $($ids:tt)*] [$($done:tt)*] $fut:expr $(, $($rest:tt)*)?) => {
        $crate::try_join!(@future $biased [$($ids)*] [$($done)* ($id $idx ($fut))] $($($rest)*)?)
    };
    (@future $biased:tt $ids:tt []) => {
        ::core::result::Result::Ok(())
    };
    (@future $biased:tt $ids:tt [$($done:tt)+]) => {
        $crate::try_join!(@final $biased [$($done)+])
    };
    (@future $biased:tt [] $done:tt $($rest:tt)+) => {
        ::core::compile_error!("try_join! supports at most 64 futures; nest try_join! calls for more.")
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
            // Two unrolled passes, as in `join!`: from `start` on, then the
            // `start` futures before it, counted down.
            $(
                if $crate::macros::support::first_pass($idx, start) {
                    if $crate::macros::support::Future::poll($id.as_mut(), cx).is_pending() {
                        is_pending = true;
                    } else if let ::core::option::Option::Some(::core::result::Result::Err(_)) =
                        $id.as_mut().output_mut()
                    {
                        if let ::core::option::Option::Some(::core::result::Result::Err(e)) =
                            $id.as_mut().take_output()
                        {
                            return $crate::macros::support::Poll::Ready(
                                ::core::result::Result::Err(e),
                            );
                        }
                    }
                }
            )+
            // The second pass stops at the first future that the first
            // pass polled.
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
                    } else if let ::core::option::Option::Some(::core::result::Result::Err(_)) =
                        $id.as_mut().output_mut()
                    {
                        if let ::core::option::Option::Some(::core::result::Result::Err(e)) =
                            $id.as_mut().take_output()
                        {
                            return $crate::macros::support::Poll::Ready(
                                ::core::result::Result::Err(e),
                            );
                        }
                    }
                )+
            }
            if is_pending {
                $crate::macros::support::Poll::Pending
            } else {
                $crate::macros::support::Poll::Ready(::core::result::Result::Ok(($(
                    match $id.as_mut().take_output() {
                        ::core::option::Option::Some(::core::result::Result::Ok(value)) => value,
                        _ => ::core::unreachable!("try_join!: every future has completed with Ok"),
                    },
                )+)))
            }
        })
        .await
    }};

    // ===== Entry points =====
    (biased; $($input:tt)*) => {
        $crate::try_join!(@future true [
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
        $crate::try_join!(@future false [
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
