//! [`DropGuard`]: cancels a [`CancellationToken`] when it goes out of scope.

use crate::sync::CancellationToken;

/// Cancels the wrapped [`CancellationToken`] when dropped, unless
/// [`disarm`](Self::disarm)ed.
///
/// Made by [`CancellationToken::drop_guard`].
///
/// # Examples
///
/// ```
/// use runtime_util::sync::CancellationToken;
///
/// let token = CancellationToken::new();
/// let guard = token.clone().drop_guard();
/// let kept = guard.disarm();
/// assert!(!token.is_cancelled());
/// drop(kept);
/// assert!(!token.is_cancelled());
/// ```
#[derive(Debug)]
#[must_use = "the token is cancelled as soon as the guard is dropped"]
pub struct DropGuard {
    inner: Option<CancellationToken>,
}

impl DropGuard {
    pub(crate) fn new(token: CancellationToken) -> DropGuard {
        DropGuard { inner: Some(token) }
    }

    /// Returns the token without cancelling it.
    pub fn disarm(mut self) -> CancellationToken {
        self.inner
            .take()
            .expect("the token is present until the guard is dropped or disarmed")
    }
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Some(token) = &self.inner {
            token.cancel();
        }
    }
}
