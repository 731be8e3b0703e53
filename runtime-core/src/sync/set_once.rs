//! [`SetOnce`]: a cell set at most once, that tasks can wait on until it
//! is set (an "event" carrying a value).
//!
//! A three-state atomic (`EMPTY`, `SETTING`, `SET`) decides the one writer:
//! `set` moves `EMPTY` to `SETTING` by compare-and-swap, writes the value,
//! stores `SET` with release ordering and wakes every waiter through a
//! [`Notify`]. Readers load the state with acquire ordering.

use std::fmt;
use std::mem::MaybeUninit;

use crate::loom::cell::UnsafeCell;
use crate::loom::sync::atomic::{AtomicU8, Ordering};
use crate::sync::Notify;

const EMPTY: u8 = 0;
const SETTING: u8 = 1;
const SET: u8 = 2;

/// A thread-safe cell written at most once, which tasks can
/// [`wait`](SetOnce::wait) on.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use runtime_core::sync::SetOnce;
///
/// # futures::executor::block_on(async {
/// let once = Arc::new(SetOnce::new());
/// let o2 = once.clone();
/// std::thread::spawn(move || o2.set(20).unwrap());
/// assert_eq!(*once.wait().await, 20);
/// assert!(once.set(30).is_err());
/// # });
/// ```
pub struct SetOnce<T> {
    state: AtomicU8,
    value: UnsafeCell<MaybeUninit<T>>,
    notify: Notify,
}

// SAFETY: once set, the value is shared as `&T` with any thread (`T:
// Sync`); it is moved in from the setting thread (`T: Send`).
unsafe impl<T: Sync + Send> Sync for SetOnce<T> {}
// SAFETY: moving the cell moves the `T` it may own.
unsafe impl<T: Send> Send for SetOnce<T> {}

/// [`SetOnce::set`] failed because the cell is (being) set; carries the
/// value back.
#[derive(Debug, PartialEq, Eq)]
pub struct SetOnceError<T>(pub T);

impl<T> fmt::Display for SetOnceError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SetOnceError")
    }
}

impl<T: fmt::Debug> std::error::Error for SetOnceError<T> {}

impl<T> SetOnce<T> {
    /// Creates an empty cell.
    pub fn new() -> Self {
        SetOnce {
            state: AtomicU8::new(EMPTY),
            value: UnsafeCell::new(MaybeUninit::uninit()),
            notify: Notify::new(),
        }
    }

    /// Creates an empty cell in a `const` context, for a `static`.
    #[cfg(not(runtime_loom))]
    pub const fn const_new() -> Self {
        SetOnce {
            state: AtomicU8::new(EMPTY),
            value: UnsafeCell::new(MaybeUninit::uninit()),
            notify: Notify::const_new(),
        }
    }

    /// Creates a cell holding `value` if it is `Some`.
    pub fn new_with(value: Option<T>) -> Self {
        match value {
            Some(value) => SetOnce {
                state: AtomicU8::new(SET),
                value: UnsafeCell::new(MaybeUninit::new(value)),
                notify: Notify::new(),
            },
            None => SetOnce::new(),
        }
    }

    /// Creates a cell holding `value` in a `const` context.
    #[cfg(not(runtime_loom))]
    pub const fn const_new_with(value: T) -> Self {
        SetOnce {
            state: AtomicU8::new(SET),
            value: UnsafeCell::new(MaybeUninit::new(value)),
            notify: Notify::const_new(),
        }
    }

    /// Whether the value is set.
    pub fn initialized(&self) -> bool {
        self.state.load(Ordering::Acquire) == SET
    }

    /// The value, if set.
    pub fn get(&self) -> Option<&T> {
        if self.initialized() {
            // SAFETY: `SET` was read with acquire ordering, after the writer
            // wrote the value and stored `SET` with release ordering; the
            // value is never written again.
            Some(self.value.with(|p| unsafe { (*p).assume_init_ref() }))
        } else {
            None
        }
    }

    /// Sets the value and wakes every waiter.
    ///
    /// # Errors
    ///
    /// [`SetOnceError`] carrying `value` back if the cell is set or being
    /// set.
    pub fn set(&self, value: T) -> Result<(), SetOnceError<T>> {
        if self
            .state
            .compare_exchange(EMPTY, SETTING, Ordering::Acquire, Ordering::Acquire)
            .is_err()
        {
            return Err(SetOnceError(value));
        }
        // SAFETY: the `EMPTY -> SETTING` transition makes this thread the
        // only writer, and readers do not look until `SET`.
        self.value.with_mut(|p| unsafe { (*p).write(value) });
        self.state.store(SET, Ordering::Release);
        self.notify.notify_waiters();
        Ok(())
    }

    /// Consumes the cell, returning its value if set.
    pub fn into_inner(self) -> Option<T> {
        if !self.initialized() {
            return None;
        }
        // Clear the flag first so that `Drop` does not drop the value too.
        self.state.store(EMPTY, Ordering::Relaxed);
        // SAFETY: the value was set, we own the cell, and the cleared flag
        // means nothing reads or drops it after this move.
        Some(self.value.with(|p| unsafe { (*p).assume_init_read() }))
    }

    /// Waits until the value is set and returns it.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn wait(&self) -> &T {
        loop {
            let notified = self.notify.notified();
            if let Some(v) = self.get() {
                return v;
            }
            notified.await;
        }
    }
}

impl<T> Drop for SetOnce<T> {
    fn drop(&mut self) {
        if self.initialized() {
            // SAFETY: the value is set and this is the last access to it.
            self.value.with_mut(|p| unsafe { (*p).assume_init_drop() });
        }
    }
}

impl<T> Default for SetOnce<T> {
    fn default() -> Self {
        SetOnce::new()
    }
}

impl<T> From<T> for SetOnce<T> {
    fn from(value: T) -> Self {
        SetOnce::new_with(Some(value))
    }
}

impl<T: Clone> Clone for SetOnce<T> {
    fn clone(&self) -> Self {
        SetOnce::new_with(self.get().cloned())
    }
}

impl<T: PartialEq> PartialEq for SetOnce<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl<T: Eq> Eq for SetOnce<T> {}

impl<T: fmt::Debug> fmt::Debug for SetOnce<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetOnce")
            .field("value", &self.get())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_into_inner() {
        let once = SetOnce::new();
        assert_eq!(once.get(), None);
        once.set(String::from("x")).unwrap();
        assert_eq!(
            once.set(String::from("y")),
            Err(SetOnceError(String::from("y")))
        );
        assert_eq!(once.get().map(String::as_str), Some("x"));
        assert_eq!(once.into_inner().as_deref(), Some("x"));
        assert_eq!(SetOnce::<String>::new().into_inner(), None);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_set_once {
    use super::*;
    use crate::loom::sync::Arc;
    use crate::loom::thread;

    #[test]
    fn set_races_wait() {
        loom::model(|| {
            let once = Arc::new(SetOnce::new());
            let o2 = once.clone();
            let th = thread::spawn(move || o2.set(7).unwrap());
            assert_eq!(*loom::future::block_on(once.wait()), 7);
            th.join().unwrap();
        });
    }
}
