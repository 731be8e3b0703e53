//! [`FileTimes`]: the timestamps [`File::set_times`](crate::File::set_times)
//! applies.

use std::time::SystemTime;

/// Timestamps to set on a file with
/// [`File::set_times`](crate::File::set_times).
///
/// Each timestamp left unset keeps its current value.
///
/// # Examples
///
/// ```
/// use std::time::SystemTime;
/// use runtime_fs::FileTimes;
///
/// let now = SystemTime::now();
/// let times = FileTimes::new().set_accessed(now).set_modified(now);
/// # drop(times);
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a FileTimes does nothing until it is applied with `File::set_times`"]
pub struct FileTimes {
    accessed: Option<SystemTime>,
    modified: Option<SystemTime>,
}

impl FileTimes {
    /// Returns a `FileTimes` that changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the last access time.
    pub fn set_accessed(mut self, t: SystemTime) -> Self {
        self.accessed = Some(t);
        self
    }

    /// Sets the last modification time.
    pub fn set_modified(mut self, t: SystemTime) -> Self {
        self.modified = Some(t);
        self
    }

    /// The std equivalent, for the blocking call.
    pub(crate) fn into_std(self) -> std::fs::FileTimes {
        let mut times = std::fs::FileTimes::new();
        if let Some(accessed) = self.accessed {
            times = times.set_accessed(accessed);
        }
        if let Some(modified) = self.modified {
            times = times.set_modified(modified);
        }
        times
    }
}
