//! [`OnceCell`]: a cell initialised at most once, possibly by an async
//! function, with concurrent initialisers queued behind the first.
//!
//! # Design
//!
//! The value sits in an `UnsafeCell<MaybeUninit<T>>`, published by an
//! atomic flag (`value_set`, release on write, acquire on read). Who may
//! initialise is decided by a one-permit batch semaphore: the holder runs
//! its initialiser; the others wait in FIFO order. On success the holder
//! writes the value, sets the flag and *closes* the semaphore, which wakes
//! every waiter with "closed", meaning "the value is there". If the
//! initialiser fails, panics or is cancelled, its permit goes back and the
//! next waiter tries.

use std::fmt;
use std::future::Future;
use std::mem::MaybeUninit;

use crate::loom::cell::UnsafeCell;
use crate::loom::sync::atomic::{AtomicBool, Ordering};
use crate::sync::batch_semaphore::{Acquire, Semaphore, TryAcquireError};

/// A thread-safe cell written at most once, with asynchronous
/// initialisation.
///
/// # Examples
///
/// ```
/// use runtime_core::sync::OnceCell;
///
/// static CONFIG: OnceCell<u32> = OnceCell::const_new();
///
/// # futures::executor::block_on(async {
/// let v = CONFIG.get_or_init(|| async { 42 }).await;
/// assert_eq!(*v, 42);
/// // Later initialisers do not run.
/// assert_eq!(*CONFIG.get_or_init(|| async { 0 }).await, 42);
/// # });
/// ```
pub struct OnceCell<T> {
    value_set: AtomicBool,
    value: UnsafeCell<MaybeUninit<T>>,
    semaphore: Semaphore,
}

// SAFETY: the cell hands out `&T` to any thread once set (`T: Sync`) and
// moves a `T` in from whichever thread initialises it (`T: Send`).
unsafe impl<T: Sync + Send> Sync for OnceCell<T> {}
// SAFETY: moving the cell moves the `T` it may own.
unsafe impl<T: Send> Send for OnceCell<T> {}

/// Why [`OnceCell::set`] failed; carries the value back.
#[derive(Debug, PartialEq, Eq)]
pub enum SetError<T> {
    /// The cell was already initialised.
    AlreadyInitializedError(T),
    /// Another task is initialising the cell right now.
    InitializingError(T),
}

impl<T> SetError<T> {
    /// Whether the cell was already initialised.
    pub fn is_already_init_err(&self) -> bool {
        matches!(self, SetError::AlreadyInitializedError(_))
    }

    /// Whether another task was initialising the cell.
    pub fn is_initializing_err(&self) -> bool {
        matches!(self, SetError::InitializingError(_))
    }
}

impl<T> fmt::Display for SetError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetError::AlreadyInitializedError(_) => f.write_str("AlreadyInitializedError"),
            SetError::InitializingError(_) => f.write_str("InitializingError"),
        }
    }
}

impl<T: fmt::Debug> std::error::Error for SetError<T> {}

impl<T> OnceCell<T> {
    /// Creates an empty cell.
    pub fn new() -> Self {
        OnceCell {
            value_set: AtomicBool::new(false),
            value: UnsafeCell::new(MaybeUninit::uninit()),
            semaphore: Semaphore::new(1),
        }
    }

    /// Creates an empty cell in a `const` context, for a `static`.
    #[cfg(not(runtime_loom))]
    pub const fn const_new() -> Self {
        OnceCell {
            value_set: AtomicBool::new(false),
            value: UnsafeCell::new(MaybeUninit::uninit()),
            semaphore: Semaphore::const_new(1),
        }
    }

    /// Creates a cell holding `value` if it is `Some`, empty otherwise.
    pub fn new_with(value: Option<T>) -> Self {
        match value {
            Some(value) => OnceCell {
                value_set: AtomicBool::new(true),
                value: UnsafeCell::new(MaybeUninit::new(value)),
                semaphore: Semaphore::new_closed(),
            },
            None => OnceCell::new(),
        }
    }

    /// Creates a cell holding `value` in a `const` context.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::OnceCell;
    ///
    /// static ANSWER: OnceCell<u8> = OnceCell::const_new_with(42);
    /// assert_eq!(ANSWER.get(), Some(&42));
    /// ```
    #[cfg(not(runtime_loom))]
    pub const fn const_new_with(value: T) -> Self {
        OnceCell {
            value_set: AtomicBool::new(true),
            value: UnsafeCell::new(MaybeUninit::new(value)),
            semaphore: Semaphore::const_new_closed(),
        }
    }

    /// Whether the cell holds a value.
    pub fn initialized(&self) -> bool {
        self.value_set.load(Ordering::Acquire)
    }

    /// # Safety
    ///
    /// The value must be set (`value_set` observed `true` with acquire
    /// ordering, or the caller has exclusive access after setting it).
    unsafe fn get_unchecked(&self) -> &T {
        // SAFETY: the caller promises the value is initialised; once set it
        // is never written again while shared.
        self.value.with(|p| unsafe { (*p).assume_init_ref() })
    }

    /// The value, if set.
    pub fn get(&self) -> Option<&T> {
        if self.initialized() {
            // SAFETY: `initialized` read `true` with acquire ordering.
            Some(unsafe { self.get_unchecked() })
        } else {
            None
        }
    }

    /// The value, mutably, if set. The `&mut self` proves no other access.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        if self.initialized() {
            // SAFETY: the value is set, and `&mut self` gives exclusive
            // access to it.
            Some(self.value.with_mut(|p| unsafe { (*p).assume_init_mut() }))
        } else {
            None
        }
    }

    /// Writes the value and publishes it. The caller holds the permit.
    fn set_value(&self, value: T) -> &T {
        // SAFETY: the caller holds the only permit and the value is not set,
        // so nobody reads or writes the cell concurrently.
        self.value.with_mut(|p| unsafe { (*p).write(value) });
        self.value_set.store(true, Ordering::Release);
        self.semaphore.close();
        // SAFETY: just set.
        unsafe { self.get_unchecked() }
    }

    /// Sets the value if the cell is empty and nobody is initialising it.
    ///
    /// # Errors
    ///
    /// [`SetError::AlreadyInitializedError`] or
    /// [`SetError::InitializingError`], carrying `value` back.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::{OnceCell, SetError};
    ///
    /// let cell = OnceCell::new();
    /// assert!(cell.set(1).is_ok());
    /// assert_eq!(cell.set(2), Err(SetError::AlreadyInitializedError(2)));
    /// ```
    pub fn set(&self, value: T) -> Result<(), SetError<T>> {
        if self.initialized() {
            return Err(SetError::AlreadyInitializedError(value));
        }
        match self.semaphore.try_acquire(1) {
            Ok(()) => {
                self.set_value(value);
                Ok(())
            }
            Err(TryAcquireError::NoPermits) => Err(SetError::InitializingError(value)),
            Err(TryAcquireError::Closed) => Err(SetError::AlreadyInitializedError(value)),
        }
    }

    /// Returns the value, running `f` to set it if the cell is empty. Only
    /// one initialiser runs at a time; the others wait for its result.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the running initialiser is cancelled (or panics), the
    /// next waiter runs its own.
    pub async fn get_or_init<F, Fut>(&self, f: F) -> &T
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = T>,
    {
        if let Some(v) = self.get() {
            return v;
        }
        match Acquire::new(&self.semaphore, 1).await {
            Ok(()) => {
                let guard = PermitGuard(&self.semaphore);
                let value = f().await;
                std::mem::forget(guard);
                self.set_value(value)
            }
            // Closed: the value was set by another initialiser.
            // SAFETY: the semaphore is closed only after the value is set.
            Err(_) => unsafe { self.get_unchecked() },
        }
    }

    /// Returns the value, running the fallible `f` to set it if the cell is
    /// empty.
    ///
    /// # Errors
    ///
    /// Returns `f`'s error, leaving the cell empty for the next initialiser.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`get_or_init`](Self::get_or_init).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::OnceCell;
    ///
    /// # futures::executor::block_on(async {
    /// let cell = OnceCell::new();
    /// let err = cell.get_or_try_init(|| async { Err::<u8, _>("no") }).await;
    /// assert_eq!(err, Err("no"));
    /// let ok = cell.get_or_try_init(|| async { Ok::<_, &str>(3) }).await;
    /// assert_eq!(ok, Ok(&3));
    /// # });
    /// ```
    pub async fn get_or_try_init<E, F, Fut>(&self, f: F) -> Result<&T, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        if let Some(v) = self.get() {
            return Ok(v);
        }
        match Acquire::new(&self.semaphore, 1).await {
            Ok(()) => {
                let guard = PermitGuard(&self.semaphore);
                let value = f().await?;
                std::mem::forget(guard);
                Ok(self.set_value(value))
            }
            // SAFETY: the semaphore is closed only after the value is set.
            Err(_) => Ok(unsafe { self.get_unchecked() }),
        }
    }

    /// Consumes the cell, returning its value if set.
    pub fn into_inner(mut self) -> Option<T> {
        self.take()
    }

    /// Takes the value out, leaving the cell empty (and initialisable
    /// again).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::OnceCell;
    ///
    /// let mut cell = OnceCell::new_with(Some(1));
    /// assert_eq!(cell.take(), Some(1));
    /// assert!(!cell.initialized());
    /// assert!(cell.set(2).is_ok());
    /// ```
    pub fn take(&mut self) -> Option<T> {
        if !self.initialized() {
            return None;
        }
        self.value_set.store(false, Ordering::Relaxed);
        // SAFETY: the value is set, and `&mut self` gives exclusive access;
        // the flag is cleared first so it is never read (or dropped) again.
        let value = self.value.with_mut(|p| unsafe { (*p).assume_init_read() });
        self.semaphore = Semaphore::new(1);
        Some(value)
    }
}

/// Gives the initialisation permit back if the initialiser does not finish
/// (error, panic or cancellation).
struct PermitGuard<'a>(&'a Semaphore);

impl Drop for PermitGuard<'_> {
    fn drop(&mut self) {
        self.0.release(1);
    }
}

impl<T> Drop for OnceCell<T> {
    fn drop(&mut self) {
        if self.initialized() {
            // SAFETY: the value is set and this is the last access to it.
            self.value.with_mut(|p| unsafe { (*p).assume_init_drop() });
        }
    }
}

impl<T> Default for OnceCell<T> {
    fn default() -> Self {
        OnceCell::new()
    }
}

impl<T> From<T> for OnceCell<T> {
    fn from(value: T) -> Self {
        OnceCell::new_with(Some(value))
    }
}

impl<T: Clone> Clone for OnceCell<T> {
    fn clone(&self) -> Self {
        OnceCell::new_with(self.get().cloned())
    }
}

impl<T: PartialEq> PartialEq for OnceCell<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl<T: Eq> Eq for OnceCell<T> {}

impl<T: fmt::Debug> fmt::Debug for OnceCell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OnceCell")
            .field("value", &self.get())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;
    use std::task::{Context, Poll, Waker};

    struct CountDrop(Arc<AtomicUsize>);

    impl Drop for CountDrop {
        fn drop(&mut self) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    #[test]
    fn value_dropped_once() {
        let drops = Arc::new(AtomicUsize::new(0));
        let cell = OnceCell::new();
        assert!(cell.set(CountDrop(drops.clone())).is_ok());
        let again = cell.set(CountDrop(drops.clone())).unwrap_err();
        assert!(again.is_already_init_err());
        drop(again);
        assert_eq!(drops.load(std::sync::atomic::Ordering::SeqCst), 1);
        drop(cell);
        assert_eq!(drops.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn take_and_into_inner() {
        let mut cell = OnceCell::new_with(Some(String::from("a")));
        assert_eq!(cell.take().as_deref(), Some("a"));
        assert_eq!(cell.take(), None);
        cell.set(String::from("b")).unwrap();
        *cell.get_mut().unwrap() += "c";
        assert_eq!(cell.into_inner().as_deref(), Some("bc"));
    }

    #[test]
    fn cancelled_initialiser_lets_next_run() {
        let cell = OnceCell::<u32>::new();
        let mut cx = Context::from_waker(Waker::noop());
        {
            let mut first = Box::pin(cell.get_or_init(std::future::pending));
            assert!(first.as_mut().poll(&mut cx).is_pending());
            assert!(cell.set(1).unwrap_err().is_initializing_err());
            let mut second = pin!(cell.get_or_init(|| async { 2 }));
            assert!(second.as_mut().poll(&mut cx).is_pending());
            drop(first);
            assert_eq!(second.as_mut().poll(&mut cx), Poll::Ready(&2));
        }
        assert_eq!(cell.get(), Some(&2));
    }
}
