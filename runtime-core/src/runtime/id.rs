//! Runtime ids.

use std::fmt;
use std::num::NonZeroU64;
use std::sync::atomic::{AtomicU64, Ordering};

/// An opaque id that tells runtimes apart, from
/// [`Handle::id`](super::Handle::id).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Runtime;
///
/// let a = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let b = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// assert_ne!(a.handle().id(), b.handle().id());
/// assert_eq!(a.handle().id(), a.handle().clone().id());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(NonZeroU64);

/// Not a synchronisation point: a std atomic even under loom.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Id {
    pub(crate) fn next() -> Id {
        Id(NonZeroU64::new(NEXT_ID.fetch_add(1, Ordering::Relaxed)).expect("runtime id overflow"))
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
