//! `AbortHandle`: cancel a task without owning its output.

use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};

use super::Id;
use super::raw::RawTask;

/// A handle that aborts a task, obtained from
/// [`JoinHandle::abort_handle`](super::JoinHandle::abort_handle).
///
/// Unlike a `JoinHandle`, it can be cloned, and dropping it does nothing
/// to the task.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Runtime;
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let handle = rt.spawn(std::future::pending::<()>());
/// let abort = handle.abort_handle();
/// abort.abort();
/// assert!(rt.block_on(handle).unwrap_err().is_cancelled());
/// assert!(abort.is_finished());
/// ```
pub struct AbortHandle {
    raw: RawTask,
}

// SAFETY: the handle only touches the atomic state.
unsafe impl Send for AbortHandle {}
// SAFETY: as above.
unsafe impl Sync for AbortHandle {}
impl UnwindSafe for AbortHandle {}
impl RefUnwindSafe for AbortHandle {}

impl AbortHandle {
    /// Takes over a reference already counted.
    pub(crate) fn new(raw: RawTask) -> AbortHandle {
        AbortHandle { raw }
    }

    /// Aborts the task; see [`JoinHandle::abort`](super::JoinHandle::abort).
    pub fn abort(&self) {
        self.raw.remote_abort();
    }

    /// Whether the task has finished.
    pub fn is_finished(&self) -> bool {
        self.raw.is_complete()
    }

    /// The task's id.
    pub fn id(&self) -> Id {
        self.raw.id()
    }
}

impl Clone for AbortHandle {
    fn clone(&self) -> AbortHandle {
        self.raw.ref_inc();
        AbortHandle { raw: self.raw }
    }
}

impl Drop for AbortHandle {
    fn drop(&mut self) {
        self.raw.drop_reference();
    }
}

impl fmt::Debug for AbortHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AbortHandle")
            .field("id", &self.id())
            .finish()
    }
}
