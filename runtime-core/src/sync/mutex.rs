//! [`Mutex`]: an asynchronous mutual-exclusion lock whose guard may be held
//! across an `.await`, with borrowed, owned and mapped guards.
//!
//! # Design
//!
//! A batch semaphore with one permit guards an `UnsafeCell`. Locking is
//! acquiring the permit, so waiters are served in FIFO order; unlocking is
//! releasing it. The data cell is the standard library's `UnsafeCell`
//! rather than the loom shim's, so that `Mutex<T: ?Sized>` works; loom
//! checks the semaphore, which is where the synchronisation lives.

use std::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::sync::batch_semaphore::{Acquire, Semaphore, TryAcquireError};

/// An asynchronous mutex. Unlike `std::sync::Mutex`, waiting for it yields
/// to the executor, and its guard may be held across `.await` points.
///
/// Lock requests are served in the order they were made.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use runtime_core::sync::Mutex;
///
/// # futures::executor::block_on(async {
/// let count = Arc::new(Mutex::new(0));
/// *count.lock().await += 1;
/// assert_eq!(*count.lock().await, 1);
/// # });
/// ```
pub struct Mutex<T: ?Sized> {
    semaphore: Semaphore,
    data: UnsafeCell<T>,
}

// SAFETY: the mutex hands out access to `T` to one holder at a time (the
// single semaphore permit), possibly on another thread: `T: Send` suffices,
// as for `std::sync::Mutex`.
unsafe impl<T: ?Sized + Send> Send for Mutex<T> {}
// SAFETY: as above; sharing the mutex only ever lets one thread at a time
// reach `&mut T`, so `T: Send` is enough for `Sync`.
unsafe impl<T: ?Sized + Send> Sync for Mutex<T> {}

/// The lock could not be taken right now; returned by the `try_*` lock
/// methods of [`Mutex`] and [`RwLock`](crate::sync::RwLock).
#[derive(Debug)]
pub struct TryLockError(pub(super) ());

impl fmt::Display for TryLockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("operation would block")
    }
}

impl std::error::Error for TryLockError {}

/// The guard of a locked [`Mutex`]; unlocks on drop.
#[clippy::has_significant_drop]
#[must_use = "if unused the Mutex will immediately unlock"]
pub struct MutexGuard<'a, T: ?Sized> {
    lock: &'a Mutex<T>,
}

/// The guard of a [`Mutex`] held through an `Arc`; it can be moved into a
/// spawned task. Created by [`Mutex::lock_owned`].
#[clippy::has_significant_drop]
#[must_use = "if unused the Mutex will immediately unlock"]
pub struct OwnedMutexGuard<T: ?Sized> {
    lock: Arc<Mutex<T>>,
}

/// A guard for a part of the data of a locked [`Mutex`]; created by
/// [`MutexGuard::map`].
#[clippy::has_significant_drop]
#[must_use = "if unused the Mutex will immediately unlock"]
pub struct MappedMutexGuard<'a, T: ?Sized> {
    semaphore: &'a Semaphore,
    data: *mut T,
    _marker: PhantomData<&'a mut T>,
}

/// An owned guard for a part of the data of a locked [`Mutex`]; created by
/// [`OwnedMutexGuard::map`].
#[clippy::has_significant_drop]
#[must_use = "if unused the Mutex will immediately unlock"]
pub struct OwnedMappedMutexGuard<T: ?Sized, U: ?Sized = T> {
    lock: Arc<Mutex<T>>,
    data: *mut U,
}

// SAFETY: a guard gives `&mut T` to whoever holds it; moving it to another
// thread moves that access, so `T: Send` is required, and sharing it
// shares `&T`, so `Sync` requires `T: Sync` (as std's guards).
unsafe impl<T: ?Sized + Sync> Sync for MutexGuard<'_, T> {}
// SAFETY: sharing an owned guard shares `&T`, so `T: Sync` is needed on top
// of the `T: Send` that sharing the mutex itself needs.
unsafe impl<T: ?Sized + Send + Sync> Sync for OwnedMutexGuard<T> {}
// SAFETY: see the `Sync` impl of `MutexGuard`; the mapped pointer is only a
// narrower view of the locked data.
unsafe impl<T: ?Sized + Send> Send for MappedMutexGuard<'_, T> {}
// SAFETY: as for `MutexGuard`.
unsafe impl<T: ?Sized + Sync> Sync for MappedMutexGuard<'_, T> {}
// SAFETY: the owned guard keeps the mutex alive and owns the lock; `U` is a
// view into the locked `T`.
unsafe impl<T: ?Sized + Send, U: ?Sized + Send> Send for OwnedMappedMutexGuard<T, U> {}
// SAFETY: as above; sharing the guard shares `&U`.
unsafe impl<T: ?Sized + Send + Sync, U: ?Sized + Send + Sync> Sync for OwnedMappedMutexGuard<T, U> {}

impl<T> Mutex<T> {
    /// Creates an unlocked mutex holding `value`.
    pub fn new(value: T) -> Self {
        Mutex {
            semaphore: Semaphore::new(1),
            data: UnsafeCell::new(value),
        }
    }

    /// Creates an unlocked mutex in a `const` context, for a `static`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Mutex;
    ///
    /// static COUNT: Mutex<u32> = Mutex::const_new(0);
    /// # futures::executor::block_on(async {
    /// *COUNT.lock().await += 1;
    /// # });
    /// ```
    #[cfg(not(runtime_loom))]
    pub const fn const_new(value: T) -> Self {
        Mutex {
            semaphore: Semaphore::const_new(1),
            data: UnsafeCell::new(value),
        }
    }

    /// Consumes the mutex, returning its data.
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// Waits for the lock.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: waiters are served in FIFO order, and cancelling gives
    /// up the place in the queue.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Mutex;
    ///
    /// # futures::executor::block_on(async {
    /// let m = Mutex::new(vec![1]);
    /// m.lock().await.push(2);
    /// assert_eq!(*m.lock().await, [1, 2]);
    /// # });
    /// ```
    pub async fn lock(&self) -> MutexGuard<'_, T> {
        // A mutex's semaphore is never closed.
        let _ = Acquire::new(&self.semaphore, 1).await;
        MutexGuard { lock: self }
    }

    /// Takes the lock if it is free right now.
    ///
    /// # Errors
    ///
    /// [`TryLockError`] if it is held.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Mutex;
    ///
    /// let m = Mutex::new(1);
    /// let g = m.try_lock().unwrap();
    /// assert!(m.try_lock().is_err());
    /// drop(g);
    /// assert!(m.try_lock().is_ok());
    /// ```
    pub fn try_lock(&self) -> Result<MutexGuard<'_, T>, TryLockError> {
        match self.semaphore.try_acquire(1) {
            Ok(()) => Ok(MutexGuard { lock: self }),
            Err(_) => Err(TryLockError(())),
        }
    }

    /// Blocks the thread until the lock is free, from outside any runtime.
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; use `lock().await` there.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::Mutex;
    ///
    /// let m = Mutex::new(1);
    /// *m.blocking_lock() += 1;
    /// assert_eq!(*m.blocking_lock(), 2);
    /// ```
    #[track_caller]
    pub fn blocking_lock(&self) -> MutexGuard<'_, T> {
        crate::sync::block_on::block_on("Mutex::lock", self.lock())
    }

    /// Blocking twin of [`lock_owned`](Self::lock_owned).
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime.
    #[track_caller]
    pub fn blocking_lock_owned(self: Arc<Self>) -> OwnedMutexGuard<T> {
        crate::sync::block_on::block_on("Mutex::lock_owned", self.lock_owned())
    }

    /// Waits for the lock of a shared mutex, returning a guard that owns a
    /// handle to it.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`lock`](Self::lock).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use runtime_core::sync::Mutex;
    ///
    /// # futures::executor::block_on(async {
    /// let m = Arc::new(Mutex::new(0));
    /// let mut g = m.clone().lock_owned().await;
    /// *g = 5;
    /// drop(g);
    /// assert_eq!(*m.lock().await, 5);
    /// # });
    /// ```
    pub async fn lock_owned(self: Arc<Self>) -> OwnedMutexGuard<T> {
        let _ = Acquire::new(&self.semaphore, 1).await;
        OwnedMutexGuard { lock: self }
    }

    /// Takes the lock of a shared mutex if it is free right now.
    ///
    /// # Errors
    ///
    /// [`TryLockError`] if it is held.
    pub fn try_lock_owned(self: Arc<Self>) -> Result<OwnedMutexGuard<T>, TryLockError> {
        match self.semaphore.try_acquire(1) {
            Ok(()) => Ok(OwnedMutexGuard { lock: self }),
            Err(TryAcquireError::NoPermits | TryAcquireError::Closed) => Err(TryLockError(())),
        }
    }

    /// Mutable access without locking: the `&mut self` proves no guard
    /// exists.
    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

impl<T> From<T> for Mutex<T> {
    fn from(value: T) -> Self {
        Mutex::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Mutex");
        match self.try_lock() {
            Ok(guard) => d.field("data", &&*guard),
            Err(_) => d.field("data", &format_args!("<locked>")),
        };
        d.finish()
    }
}

impl<'a, T: ?Sized> MutexGuard<'a, T> {
    /// Narrows the guard to a part of the data.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::{Mutex, MutexGuard};
    ///
    /// # futures::executor::block_on(async {
    /// let m = Mutex::new((1, 2));
    /// let mut second = MutexGuard::map(m.lock().await, |pair| &mut pair.1);
    /// *second = 20;
    /// drop(second);
    /// assert_eq!(*m.lock().await, (1, 20));
    /// # });
    /// ```
    pub fn map<U: ?Sized, F>(mut this: Self, f: F) -> MappedMutexGuard<'a, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        let data = f(&mut *this) as *mut U;
        let semaphore = &this.lock.semaphore;
        std::mem::forget(this);
        MappedMutexGuard {
            semaphore,
            data,
            _marker: PhantomData,
        }
    }

    /// Narrows the guard to a part of the data if `f` returns `Some`;
    /// otherwise gives the guard back.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<U: ?Sized, F>(mut this: Self, f: F) -> Result<MappedMutexGuard<'a, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        let Some(data) = f(&mut *this).map(|d| d as *mut U) else {
            return Err(this);
        };
        let semaphore = &this.lock.semaphore;
        std::mem::forget(this);
        Ok(MappedMutexGuard {
            semaphore,
            data,
            _marker: PhantomData,
        })
    }

    /// The mutex this guard locks.
    pub fn mutex(this: &Self) -> &'a Mutex<T> {
        this.lock
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        self.lock.semaphore.release(1);
    }
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard holds the mutex's only permit, so no other
        // reference to the data exists while it lives.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; `&mut self` makes this the only access.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T: ?Sized> OwnedMutexGuard<T> {
    /// Narrows the guard to a part of the data.
    pub fn map<U: ?Sized, F>(mut this: Self, f: F) -> OwnedMappedMutexGuard<T, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        let data = f(&mut *this) as *mut U;
        let lock = this.take_lock();
        OwnedMappedMutexGuard { lock, data }
    }

    /// Narrows the guard to a part of the data if `f` returns `Some`;
    /// otherwise gives the guard back.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<U: ?Sized, F>(mut this: Self, f: F) -> Result<OwnedMappedMutexGuard<T, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        let Some(data) = f(&mut *this).map(|d| d as *mut U) else {
            return Err(this);
        };
        let lock = this.take_lock();
        Ok(OwnedMappedMutexGuard { lock, data })
    }

    /// The mutex this guard locks.
    pub fn mutex(this: &Self) -> &Arc<Mutex<T>> {
        &this.lock
    }

    /// Moves the `Arc` out without running `Drop` (which would unlock).
    fn take_lock(self) -> Arc<Mutex<T>> {
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never used or dropped again, so the `Arc` is
        // moved out exactly once.
        unsafe { std::ptr::read(&this.lock) }
    }
}

impl<T: ?Sized> Drop for OwnedMutexGuard<T> {
    fn drop(&mut self) {
        self.lock.semaphore.release(1);
    }
}

impl<T: ?Sized> Deref for OwnedMutexGuard<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard holds the mutex's only permit.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized> DerefMut for OwnedMutexGuard<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the mutex's only permit, and `&mut self`
        // makes this the only access through it.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<'a, T: ?Sized> MappedMutexGuard<'a, T> {
    /// Narrows the guard further.
    pub fn map<U: ?Sized, F>(mut this: Self, f: F) -> MappedMutexGuard<'a, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        let data = f(&mut *this) as *mut U;
        let semaphore = this.semaphore;
        std::mem::forget(this);
        MappedMutexGuard {
            semaphore,
            data,
            _marker: PhantomData,
        }
    }

    /// Narrows the guard further if `f` returns `Some`.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<U: ?Sized, F>(mut this: Self, f: F) -> Result<MappedMutexGuard<'a, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        let Some(data) = f(&mut *this).map(|d| d as *mut U) else {
            return Err(this);
        };
        let semaphore = this.semaphore;
        std::mem::forget(this);
        Ok(MappedMutexGuard {
            semaphore,
            data,
            _marker: PhantomData,
        })
    }
}

impl<T: ?Sized> Drop for MappedMutexGuard<'_, T> {
    fn drop(&mut self) {
        self.semaphore.release(1);
    }
}

impl<T: ?Sized> Deref for MappedMutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: `data` points into the data of a mutex whose permit this
        // guard holds, for the guard's lifetime `'a`.
        unsafe { &*self.data }
    }
}

impl<T: ?Sized> DerefMut for MappedMutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only access.
        unsafe { &mut *self.data }
    }
}

impl<T: ?Sized, U: ?Sized> OwnedMappedMutexGuard<T, U> {
    /// Narrows the guard further.
    pub fn map<S: ?Sized, F>(mut this: Self, f: F) -> OwnedMappedMutexGuard<T, S>
    where
        F: FnOnce(&mut U) -> &mut S,
    {
        let data = f(&mut *this) as *mut S;
        let lock = this.take_lock();
        OwnedMappedMutexGuard { lock, data }
    }

    /// Narrows the guard further if `f` returns `Some`.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<S: ?Sized, F>(mut this: Self, f: F) -> Result<OwnedMappedMutexGuard<T, S>, Self>
    where
        F: FnOnce(&mut U) -> Option<&mut S>,
    {
        let Some(data) = f(&mut *this).map(|d| d as *mut S) else {
            return Err(this);
        };
        let lock = this.take_lock();
        Ok(OwnedMappedMutexGuard { lock, data })
    }

    /// The mutex this guard locks.
    pub fn mutex(this: &Self) -> &Arc<Mutex<T>> {
        &this.lock
    }

    fn take_lock(self) -> Arc<Mutex<T>> {
        let this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never used or dropped again, so the `Arc` is
        // moved out exactly once.
        unsafe { std::ptr::read(&this.lock) }
    }
}

impl<T: ?Sized, U: ?Sized> Drop for OwnedMappedMutexGuard<T, U> {
    fn drop(&mut self) {
        self.lock.semaphore.release(1);
    }
}

impl<T: ?Sized, U: ?Sized> Deref for OwnedMappedMutexGuard<T, U> {
    type Target = U;

    fn deref(&self) -> &U {
        // SAFETY: `data` points into the data of the mutex kept alive by
        // `lock`, whose permit this guard holds.
        unsafe { &*self.data }
    }
}

impl<T: ?Sized, U: ?Sized> DerefMut for OwnedMappedMutexGuard<T, U> {
    fn deref_mut(&mut self) -> &mut U {
        // SAFETY: as in `deref`, and `&mut self` makes this the only access.
        unsafe { &mut *self.data }
    }
}

macro_rules! fmt_guard {
    ($($name:ident<$($lt:lifetime,)? $($g:ident),+> => $target:ident;)*) => {$(
        impl<$($lt,)? $($g: ?Sized),+> fmt::Debug for $name<$($lt,)? $($g),+>
        where
            $target: fmt::Debug,
        {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&**self, f)
            }
        }

        impl<$($lt,)? $($g: ?Sized),+> fmt::Display for $name<$($lt,)? $($g),+>
        where
            $target: fmt::Display,
        {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&**self, f)
            }
        }
    )*};
}

fmt_guard! {
    MutexGuard<'a, T> => T;
    OwnedMutexGuard<T> => T;
    MappedMutexGuard<'a, T> => T;
    OwnedMappedMutexGuard<T, U> => U;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    #[test]
    fn guards_give_exclusive_access_and_unlock() {
        let m = Arc::new(Mutex::new(vec![1, 2, 3]));
        {
            let mut g = m.try_lock().unwrap();
            g.push(4);
            assert!(m.try_lock().is_err());
        }
        {
            let g = m.clone().try_lock_owned().unwrap();
            let mut mapped = OwnedMutexGuard::map(g, |v| &mut v[0]);
            *mapped = 10;
            assert!(m.try_lock().is_err());
        }
        {
            let g = m.try_lock().unwrap();
            let g = MutexGuard::try_map(g, |v| v.get_mut(9)).unwrap_err();
            let mut mapped = MutexGuard::map(g, |v| &mut v[1]);
            *mapped += 1;
            let mapped = MappedMutexGuard::map(mapped, |x| x);
            assert_eq!(*mapped, 3);
        }
        assert_eq!(*m.try_lock().unwrap(), [10, 3, 3, 4]);
    }

    #[test]
    fn waiter_gets_lock_on_release() {
        let m = Mutex::new(0u32);
        {
            let g = m.try_lock().unwrap();
            let mut lock = pin!(m.lock());
            let mut cx = Context::from_waker(Waker::noop());
            assert!(lock.as_mut().poll(&mut cx).is_pending());
            drop(g);
            let Poll::Ready(mut g) = lock.as_mut().poll(&mut cx) else {
                panic!("lock not handed over");
            };
            *g += 1;
        }
        assert_eq!(m.into_inner(), 1);
    }

    #[test]
    fn unsized_data() {
        let m: Arc<Mutex<[u8]>> = Arc::new(Mutex::new([1, 2, 3]));
        m.try_lock().unwrap()[0] = 9;
        let owned = m.clone().try_lock_owned().unwrap();
        let last = OwnedMutexGuard::map(owned, |s| &mut s[2]);
        let last = OwnedMappedMutexGuard::map(last, |x| x);
        assert_eq!(*last, 3);
        drop(last);
        assert_eq!(&*m.try_lock().unwrap(), &[9, 2, 3]);
    }
}
