//! `JoinHandle`: the owned permission to await a task's output.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::raw::RawTask;
use super::{AbortHandle, Id, JoinError, coop};

/// An owned permission to join a task: await it for the task's output.
///
/// Dropping a `JoinHandle` *detaches* the task: it keeps running and its
/// output is dropped when it finishes. Awaiting gives
/// `Ok(output)`, or a [`JoinError`] if the task panicked or was cancelled.
///
/// # Cancel safety
///
/// Awaiting a `JoinHandle` is cancel safe: dropping the `.await` loses
/// nothing, the output stays in the task until the handle is polled again
/// or dropped.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Runtime;
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let handle = rt.spawn(async { 1 + 1 });
/// assert_eq!(rt.block_on(handle).unwrap(), 2);
/// ```
pub struct JoinHandle<T> {
    raw: RawTask,
    _p: PhantomData<T>,
}

// SAFETY: the handle only reads the output (a `T`), which it may send to
// another thread if `T: Send`.
unsafe impl<T: Send> Send for JoinHandle<T> {}
// SAFETY: `&JoinHandle` gives no access to the output at all.
unsafe impl<T: Send> Sync for JoinHandle<T> {}

impl<T> UnwindSafe for JoinHandle<T> {}
impl<T> RefUnwindSafe for JoinHandle<T> {}
impl<T> Unpin for JoinHandle<T> {}

impl<T> JoinHandle<T> {
    /// Takes over the handle's reference, already counted.
    pub(crate) fn new(raw: RawTask) -> JoinHandle<T> {
        JoinHandle {
            raw,
            _p: PhantomData,
        }
    }

    /// Aborts the task.
    ///
    /// The task stops at its next `.await` point (or before its first
    /// poll), on its runtime; awaiting this handle then gives a cancelled
    /// [`JoinError`], unless the task finished first. Aborting a finished
    /// task does nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let handle = rt.spawn(std::future::pending::<()>());
    /// handle.abort();
    /// assert!(rt.block_on(handle).unwrap_err().is_cancelled());
    /// ```
    pub fn abort(&self) {
        self.raw.remote_abort();
    }

    /// Whether the task has finished (completed, panicked or been
    /// cancelled). Does not block.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let handle = rt.spawn(async {});
    /// assert!(!handle.is_finished()); // not polled yet
    /// rt.block_on(runtime_core::task::yield_now());
    /// assert!(handle.is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        self.raw.is_complete()
    }

    /// A handle that can abort the task without owning its output.
    pub fn abort_handle(&self) -> AbortHandle {
        self.raw.ref_inc();
        AbortHandle::new(self.raw)
    }

    /// The task's id.
    pub fn id(&self) -> Id {
        self.raw.id()
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let coop = ready!(coop::poll_proceed(cx));
        let mut ret = Poll::Pending;
        // SAFETY: `ret` has the output type of this task, and we are its
        // JoinHandle.
        unsafe {
            self.raw
                .try_read_output(&mut ret as *mut _ as *mut (), cx.waker());
        }
        if ret.is_ready() {
            coop.made_progress();
        }
        ret
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        self.raw.drop_join_handle_slow();
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("id", &self.id())
            .finish()
    }
}
