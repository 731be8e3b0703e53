//! [`DropGuardRef`]: cancels a borrowed [`CancellationToken`] when it goes
//! out of scope.

use crate::sync::CancellationToken;

/// Cancels the borrowed [`CancellationToken`] when dropped, unless
/// [`disarm`](Self::disarm)ed.
///
/// Made by [`CancellationToken::drop_guard_ref`]; the borrowing twin of
/// [`DropGuard`](crate::sync::DropGuard), for when the token stays with its
/// owner.
///
/// # Examples
///
/// ```
/// use runtime_util::sync::CancellationToken;
///
/// let token = CancellationToken::new();
/// {
///     let _guard = token.drop_guard_ref();
///     assert!(!token.is_cancelled());
/// }
/// assert!(token.is_cancelled());
/// ```
#[derive(Debug)]
#[must_use = "the token is cancelled as soon as the guard is dropped"]
pub struct DropGuardRef<'a> {
    inner: Option<&'a CancellationToken>,
}

impl<'a> DropGuardRef<'a> {
    pub(crate) fn new(token: &'a CancellationToken) -> DropGuardRef<'a> {
        DropGuardRef { inner: Some(token) }
    }

    /// Returns the borrowed token without cancelling it.
    pub fn disarm(mut self) -> &'a CancellationToken {
        self.inner
            .take()
            .expect("the token is present until the guard is dropped or disarmed")
    }
}

impl Drop for DropGuardRef<'_> {
    fn drop(&mut self) {
        if let Some(token) = self.inner {
            token.cancel();
        }
    }
}
