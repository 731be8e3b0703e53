//! [`ReusableBoxFuture`]: a boxed, pinned, type-erased future whose heap
//! allocation survives replacing the future.
//!
//! A hand-written stream or service often keeps "the current operation" as a
//! `Pin<Box<dyn Future>>` and starts a new one each time the last finishes.
//! When consecutive futures have the same type (the common case: the same
//! `async fn` called again), the new one fits exactly in the memory of the
//! old one, so boxing it again would free and allocate a block of the same
//! size for nothing.
//!
//! # How the allocation is reused
//!
//! [`try_set`](ReusableBoxFuture::try_set) compares the [`Layout`] (size and
//! alignment) of the stored future with that of the new one. Only when they
//! are equal does it go on, in place:
//!
//! 1. the `Box` is turned into a raw pointer (its ownership now lives in an
//!    [`Install`] guard, not in `self`);
//! 2. the old future is dropped where it lies;
//! 3. the guard writes the new future into the same memory, rebuilds a
//!    `Box<F>` from the pointer (valid: same allocator, same layout) and
//!    stores it, coerced to the trait object, back into `self`.
//!
//! Step 3 runs from the guard's `Drop`, so it also happens when step 2
//! panics: the panic then propagates to the caller of `set`/`try_set`, but
//! the box already holds the new future, the old one was dropped exactly
//! once, and nothing leaks. (This is tokio-util's behaviour too.)
//!
//! When the layouts differ, [`set`](ReusableBoxFuture::set) allocates a new
//! box for the new future, stores it, and only then drops the old box; a
//! panic in the old future's `Drop` likewise leaves the new future in place
//! (the old allocation is freed by `Box`'s own unwinding).
//!
//! # Why it is `Sync`
//!
//! The stored future is only `Send`. The type is nonetheless `Sync` because
//! nothing can be done with a `&ReusableBoxFuture`: every method that
//! reaches the future takes `&mut self`, and `Debug` prints no field.

use std::alloc::Layout;
use std::fmt;
use std::future::Future;
use std::mem::ManuallyDrop;
use std::pin::Pin;
use std::ptr;
use std::task::{Context, Poll};

/// A `Pin<Box<dyn Future<Output = T> + Send + 'a>>` that can be given a new
/// future without a new allocation when the old and new futures have the
/// same size and alignment.
///
/// # Examples
///
/// ```
/// use runtime_util::sync::ReusableBoxFuture;
///
/// async fn fetch(n: u32) -> u32 {
///     n * 10
/// }
///
/// # futures::executor::block_on(async {
/// let mut boxed = ReusableBoxFuture::new(fetch(1));
/// assert_eq!((&mut boxed).await, 10);
///
/// // Another call of the same `async fn` has the same type, hence the same
/// // layout: the memory of the first future holds the second.
/// boxed.set(fetch(2));
/// assert_eq!(boxed.await, 20);
/// # });
/// ```
pub struct ReusableBoxFuture<'a, T> {
    boxed: Pin<Box<dyn Future<Output = T> + Send + 'a>>,
}

impl<'a, T> ReusableBoxFuture<'a, T> {
    /// Boxes `future`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::ReusableBoxFuture;
    ///
    /// # futures::executor::block_on(async {
    /// let boxed = ReusableBoxFuture::new(async { "ready" });
    /// assert_eq!(boxed.await, "ready");
    /// # });
    /// ```
    pub fn new<F>(future: F) -> Self
    where
        F: Future<Output = T> + Send + 'a,
    {
        ReusableBoxFuture {
            boxed: Box::pin(future),
        }
    }

    /// Replaces the stored future with `future`, dropping the old one.
    ///
    /// The current allocation is reused when `future` has the same size and
    /// alignment as the stored future; otherwise a new box is allocated and
    /// the old one freed.
    ///
    /// # Panics
    ///
    /// If dropping the old future panics, the panic propagates, but `self`
    /// already holds `future`, and the old future has been dropped once and
    /// its memory reused or freed.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::ReusableBoxFuture;
    ///
    /// # futures::executor::block_on(async {
    /// let mut boxed = ReusableBoxFuture::new(async { 1 });
    /// // A future of another layout: `set` falls back to a new box.
    /// let big = [7u8; 64];
    /// boxed.set(async move { big.len() as i32 });
    /// assert_eq!(boxed.await, 64);
    /// # });
    /// ```
    pub fn set<F>(&mut self, future: F)
    where
        F: Future<Output = T> + Send + 'a,
    {
        if let Err(future) = self.try_set(future) {
            // Store the new box first, so that a panic from the old future's
            // `Drop` cannot leave `self` without a future.
            let old = std::mem::replace(&mut self.boxed, Box::pin(future));
            drop(old);
        }
    }

    /// Replaces the stored future with `future` in the current allocation,
    /// or, when `future` does not have the same size and alignment as the
    /// stored future, gives `future` back in `Err` and changes nothing.
    ///
    /// This never allocates.
    ///
    /// # Errors
    ///
    /// `Err(future)` when the layouts differ.
    ///
    /// # Panics
    ///
    /// If dropping the old future panics, the panic propagates, but `self`
    /// already holds `future` and the old future has been dropped once.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::ReusableBoxFuture;
    ///
    /// # futures::executor::block_on(async {
    /// let mut boxed = ReusableBoxFuture::new(std::future::ready(1u64));
    /// // Same type, same layout: accepted in place.
    /// assert!(boxed.try_set(std::future::ready(2u64)).is_ok());
    /// // A larger future does not fit and comes back untouched.
    /// let table = [5u64; 8];
    /// let larger = async move { table.iter().sum::<u64>() };
    /// assert!(boxed.try_set(larger).is_err());
    /// assert_eq!(boxed.await, 2);
    /// # });
    /// ```
    pub fn try_set<F>(&mut self, future: F) -> Result<(), F>
    where
        F: Future<Output = T> + Send + 'a,
    {
        let current = Layout::for_value::<dyn Future<Output = T> + Send + 'a>(&*self.boxed);
        if current != Layout::new::<F>() {
            return Err(future);
        }

        let slot: *mut Pin<Box<dyn Future<Output = T> + Send + 'a>> = &mut self.boxed;
        // SAFETY: `slot` comes from `&mut self.boxed`, so it is valid and
        // unaliased for the rest of this call (nothing else touches
        // `self`). The bitwise copy made here takes over the ownership of
        // the box; `slot` is overwritten below by `Install::drop`, with
        // `ptr::write`, before anyone can read or drop it again, so the box
        // is never owned twice. Nothing between this read and the creation
        // of `install` can panic, so no unwinding sees the copy either.
        let old = unsafe { ptr::read(slot) };
        // SAFETY: leaving the `Pin` is allowed because the pinned value is
        // never moved: it is dropped in place below, and its memory is then
        // reused for a different value.
        let old = Box::into_raw(unsafe { Pin::into_inner_unchecked(old) });

        let install = Install {
            slot,
            memory: old.cast::<F>(),
            future: ManuallyDrop::new(future),
        };
        // SAFETY: `old` comes from `Box::into_raw`, so it points to a valid,
        // initialised future that nothing else refers to; it is dropped
        // exactly once, here. If this panics, `install` still runs (from
        // its `Drop`, during unwinding) and does not touch the dropped value.
        unsafe { ptr::drop_in_place(old) };
        drop(install);
        Ok(())
    }

    /// Returns a pinned mutable reference to the stored future.
    ///
    /// The reference points into the box's allocation, so while the
    /// allocation is reused by [`set`](Self::set) or
    /// [`try_set`](Self::try_set) it points to the same address.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::future::Future;
    /// use std::task::{Context, Poll, Waker};
    /// use runtime_util::sync::ReusableBoxFuture;
    ///
    /// let mut boxed = ReusableBoxFuture::new(async { 3 });
    /// let mut cx = Context::from_waker(Waker::noop());
    /// assert_eq!(boxed.get_pin().poll(&mut cx), Poll::Ready(3));
    /// ```
    pub fn get_pin(&mut self) -> Pin<&mut (dyn Future<Output = T> + Send)> {
        self.boxed.as_mut()
    }

    /// Polls the stored future.
    ///
    /// This is [`Future::poll`] for callers holding `&mut self` rather
    /// than a `Pin<&mut Self>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::task::{Context, Poll, Waker};
    /// use runtime_util::sync::ReusableBoxFuture;
    ///
    /// let mut boxed = ReusableBoxFuture::new(std::future::pending::<()>());
    /// let mut cx = Context::from_waker(Waker::noop());
    /// assert_eq!(boxed.poll(&mut cx), Poll::Pending);
    /// boxed.set(std::future::ready(()));
    /// assert_eq!(boxed.poll(&mut cx), Poll::Ready(()));
    /// ```
    pub fn poll(&mut self, cx: &mut Context<'_>) -> Poll<T> {
        self.get_pin().poll(cx)
    }
}

impl<T> Future for ReusableBoxFuture<'_, T> {
    type Output = T;

    /// Polls the stored future.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // The box keeps the future pinned; `Self` itself is `Unpin`.
        self.get_mut().poll(cx)
    }
}

// SAFETY: a shared `&ReusableBoxFuture` gives no access to the future: the
// only methods that reach it (`set`, `try_set`, `get_pin`, `poll`,
// `Future::poll`) take `&mut self` or `Pin<&mut Self>`, and `Debug` prints
// no field. So sharing references across threads cannot touch the
// (`Send` but maybe not `Sync`) future concurrently.
unsafe impl<T> Sync for ReusableBoxFuture<'_, T> {}

impl<T> fmt::Debug for ReusableBoxFuture<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReusableBoxFuture").finish()
    }
}

/// Finishes [`ReusableBoxFuture::try_set`]: moves `future` into the memory
/// of the old future and stores the resulting box in `slot`.
///
/// Invariants, set up by `try_set` before the old future is dropped:
/// * `memory` is the allocation of a `Box` whose layout is `Layout::new::<F>()`,
///   owned by this guard, and whatever it held has been (or is being)
///   dropped, so it is treated as uninitialised;
/// * `slot` points to the `boxed` field of a `ReusableBoxFuture` borrowed
///   mutably for the guard's whole life, whose current content is a stale
///   copy that must be overwritten without being dropped.
///
/// The work is done in `Drop` so that it also happens when dropping the old
/// future unwinds.
struct Install<'a, T, F>
where
    F: Future<Output = T> + Send + 'a,
{
    slot: *mut Pin<Box<dyn Future<Output = T> + Send + 'a>>,
    memory: *mut F,
    future: ManuallyDrop<F>,
}

impl<'a, T, F> Drop for Install<'a, T, F>
where
    F: Future<Output = T> + Send + 'a,
{
    fn drop(&mut self) {
        // SAFETY: `drop` runs once, and `future` is not used after this.
        let future = unsafe { ManuallyDrop::take(&mut self.future) };
        // SAFETY: `memory` is valid for a write of `F` (an allocation of
        // `F`'s size and alignment, see the invariants) and holds no live
        // value, so nothing is overwritten without being dropped.
        unsafe { self.memory.write(future) };
        // SAFETY: `memory` was allocated by `Box` (the global allocator)
        // with exactly `Layout::new::<F>()`, which is what `Box<F>` will
        // free it with, and it now holds an initialised `F` owned by nobody
        // else.
        let boxed: Box<F> = unsafe { Box::from_raw(self.memory) };
        // SAFETY: `slot` is valid and exclusively ours (see the invariants);
        // `write` does not drop the stale copy it replaces, whose box was
        // moved into this guard.
        unsafe { self.slot.write(Box::into_pin(boxed)) };
    }
}

#[cfg(test)]
mod tests {
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Waker;

    use super::*;

    fn address<T>(boxed: &mut ReusableBoxFuture<'_, T>) -> *const () {
        let pin = boxed.get_pin();
        (&*pin as *const (dyn Future<Output = T> + Send)).cast::<()>()
    }

    fn poll_now<T>(boxed: &mut ReusableBoxFuture<'_, T>) -> Poll<T> {
        boxed.poll(&mut Context::from_waker(Waker::noop()))
    }

    /// A ready future that counts its drops and may panic in `Drop`.
    struct Probe<'c> {
        value: u32,
        drops: &'c AtomicUsize,
        panic_on_drop: bool,
    }

    impl Future for Probe<'_> {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
            Poll::Ready(self.value)
        }
    }

    impl Drop for Probe<'_> {
        fn drop(&mut self) {
            self.drops.fetch_add(1, Ordering::SeqCst);
            if self.panic_on_drop {
                panic!("probe dropped");
            }
        }
    }

    fn probe(value: u32, drops: &AtomicUsize, panic_on_drop: bool) -> Probe<'_> {
        Probe {
            value,
            drops,
            panic_on_drop,
        }
    }

    #[test]
    fn same_layout_reuses_the_allocation() {
        let mut boxed = ReusableBoxFuture::new(std::future::ready(1u64));
        let before = address(&mut boxed);
        boxed.set(std::future::ready(2u64));
        assert_eq!(address(&mut boxed), before);
        assert_eq!(poll_now(&mut boxed), Poll::Ready(2));
        assert!(boxed.try_set(std::future::ready(3u64)).is_ok());
        assert_eq!(address(&mut boxed), before);
        assert_eq!(poll_now(&mut boxed), Poll::Ready(3));
    }

    #[test]
    fn different_layout_is_refused_by_try_set_and_reboxed_by_set() {
        let mut boxed = ReusableBoxFuture::new(std::future::ready(1u64));
        let wide = [9u64; 4];
        let larger = async move { wide[0] };
        let back = boxed.try_set(larger).unwrap_err();
        assert_eq!(poll_now(&mut boxed), Poll::Ready(1));

        boxed.set(back);
        assert_eq!(poll_now(&mut boxed), Poll::Ready(9));
    }

    #[test]
    fn zero_sized_futures_swap_in_place() {
        let mut boxed = ReusableBoxFuture::new(std::future::pending::<u8>());
        assert_eq!(poll_now(&mut boxed), Poll::Pending);
        assert!(boxed.try_set(std::future::pending::<u8>()).is_ok());
        assert_eq!(poll_now(&mut boxed), Poll::Pending);
        boxed.set(std::future::ready(4u8));
        assert_eq!(poll_now(&mut boxed), Poll::Ready(4));
    }

    #[test]
    fn each_future_is_dropped_exactly_once() {
        let drops = AtomicUsize::new(0);
        let mut boxed = ReusableBoxFuture::new(probe(1, &drops, false));
        boxed.set(probe(2, &drops, false));
        assert_eq!(drops.load(Ordering::SeqCst), 1);
        assert_eq!(poll_now(&mut boxed), Poll::Ready(2));
        drop(boxed);
        assert_eq!(drops.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn panicking_drop_in_place_still_installs_the_new_future() {
        let old_drops = AtomicUsize::new(0);
        let new_drops = AtomicUsize::new(0);
        let mut boxed = ReusableBoxFuture::new(probe(1, &old_drops, true));
        let before = address(&mut boxed);

        let result = catch_unwind(AssertUnwindSafe(|| {
            boxed.set(probe(2, &new_drops, false));
        }));
        assert!(result.is_err());
        assert_eq!(old_drops.load(Ordering::SeqCst), 1);
        assert_eq!(new_drops.load(Ordering::SeqCst), 0);
        assert_eq!(address(&mut boxed), before);
        assert_eq!(poll_now(&mut boxed), Poll::Ready(2));

        drop(boxed);
        assert_eq!(old_drops.load(Ordering::SeqCst), 1);
        assert_eq!(new_drops.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn panicking_drop_while_reboxing_keeps_the_new_future() {
        let old_drops = AtomicUsize::new(0);
        let mut boxed = ReusableBoxFuture::new(probe(1, &old_drops, true));

        let result = catch_unwind(AssertUnwindSafe(|| {
            boxed.set(std::future::ready(7u32));
        }));
        assert!(result.is_err());
        assert_eq!(old_drops.load(Ordering::SeqCst), 1);
        assert_eq!(poll_now(&mut boxed), Poll::Ready(7));
    }

    #[test]
    fn borrowed_futures_are_accepted() {
        let text = String::from("borrowed");
        let mut boxed = ReusableBoxFuture::new(async { text.len() });
        assert_eq!(poll_now(&mut boxed), Poll::Ready(8));
        boxed.set(async { text.len() + 1 });
        assert_eq!(poll_now(&mut boxed), Poll::Ready(9));
    }
}
