//! Task handles that abort their task when dropped: [`AbortOnDropHandle`]
//! (a [`JoinHandle`] that can still be awaited) and [`AbortOnDrop`] (an
//! [`AbortHandle`]).
//!
//! A plain `JoinHandle` detaches its task when dropped; these tie the task's
//! life to the handle instead, for tasks that only make sense while their
//! owner exists. `detach` gives the plain handle back.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use runtime_core::task::{AbortHandle, JoinError, JoinHandle};

/// A [`JoinHandle`] that aborts its task when dropped.
///
/// Awaiting it gives the task's result, as awaiting the `JoinHandle` would.
///
/// # Examples
///
/// ```
/// use runtime_util::task::AbortOnDropHandle;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let handle = AbortOnDropHandle::new(runtime_core::task::spawn(async { 7 }));
/// assert_eq!(handle.await.unwrap(), 7);
///
/// let never = AbortOnDropHandle::new(runtime_core::task::spawn(std::future::pending::<()>()));
/// let abort = never.abort_handle();
/// drop(never);
/// runtime_core::task::yield_now().await;
/// assert!(abort.is_finished());
/// # });
/// ```
#[must_use = "Dropping the handle aborts the task immediately"]
pub struct AbortOnDropHandle<T> {
    /// `None` only after `detach` took it, on the way out.
    handle: Option<JoinHandle<T>>,
}

impl<T> AbortOnDropHandle<T> {
    /// Wraps `handle`: its task is aborted when the wrapper is dropped.
    pub fn new(handle: JoinHandle<T>) -> Self {
        AbortOnDropHandle {
            handle: Some(handle),
        }
    }

    fn inner(&self) -> &JoinHandle<T> {
        self.handle.as_ref().expect("present until detached")
    }

    /// Aborts the task now (see [`JoinHandle::abort`]).
    pub fn abort(&self) {
        self.inner().abort();
    }

    /// Whether the task has finished (completed, panicked or aborted).
    pub fn is_finished(&self) -> bool {
        self.inner().is_finished()
    }

    /// An [`AbortHandle`] for the task. It does not abort on drop.
    pub fn abort_handle(&self) -> AbortHandle {
        self.inner().abort_handle()
    }

    /// Returns the plain [`JoinHandle`]; the task is no longer aborted when
    /// a handle is dropped.
    pub fn detach(mut self) -> JoinHandle<T> {
        self.handle.take().expect("present until detached")
    }
}

impl<T> Drop for AbortOnDropHandle<T> {
    fn drop(&mut self) {
        if let Some(handle) = &self.handle {
            handle.abort();
        }
    }
}

impl<T> fmt::Debug for AbortOnDropHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AbortOnDropHandle")
            .field("id", &self.inner().id())
            .finish()
    }
}

impl<T> Future for AbortOnDropHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let handle = self.handle.as_mut().expect("present until detached");
        Pin::new(handle).poll(cx)
    }
}

impl<T> AsRef<JoinHandle<T>> for AbortOnDropHandle<T> {
    fn as_ref(&self) -> &JoinHandle<T> {
        self.inner()
    }
}

/// An [`AbortHandle`] that aborts its task when dropped.
#[must_use = "Dropping the handle aborts the task immediately"]
pub struct AbortOnDrop {
    /// `None` only after `detach` took it, on the way out.
    handle: Option<AbortHandle>,
}

impl AbortOnDrop {
    /// Wraps `handle`: its task is aborted when the wrapper is dropped.
    pub fn new(handle: AbortHandle) -> Self {
        AbortOnDrop {
            handle: Some(handle),
        }
    }

    fn inner(&self) -> &AbortHandle {
        self.handle.as_ref().expect("present until detached")
    }

    /// Aborts the task now (see [`AbortHandle::abort`]).
    pub fn abort(&self) {
        self.inner().abort();
    }

    /// Whether the task has finished (completed, panicked or aborted).
    pub fn is_finished(&self) -> bool {
        self.inner().is_finished()
    }

    /// Returns the plain [`AbortHandle`]; the task is no longer aborted
    /// when a handle is dropped.
    pub fn detach(mut self) -> AbortHandle {
        self.handle.take().expect("present until detached")
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(handle) = &self.handle {
            handle.abort();
        }
    }
}

impl fmt::Debug for AbortOnDrop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AbortOnDrop")
            .field("id", &self.inner().id())
            .finish()
    }
}
