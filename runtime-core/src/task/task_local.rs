//! `task_local!`: values scoped to a future, like thread locals for tasks.
//!
//! The value lives in a thread-local slot only while the scoped future (or
//! closure) is being polled: [`TaskLocalFuture`] swaps it in before each
//! poll and out after, so a task that moves between threads takes its
//! value along, and tasks interleaved on one thread never see each other's.

use std::cell::RefCell;
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::marker::PhantomPinned;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Declares task-local keys, used as `KEY.scope(value, future)` and
/// `KEY.with(|v| ...)`.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
///
/// runtime_core::task_local! {
///     static REQUEST_ID: u32;
/// }
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// rt.block_on(REQUEST_ID.scope(7, async {
///     assert_eq!(REQUEST_ID.get(), 7);
/// }));
/// assert!(REQUEST_ID.try_with(|_| ()).is_err());
/// ```
#[macro_export]
macro_rules! task_local {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty; $($rest:tt)*) => {
        $crate::__task_local_inner!($(#[$attr])* $vis $name, $t);
        $crate::task_local!($($rest)*);
    };
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty) => {
        $crate::__task_local_inner!($(#[$attr])* $vis $name, $t);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __task_local_inner {
    ($(#[$attr:meta])* $vis:vis $name:ident, $t:ty) => {
        $(#[$attr])*
        $vis static $name: $crate::task::LocalKey<$t> = {
            ::std::thread_local! {
                static __KEY: ::std::cell::RefCell<::std::option::Option<$t>> =
                    const { ::std::cell::RefCell::new(::std::option::Option::None) };
            }
            $crate::task::LocalKey { inner: __KEY }
        };
    };
}

/// A key for task-local data, declared with [`task_local!`](crate::task_local).
pub struct LocalKey<T: 'static> {
    #[doc(hidden)]
    pub inner: std::thread::LocalKey<RefCell<Option<T>>>,
}

impl<T: 'static> LocalKey<T> {
    /// Runs `future` with the key set to `value` while it is polled.
    ///
    /// # Examples
    ///
    /// ```
    /// runtime_core::task_local! { static NAME: &'static str; }
    ///
    /// # futures::executor::block_on(async {
    /// let out = NAME.scope("outer", async {
    ///     let inner = NAME.scope("inner", async { NAME.get() }).await;
    ///     (inner, NAME.get())
    /// })
    /// .await;
    /// assert_eq!(out, ("inner", "outer"));
    /// # });
    /// ```
    pub fn scope<F: Future>(&'static self, value: T, future: F) -> TaskLocalFuture<T, F> {
        TaskLocalFuture {
            local: self,
            slot: Some(value),
            future: Some(future),
            _pinned: PhantomPinned,
        }
    }

    /// Runs `f` with the key set to `value`.
    ///
    /// # Panics
    ///
    /// Panics if the key is borrowed by a `with` call on this thread (a
    /// nested `sync_scope` inside `with`).
    #[track_caller]
    pub fn sync_scope<F, R>(&'static self, value: T, f: F) -> R
    where
        F: FnOnce() -> R,
    {
        let mut slot = Some(value);
        match self.scope_inner(&mut slot, f) {
            Ok(r) => r,
            Err(e) => e.panic(),
        }
    }

    fn scope_inner<F, R>(&'static self, slot: &mut Option<T>, f: F) -> Result<R, ScopeInnerErr>
    where
        F: FnOnce() -> R,
    {
        struct Guard<'a, T: 'static> {
            local: &'static LocalKey<T>,
            slot: &'a mut Option<T>,
        }

        impl<T: 'static> Drop for Guard<'_, T> {
            fn drop(&mut self) {
                // The value is swapped back even if `f` panicked. Cannot
                // fail: the swap in succeeded, and nothing can hold a borrow
                // across this point.
                let _ = self.local.inner.try_with(|cell| {
                    if let Ok(mut r) = cell.try_borrow_mut() {
                        mem::swap(self.slot, &mut *r);
                    }
                });
            }
        }

        self.inner
            .try_with(|cell| {
                cell.try_borrow_mut()
                    .map(|mut r| mem::swap(slot, &mut *r))
                    .map_err(|_| ScopeInnerErr::BorrowError)
            })
            .map_err(|_| ScopeInnerErr::AccessError)??;

        let guard = Guard { local: self, slot };
        let res = f();
        drop(guard);
        Ok(res)
    }

    /// Runs `f` with a reference to the value.
    ///
    /// # Panics
    ///
    /// Panics if the key is not set (outside its `scope`).
    #[track_caller]
    pub fn with<F, R>(&'static self, f: F) -> R
    where
        F: FnOnce(&T) -> R,
    {
        match self.try_with(f) {
            Ok(r) => r,
            Err(_) => panic!("cannot access a task-local storage value without setting it first"),
        }
    }

    /// Runs `f` with a reference to the value, or fails if the key is not
    /// set.
    ///
    /// # Errors
    ///
    /// [`AccessError`] outside the key's scope.
    pub fn try_with<F, R>(&'static self, f: F) -> Result<R, AccessError>
    where
        F: FnOnce(&T) -> R,
    {
        let res = self.inner.try_with(|cell| {
            let borrow = cell.try_borrow().ok()?;
            borrow.as_ref().map(f)
        });
        match res {
            Ok(Some(r)) => Ok(r),
            _ => Err(AccessError { _private: () }),
        }
    }
}

impl<T: Clone + 'static> LocalKey<T> {
    /// A copy of the value.
    ///
    /// # Panics
    ///
    /// Panics if the key is not set.
    #[track_caller]
    pub fn get(&'static self) -> T {
        self.with(|v| v.clone())
    }

    /// A copy of the value, or [`AccessError`] if the key is not set here.
    ///
    /// # Errors
    ///
    /// [`AccessError`] outside a scope that set the key.
    ///
    /// # Examples
    ///
    /// ```
    /// runtime_core::task_local! {
    ///     static NUMBER: u32;
    /// }
    ///
    /// # futures::executor::block_on(async {
    /// assert!(NUMBER.try_get().is_err());
    /// NUMBER.scope(7, async { assert_eq!(NUMBER.try_get(), Ok(7)) }).await;
    /// # });
    /// ```
    pub fn try_get(&'static self) -> Result<T, AccessError> {
        self.try_with(|v| v.clone())
    }
}

impl<T: 'static> fmt::Debug for LocalKey<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("LocalKey { .. }")
    }
}

pin_project_lite::pin_project! {
    /// A future with a task-local value set while it is polled, from
    /// [`LocalKey::scope`]. The inner future is also dropped with the
    /// value set.
    pub struct TaskLocalFuture<T, F>
    where
        T: 'static,
    {
        local: &'static LocalKey<T>,
        slot: Option<T>,
        #[pin]
        future: Option<F>,
        #[pin]
        _pinned: PhantomPinned,
    }

    impl<T: 'static, F> PinnedDrop for TaskLocalFuture<T, F> {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            if this.future.is_some() {
                let mut future = this.future;
                // Drop the future inside the scope, so that its destructor
                // sees the value; if the key is unreachable (thread exiting
                // or borrowed), drop it without.
                let mut dropped = false;
                let _ = this.local.scope_inner(this.slot, || {
                    future.set(None);
                    dropped = true;
                });
                if !dropped {
                    future.set(None);
                }
            }
        }
    }
}

impl<T: 'static, F> TaskLocalFuture<T, F> {
    /// Takes the value out of the future (it is back in the future between
    /// polls). Returns `None` if it was already taken.
    pub fn take_value(self: Pin<&mut Self>) -> Option<T> {
        self.project().slot.take()
    }
}

impl<T: 'static, F: Future> Future for TaskLocalFuture<T, F> {
    type Output = F::Output;

    #[track_caller]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let mut future = this.future;
        let res = this
            .local
            .scope_inner(this.slot, || match future.as_mut().as_pin_mut() {
                Some(fut) => {
                    let res = fut.poll(cx);
                    if res.is_ready() {
                        future.set(None);
                    }
                    Some(res)
                }
                None => None,
            });
        match res {
            Ok(Some(res)) => res,
            Ok(None) => panic!("`TaskLocalFuture` polled after completion"),
            Err(err) => err.panic(),
        }
    }
}

impl<T: 'static + fmt::Debug, F> fmt::Debug for TaskLocalFuture<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskLocalFuture")
            .field("value", &self.slot)
            .finish()
    }
}

/// The key was not set: returned by [`LocalKey::try_with`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AccessError {
    _private: (),
}

impl fmt::Debug for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessError").finish()
    }
}

impl fmt::Display for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt("task-local value not set", f)
    }
}

impl Error for AccessError {}

enum ScopeInnerErr {
    BorrowError,
    AccessError,
}

impl ScopeInnerErr {
    #[track_caller]
    fn panic(&self) -> ! {
        match self {
            ScopeInnerErr::BorrowError => {
                panic!("cannot enter a task-local scope while the task-local storage is borrowed")
            }
            ScopeInnerErr::AccessError => panic!(
                "cannot enter a task-local scope during or after destruction of the underlying \
                 thread-local"
            ),
        }
    }
}
