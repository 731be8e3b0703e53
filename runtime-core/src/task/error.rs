//! `JoinError`: why a task did not produce its output.

use std::any::Any;
use std::fmt;
use std::io;

use super::Id;

/// A task failed to complete: it was cancelled (aborted, or its runtime
/// shut down), or it panicked.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Runtime;
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let err = rt
///     .block_on(rt.spawn(async { panic!("boom") }))
///     .unwrap_err();
/// assert!(err.is_panic());
/// assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "boom");
/// ```
pub struct JoinError {
    repr: Repr,
    id: Id,
}

enum Repr {
    Cancelled,
    Panic(SyncWrapper),
}

/// Makes the `Send` panic payload `Sync` by never handing out `&` to an
/// arbitrary payload: only owned access, and shared access to payload types
/// that are themselves `Sync` (`&str`, `String`).
struct SyncWrapper(Box<dyn Any + Send + 'static>);

// SAFETY: no `&self` method gives access to the payload except as a type that
// is itself `Sync` (see `as_str`).
unsafe impl Sync for SyncWrapper {}

impl SyncWrapper {
    fn as_str(&self) -> Option<&str> {
        // `&str` and `String` are `Sync`, so sharing them is sound.
        if let Some(s) = self.0.downcast_ref::<&'static str>() {
            Some(s)
        } else {
            self.0.downcast_ref::<String>().map(String::as_str)
        }
    }
}

impl JoinError {
    pub(crate) fn cancelled(id: Id) -> JoinError {
        JoinError {
            repr: Repr::Cancelled,
            id,
        }
    }

    pub(crate) fn panic(id: Id, payload: Box<dyn Any + Send + 'static>) -> JoinError {
        JoinError {
            repr: Repr::Panic(SyncWrapper(payload)),
            id,
        }
    }

    /// Whether the task was cancelled.
    pub fn is_cancelled(&self) -> bool {
        matches!(self.repr, Repr::Cancelled)
    }

    /// Whether the task panicked.
    pub fn is_panic(&self) -> bool {
        matches!(self.repr, Repr::Panic(_))
    }

    /// The panic payload, to resume the panic with
    /// [`std::panic::resume_unwind`].
    ///
    /// # Panics
    ///
    /// Panics if the error is not a panic (see [`try_into_panic`]).
    ///
    /// [`try_into_panic`]: JoinError::try_into_panic
    #[track_caller]
    pub fn into_panic(self) -> Box<dyn Any + Send + 'static> {
        self.try_into_panic()
            .expect("`JoinError` reason is not a panic.")
    }

    /// The panic payload, or the error back if it is not a panic.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let err = rt.block_on(rt.spawn(async { panic!("boom") })).unwrap_err();
    /// let payload = err.try_into_panic().unwrap();
    /// assert_eq!(*payload.downcast::<&str>().unwrap(), "boom");
    /// ```
    pub fn try_into_panic(self) -> Result<Box<dyn Any + Send + 'static>, JoinError> {
        match self.repr {
            Repr::Panic(payload) => Ok(payload.0),
            _ => Err(self),
        }
    }

    /// The id of the task that failed.
    pub fn id(&self) -> Id {
        self.id
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => write!(f, "task {} was cancelled", self.id),
            Repr::Panic(payload) => match payload.as_str() {
                Some(msg) => write!(f, "task {} panicked with message {:?}", self.id, msg),
                None => write!(f, "task {} panicked", self.id),
            },
        }
    }
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Cancelled => write!(f, "JoinError::Cancelled({:?})", self.id),
            Repr::Panic(payload) => match payload.as_str() {
                Some(msg) => write!(f, "JoinError::Panic({:?}, {:?}, ...)", self.id, msg),
                None => write!(f, "JoinError::Panic({:?}, ...)", self.id),
            },
        }
    }
}

impl std::error::Error for JoinError {}

impl From<JoinError> for io::Error {
    fn from(err: JoinError) -> io::Error {
        io::Error::other(match err.repr {
            Repr::Cancelled => "task was cancelled",
            Repr::Panic(_) => "task panicked",
        })
    }
}
