//! Task ids.

use std::fmt;
use std::num::NonZeroU64;
use std::sync::atomic::{AtomicU64, Ordering};

/// An opaque id that is unique among all tasks of the process while they
/// are alive.
///
/// Ids are never reused within a process in practice (a 64-bit counter).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Runtime;
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let handle = rt.spawn(async { runtime_core::task::id() });
/// let id = handle.id();
/// assert_eq!(rt.block_on(handle).unwrap(), id);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(NonZeroU64);

/// The id counter. A plain std atomic even under loom: it is not a
/// synchronisation point, and loom atomics cannot be statics.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Id {
    pub(crate) fn next() -> Id {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Id(NonZeroU64::new(id).expect("task id counter overflowed"))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0)
    }
}

/// The id of the task currently running.
///
/// # Panics
///
/// Panics when called from outside a task; see [`try_id`].
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Runtime;
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let handle = rt.spawn(async { runtime_core::task::id() });
/// let expected = handle.id();
/// assert_eq!(rt.block_on(handle).unwrap(), expected);
/// ```
#[track_caller]
pub fn id() -> Id {
    try_id().expect("can't get a task id when not inside a task")
}

/// The id of the task currently running, or `None` outside a task.
///
/// # Examples
///
/// ```
/// assert!(runtime_core::task::try_id().is_none());
/// ```
pub fn try_id() -> Option<Id> {
    crate::runtime::context::current_task_id()
}
