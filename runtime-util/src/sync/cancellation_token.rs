//! [`CancellationToken`]: a cloneable, hierarchical "stop now" signal.
//!
//! Tokens share a node in a tree (see `tree_node`); clones share a node,
//! [`child_token`](CancellationToken::child_token) makes a new node below.
//! Waiting is built on [`Notify`](runtime_core::sync::Notify): a wait future
//! takes a `Notified` when it is created and checks the cancelled flag on
//! every poll, so a cancellation between the check and the registration is
//! still seen.

mod tree_node;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;
use runtime_core::loom::sync::Arc;
use runtime_core::sync::futures::{Notified, OwnedNotified};

use crate::sync::{DropGuard, DropGuardRef};
use tree_node::TreeNode;

/// A token to signal cancellation to one or many tasks.
///
/// Clones share the same state: cancelling any clone cancels them all.
/// [`child_token`](Self::child_token) creates a token that is cancelled
/// when its parent is, but whose own cancellation does not reach the parent.
/// Dropping a token never cancels anything; use
/// [`drop_guard`](Self::drop_guard) for that.
///
/// # Examples
///
/// ```
/// use runtime_util::sync::CancellationToken;
///
/// # futures::executor::block_on(async {
/// let token = CancellationToken::new();
/// let child = token.child_token();
///
/// let worker = async move {
///     child.cancelled().await;
///     "stopped"
/// };
///
/// token.cancel();
/// assert_eq!(worker.await, "stopped");
/// # });
/// ```
pub struct CancellationToken {
    node: Arc<TreeNode>,
}

impl CancellationToken {
    /// Creates a new token, not cancelled, with no parent.
    pub fn new() -> CancellationToken {
        CancellationToken {
            node: TreeNode::new(),
        }
    }

    /// Creates a token that is cancelled when this one is.
    ///
    /// Cancelling the child does not cancel this token. A child of an
    /// already cancelled token is cancelled from the start.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::CancellationToken;
    ///
    /// let parent = CancellationToken::new();
    /// let child = parent.child_token();
    /// child.cancel();
    /// assert!(!parent.is_cancelled());
    ///
    /// let other = parent.child_token();
    /// parent.cancel();
    /// assert!(other.is_cancelled());
    /// ```
    pub fn child_token(&self) -> CancellationToken {
        CancellationToken {
            node: tree_node::child_node(&self.node),
        }
    }

    /// Cancels this token and all its descendants, waking every task waiting
    /// in [`cancelled`](Self::cancelled). Cancelling again does nothing.
    ///
    /// When this returns, every descendant is cancelled too; descendants
    /// are cancelled (and their waiters woken) before this token itself.
    pub fn cancel(&self) {
        tree_node::cancel(&self.node);
    }

    /// Returns `true` if this token, or one of its ancestors, was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.node.is_cancelled()
    }

    /// Waits until the token is cancelled; completes at once if it already
    /// is.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe: dropping the future loses nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::CancellationToken;
    ///
    /// # futures::executor::block_on(async {
    /// let token = CancellationToken::new();
    /// token.cancel();
    /// token.cancelled().await;
    /// # });
    /// ```
    pub fn cancelled(&self) -> WaitForCancellationFuture<'_> {
        WaitForCancellationFuture {
            token: self,
            notified: self.node.notify.notified(),
        }
    }

    /// As [`cancelled`](Self::cancelled), but the future owns the token, so
    /// it can be moved into a `'static` task.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe.
    pub fn cancelled_owned(self) -> WaitForCancellationFutureOwned {
        let notified = self.node.notify.clone().notified_owned();
        WaitForCancellationFutureOwned {
            token: self,
            notified,
        }
    }

    /// Runs `fut` until it completes or the token is cancelled, whichever
    /// comes first: `Some(output)` in the first case, `None` in the second
    /// (`fut` is then dropped).
    ///
    /// # Fairness
    ///
    /// If the token is already cancelled when the returned future is first
    /// polled, it returns `None` without polling `fut` at all. From then on,
    /// `fut` is polled first: when it completes in the same poll in which the
    /// cancellation is seen, its output wins.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe exactly when `fut` is.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::CancellationToken;
    ///
    /// # futures::executor::block_on(async {
    /// let token = CancellationToken::new();
    /// assert_eq!(token.run_until_cancelled(async { 7 }).await, Some(7));
    /// token.cancel();
    /// assert_eq!(token.run_until_cancelled(async { 7 }).await, None);
    /// # });
    /// ```
    pub async fn run_until_cancelled<F>(&self, fut: F) -> Option<F::Output>
    where
        F: Future,
    {
        if self.is_cancelled() {
            return None;
        }
        RunUntilCancelled::new(self.cancelled(), fut).await
    }

    /// As [`run_until_cancelled`](Self::run_until_cancelled), consuming the
    /// token so the returned future is `'static` when `fut` is.
    ///
    /// Fairness and cancel safety are those of `run_until_cancelled`.
    pub async fn run_until_cancelled_owned<F>(self, fut: F) -> Option<F::Output>
    where
        F: Future,
    {
        if self.is_cancelled() {
            return None;
        }
        RunUntilCancelled::new(self.cancelled_owned(), fut).await
    }

    /// Wraps the token in a guard that cancels it when dropped, unless
    /// [`DropGuard::disarm`] is called first.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::sync::CancellationToken;
    ///
    /// let token = CancellationToken::new();
    /// let guard = token.clone().drop_guard();
    /// drop(guard);
    /// assert!(token.is_cancelled());
    /// ```
    pub fn drop_guard(self) -> DropGuard {
        DropGuard::new(self)
    }

    /// Borrows the token in a guard that cancels it when dropped, unless
    /// [`DropGuardRef::disarm`] is called first.
    pub fn drop_guard_ref(&self) -> DropGuardRef<'_> {
        DropGuardRef::new(self)
    }

    #[cfg(test)]
    pub(crate) fn num_children(&self) -> usize {
        self.node.num_children()
    }
}

impl Clone for CancellationToken {
    /// Returns a handle to the same token: cancelling either cancels both.
    fn clone(&self) -> Self {
        tree_node::increase_handle_refcount(&self.node);
        CancellationToken {
            node: self.node.clone(),
        }
    }
}

impl PartialEq for CancellationToken {
    /// Whether the two handles are the same token: clones of each other,
    /// so that cancelling one always cancels the other. A child token is
    /// never equal to its parent.
    fn eq(&self, other: &CancellationToken) -> bool {
        Arc::ptr_eq(&self.node, &other.node)
    }
}

impl Eq for CancellationToken {}

impl std::hash::Hash for CancellationToken {
    /// Hashes the identity of the token (the node clones share), consistent
    /// with `==`.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        Arc::as_ptr(&self.node).hash(state);
    }
}

impl Drop for CancellationToken {
    fn drop(&mut self) {
        tree_node::decrease_handle_refcount(&self.node);
    }
}

// The shim's locks do not poison and each node's state is consistent
// between statements, so a token stays usable after a panic caught by
// `catch_unwind`, as tokio-util's does.
impl std::panic::UnwindSafe for CancellationToken {}
impl std::panic::RefUnwindSafe for CancellationToken {}

impl Default for CancellationToken {
    fn default() -> Self {
        CancellationToken::new()
    }
}

impl fmt::Debug for CancellationToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancellationToken")
            .field("is_cancelled", &self.is_cancelled())
            .finish()
    }
}

pin_project! {
    /// The future returned by [`CancellationToken::cancelled`].
    #[must_use = "futures do nothing unless polled"]
    pub struct WaitForCancellationFuture<'a> {
        token: &'a CancellationToken,
        #[pin]
        notified: Notified<'a>,
    }
}

impl Future for WaitForCancellationFuture<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        if this.token.is_cancelled() {
            return Poll::Ready(());
        }
        // `notify_waiters` is only called by `cancel`, after the flag is
        // set, and the `Notified` was created before the check above.
        this.notified.poll(cx)
    }
}

impl fmt::Debug for WaitForCancellationFuture<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForCancellationFuture").finish()
    }
}

pin_project! {
    /// The future returned by [`CancellationToken::cancelled_owned`].
    #[must_use = "futures do nothing unless polled"]
    pub struct WaitForCancellationFutureOwned {
        token: CancellationToken,
        #[pin]
        notified: OwnedNotified,
    }
}

impl Future for WaitForCancellationFutureOwned {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        if this.token.is_cancelled() {
            return Poll::Ready(());
        }
        this.notified.poll(cx)
    }
}

impl fmt::Debug for WaitForCancellationFutureOwned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForCancellationFutureOwned").finish()
    }
}

pin_project! {
    /// Races a future against a cancellation future (`C`, one of the wait
    /// futures above), the future first: `Some(output)` as soon as `future`
    /// completes, `None` once `cancelled` does and `future` has not.
    ///
    /// The already-cancelled shortcut is the caller's: `run_until_cancelled`
    /// checks at its first poll, `FutureExt::with_cancellation_token` when it
    /// is called.
    pub(crate) struct RunUntilCancelled<C, F> {
        #[pin]
        cancelled: C,
        #[pin]
        future: F,
    }
}

impl<C, F> RunUntilCancelled<C, F> {
    pub(crate) fn new(cancelled: C, future: F) -> Self {
        RunUntilCancelled { cancelled, future }
    }
}

impl<C: Future<Output = ()>, F: Future> Future for RunUntilCancelled<C, F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.future.poll(cx) {
            return Poll::Ready(Some(output));
        }
        // Polling the wait future also registers the waker, so a later
        // cancellation wakes the task.
        match this.cancelled.poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_children_are_unlinked() {
        let parent = CancellationToken::new();
        let a = parent.child_token();
        let b = a.child_token();
        let c = b.clone();
        assert_eq!(parent.num_children(), 1);
        drop(a);
        // `b` moved up to `parent`.
        assert_eq!(parent.num_children(), 1);
        drop(b);
        assert_eq!(parent.num_children(), 1);
        drop(c);
        assert_eq!(parent.num_children(), 0);
        parent.cancel();
    }

    #[test]
    fn a_tree_of_dropped_tokens_frees_its_nodes() {
        let root = CancellationToken::new();
        let weak_probe = std::sync::Arc::downgrade(&root.node.notify);
        let child = root.child_token();
        let grandchild = child.child_token();
        let child_probe = std::sync::Arc::downgrade(&grandchild.node.notify);
        drop(root);
        drop(child);
        drop(grandchild);
        assert!(weak_probe.upgrade().is_none());
        assert!(child_probe.upgrade().is_none());
    }

    #[test]
    fn cancel_unlinks_children() {
        let parent = CancellationToken::new();
        let child = parent.child_token();
        parent.cancel();
        assert_eq!(parent.num_children(), 0);
        assert!(child.is_cancelled());
        let late = parent.child_token();
        assert!(late.is_cancelled());
        assert_eq!(parent.num_children(), 0);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_cancellation_token {
    use super::*;
    use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering};
    use runtime_core::loom::{model, thread};
    use std::task::{Wake, Waker};

    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn loom_cancel_races_cancelled_registration() {
        model(|| {
            let token = CancellationToken::new();
            let canceller = token.clone();
            let th = thread::spawn(move || canceller.cancel());

            let counter = std::sync::Arc::new(CountingWaker(AtomicUsize::new(0)));
            let waker = Waker::from(counter.clone());
            let mut cx = Context::from_waker(&waker);
            let mut fut = Box::pin(token.cancelled());
            let first = fut.as_mut().poll(&mut cx);
            th.join().unwrap();
            match first {
                Poll::Ready(()) => {}
                Poll::Pending => assert_eq!(counter.0.load(Ordering::SeqCst), 1),
            }
            assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(()));
        });
    }

    #[test]
    fn loom_cancel_races_child_creation() {
        model(|| {
            let parent = CancellationToken::new();
            let canceller = parent.clone();
            let th = thread::spawn(move || canceller.cancel());
            let child = parent.child_token();
            let grandchild = child.child_token();
            th.join().unwrap();
            assert!(child.is_cancelled());
            assert!(grandchild.is_cancelled());
            assert_eq!(parent.num_children(), 0);
        });
    }

    #[test]
    fn loom_child_drop_races_parent_drop() {
        model(|| {
            let root = CancellationToken::new();
            let middle = root.child_token();
            let leaf = middle.child_token();
            let th = thread::spawn(move || drop(leaf));
            drop(middle);
            th.join().unwrap();
            assert_eq!(root.num_children(), 0);
        });
    }

    #[test]
    fn loom_cancel_races_middle_drop() {
        model(|| {
            let root = CancellationToken::new();
            let middle = root.child_token();
            let leaf = middle.child_token();
            let canceller = root.clone();
            let th = thread::spawn(move || canceller.cancel());
            drop(middle);
            th.join().unwrap();
            assert!(leaf.is_cancelled());
            assert_eq!(root.num_children(), 0);
            assert_eq!(leaf.num_children(), 0);
        });
    }

    #[test]
    fn loom_parent_and_child_cancel_concurrently() {
        model(|| {
            let root = CancellationToken::new();
            let child = root.child_token();
            let grandchild = child.child_token();
            let child2 = child.clone();
            let th = thread::spawn(move || child2.cancel());
            root.cancel();
            th.join().unwrap();
            assert!(child.is_cancelled());
            assert!(grandchild.is_cancelled());
            assert_eq!(root.num_children(), 0);
            assert_eq!(child.num_children(), 0);
        });
    }

    #[test]
    fn loom_cancel_races_drop_of_an_inner_node_with_children() {
        model(|| {
            let root = CancellationToken::new();
            let a = root.child_token();
            let b = a.child_token();
            let c = b.child_token();
            let th = thread::spawn(move || drop(b));
            root.cancel();
            th.join().unwrap();
            assert!(a.is_cancelled());
            assert!(c.is_cancelled());
            assert_eq!(root.num_children(), 0);
            assert_eq!(a.num_children(), 0);
        });
    }
}
