//! [`PinFields`]: from a pinned tuple to a tuple of pinned fields.
//!
//! `select!`, `join!` and `try_join!` pin all their futures at once, as one
//! tuple on the stack, and keep a single `Pin<&mut (F0, F1, ..)>` in their
//! `poll_fn`. On every poll they split it into one `Pin<&mut Fi>` per future
//! with [`PinFields::pin_fields`]. After inlining, each field is the tuple's
//! address plus a constant offset, so the macro's state is one pointer
//! however many branches there are, and its poll reaches every future from
//! one base register.
//!
//! The alternative without `unsafe` — one `core::pin::pin!` per future —
//! keeps one pointer per future in the macro's state and loads each of them
//! on every poll. `benches/macros.rs` measured that layout 8 bytes per
//! branch larger than tokio's `select!` and about one instruction per
//! future slower per poll (see the numbers in the bench's history).
//!
//! # Why the projection is sound
//!
//! This is *structural pinning* of every field of a tuple, the projection
//! `pin-project` derives for a struct whose fields are all `#[pin]`. It is
//! sound because tuples keep the three promises it needs:
//!
//! * a tuple is `Unpin` exactly when all its fields are (auto trait), so
//!   safe code can only move a field out of a pinned tuple when that field
//!   is `Unpin` anyway;
//! * a tuple has no `Drop` impl of its own that could move a field while
//!   dropping it; its fields are dropped in place;
//! * a tuple is never `repr(packed)`, so no field is ever moved to be
//!   realigned.
//!
//! The implementations cover tuples of 1 to 64 elements, the macros' limit.

use core::pin::Pin;

/// Splits a pinned tuple into a tuple of its pinned fields.
///
/// Hidden helper of the control-flow macros; not part of the public API.
pub trait PinFields {
    /// `(Pin<&'a mut F0>, Pin<&'a mut F1>, ..)`.
    type Fields<'a>
    where
        Self: 'a;

    /// Pins every field of the tuple.
    fn pin_fields(self: Pin<&mut Self>) -> Self::Fields<'_>;
}

/// Implements [`PinFields`] for every prefix of the given list of
/// `(TypeParameter field_binding)` pairs: `(A a)`, `(A a) (B b)`, ...
macro_rules! impl_pin_fields {
    (@prefix [$($done:tt)*] ($ty:ident $field:ident) $($rest:tt)*) => {
        impl_pin_fields!(@impl $($done)* ($ty $field));
        impl_pin_fields!(@prefix [$($done)* ($ty $field)] $($rest)*);
    };
    (@prefix [$($done:tt)*]) => {};
    (@impl $(($ty:ident $field:ident))+) => {
        impl<$($ty),+> PinFields for ($($ty,)+) {
            type Fields<'a> = ($(Pin<&'a mut $ty>,)+) where Self: 'a;

            #[inline(always)]
            fn pin_fields(self: Pin<&mut Self>) -> Self::Fields<'_> {
                // SAFETY: the `&mut` to the tuple is only used to borrow its
                // fields, which are immediately pinned again below; nothing
                // is moved out of it.
                let ($($field,)+) = unsafe { self.get_unchecked_mut() };
                // SAFETY: structural pinning of a tuple's fields (see the
                // module docs): the tuple is pinned, so each field stays at
                // its address until it is dropped in place; the tuple is
                // `Unpin` only if every field is; it has no `Drop` impl that
                // could move a field, and it is never packed.
                unsafe { ($(Pin::new_unchecked($field),)+) }
            }
        }
    };
}

impl_pin_fields!(@prefix []
    (T0 f0) (T1 f1) (T2 f2) (T3 f3) (T4 f4) (T5 f5) (T6 f6) (T7 f7)
    (T8 f8) (T9 f9) (T10 f10) (T11 f11) (T12 f12) (T13 f13) (T14 f14) (T15 f15)
    (T16 f16) (T17 f17) (T18 f18) (T19 f19) (T20 f20) (T21 f21) (T22 f22) (T23 f23)
    (T24 f24) (T25 f25) (T26 f26) (T27 f27) (T28 f28) (T29 f29) (T30 f30) (T31 f31)
    (T32 f32) (T33 f33) (T34 f34) (T35 f35) (T36 f36) (T37 f37) (T38 f38) (T39 f39)
    (T40 f40) (T41 f41) (T42 f42) (T43 f43) (T44 f44) (T45 f45) (T46 f46) (T47 f47)
    (T48 f48) (T49 f49) (T50 f50) (T51 f51) (T52 f52) (T53 f53) (T54 f54) (T55 f55)
    (T56 f56) (T57 f57) (T58 f58) (T59 f59) (T60 f60) (T61 f61) (T62 f62) (T63 f63)
);

#[cfg(test)]
mod tests {
    use core::future::Future;
    use core::marker::PhantomPinned;
    use core::pin::{Pin, pin};
    use core::task::{Context, Poll};
    use std::cell::Cell;

    use futures::task::noop_waker_ref;

    use super::PinFields;

    /// Records its own address on every poll and on drop; `!Unpin`.
    struct AddressProbe<'a> {
        seen: &'a Cell<Option<usize>>,
        moved: &'a Cell<bool>,
        _pinned: PhantomPinned,
    }

    impl AddressProbe<'_> {
        fn check(&self) {
            let here = self as *const Self as usize;
            match self.seen.get() {
                None => self.seen.set(Some(here)),
                Some(before) if before != here => self.moved.set(true),
                Some(_) => {}
            }
        }
    }

    impl Future for AddressProbe<'_> {
        type Output = ();

        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
            self.check();
            Poll::Pending
        }
    }

    impl Drop for AddressProbe<'_> {
        fn drop(&mut self) {
            self.check();
        }
    }

    #[test]
    fn fields_stay_in_place_across_projections_and_drop() {
        let mut cx = Context::from_waker(noop_waker_ref());
        let seen = [Cell::new(None), Cell::new(None), Cell::new(None)];
        let moved = Cell::new(false);
        let probe = |i: usize| AddressProbe {
            seen: &seen[i],
            moved: &moved,
            _pinned: PhantomPinned,
        };
        {
            let mut tuple = pin!((probe(0), 7u8, probe(1), probe(2)));
            for _ in 0..3 {
                let (a, n, b, c) = tuple.as_mut().pin_fields();
                assert_eq!(a.poll(&mut cx), Poll::Pending);
                assert_eq!(*n, 7);
                assert_eq!(b.poll(&mut cx), Poll::Pending);
                assert_eq!(c.poll(&mut cx), Poll::Pending);
            }
        }
        assert!(seen.iter().all(|s| s.get().is_some()));
        assert!(!moved.get(), "a pinned field moved");
    }

    /// `Pending` once, then `Ready`.
    fn yield_once() -> impl Future<Output = ()> {
        let mut yielded = false;
        core::future::poll_fn(move |_| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                Poll::Pending
            }
        })
    }

    #[test]
    fn self_referential_futures_resume_through_the_projection() {
        // Each async block borrows its own local across an await: it is only
        // sound to resume it at the address it was first polled at (Miri
        // checks the borrows).
        let mut cx = Context::from_waker(noop_waker_ref());
        let task = |n: u32| async move {
            let local = [n; 4];
            let borrowed = &local;
            yield_once().await;
            borrowed.iter().sum::<u32>()
        };
        let mut tuple = pin!((task(1), task(2)));
        let (a, b) = tuple.as_mut().pin_fields();
        assert_eq!(a.poll(&mut cx), Poll::Pending);
        assert_eq!(b.poll(&mut cx), Poll::Pending);
        let (a, b) = tuple.as_mut().pin_fields();
        assert_eq!(b.poll(&mut cx), Poll::Ready(8));
        assert_eq!(a.poll(&mut cx), Poll::Ready(4));
    }

    #[test]
    fn one_and_sixty_four_fields() {
        let mut one = pin!((1u8,));
        let (a,) = one.as_mut().pin_fields();
        *a.get_mut() += 1;
        assert_eq!(one.0, 2);

        let mut many = pin!((
            0u64, 1u64, 2u64, 3u64, 4u64, 5u64, 6u64, 7u64, 8u64, 9u64, 10u64, 11u64, 12u64, 13u64,
            14u64, 15u64, 16u64, 17u64, 18u64, 19u64, 20u64, 21u64, 22u64, 23u64, 24u64, 25u64,
            26u64, 27u64, 28u64, 29u64, 30u64, 31u64, 32u64, 33u64, 34u64, 35u64, 36u64, 37u64,
            38u64, 39u64, 40u64, 41u64, 42u64, 43u64, 44u64, 45u64, 46u64, 47u64, 48u64, 49u64,
            50u64, 51u64, 52u64, 53u64, 54u64, 55u64, 56u64, 57u64, 58u64, 59u64, 60u64, 61u64,
            62u64, 63u64,
        ));
        let fields = many.as_mut().pin_fields();
        *fields.63.get_mut() += 100;
        *fields.0.get_mut() += 100;
        assert_eq!((many.0, many.31, many.63), (100, 31, 163));
    }
}
