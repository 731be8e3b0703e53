//! The shared tree behind [`CancellationToken`](super::CancellationToken).
//!
//! # Design
//!
//! Every token points at a [`TreeNode`]; clones share the node, children get
//! a node of their own. A node keeps its children alive (strong `Arc`s in a
//! map keyed by a per-parent number) so that cancelling walks down the tree,
//! and each child keeps its parent alive so that it can unlink itself. That
//! is a reference cycle on purpose; it is broken by handle counting: when the
//! last token of a node is dropped, the node removes itself from its parent
//! and hands its own children to that parent (or, at the root, orphans them).
//! A tree whose tokens are all gone therefore frees every node.
//!
//! Each node has its own mutex. Locks are always taken from ancestor to
//! descendant (parent, then child), which rules out deadlock. A child's
//! `parent` pointer can change under us (its parent may be dropped and hand
//! it to the new_parent), so code that needs both locks reads the parent,
//! locks parent then child, and retries if the pointer moved in between.
//!
//! Cancellation holds the cancelled node's lock while it walks the whole
//! subtree (see [`cancel`]): each descendant is marked and detached; the
//! waiters are woken through each node's [`Notify`] once the lock is
//! released. A node is detached only once it is
//! cancelled, so a cancelled node never has children; that is what lets a
//! concurrent drop re-parent children without ever handing them to a node
//! that will not cancel them.

use std::collections::HashMap;

use runtime_core::loom::sync::atomic::{AtomicBool, Ordering};
use runtime_core::loom::sync::{Arc, Mutex, MutexGuard};
use runtime_core::sync::Notify;

/// One node of the token tree.
#[derive(Debug)]
pub(crate) struct TreeNode {
    inner: Mutex<Inner>,
    /// Mirrors `Inner::is_cancelled` for lock-free reads; written only with
    /// the lock held.
    cancelled: AtomicBool,
    /// `Notify::notified_owned` takes the standard library's `Arc`, so the
    /// owned wait future can hold the `Notify` without borrowing the node.
    pub(crate) notify: std::sync::Arc<Notify>,
}

#[derive(Debug)]
struct Inner {
    parent: Option<Arc<TreeNode>>,
    /// This node's key in its parent's `children` map.
    key_in_parent: u64,
    children: HashMap<u64, Arc<TreeNode>>,
    next_key: u64,
    is_cancelled: bool,
    /// Live `CancellationToken`s pointing at this node.
    num_handles: usize,
}

impl TreeNode {
    /// A root node with one handle.
    pub(crate) fn new() -> Arc<TreeNode> {
        Arc::new(TreeNode::with_parent(None, 0, false))
    }

    fn with_parent(parent: Option<Arc<TreeNode>>, key: u64, cancelled: bool) -> TreeNode {
        TreeNode {
            inner: Mutex::new(Inner {
                parent,
                key_in_parent: key,
                children: HashMap::new(),
                next_key: 0,
                is_cancelled: cancelled,
                num_handles: 1,
            }),
            cancelled: AtomicBool::new(cancelled),
            notify: std::sync::Arc::new(Notify::new()),
        }
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Acquire)
    }
}

/// Creates a child of `parent` with one handle. A child of a cancelled node
/// is born cancelled and is not linked into the tree.
pub(crate) fn child_node(parent: &Arc<TreeNode>) -> Arc<TreeNode> {
    let mut inner = parent.inner.lock();
    if inner.is_cancelled {
        return Arc::new(TreeNode::with_parent(None, 0, true));
    }
    let key = inner.next_key;
    inner.next_key += 1;
    let child = Arc::new(TreeNode::with_parent(Some(parent.clone()), key, false));
    inner.children.insert(key, child.clone());
    child
}

/// Records one more handle to `node`.
pub(crate) fn increase_handle_refcount(node: &Arc<TreeNode>) {
    node.inner.lock().num_handles += 1;
}

/// Records that a handle to `node` is gone; the last one unlinks the node.
pub(crate) fn decrease_handle_refcount(node: &Arc<TreeNode>) {
    {
        let mut inner = node.inner.lock();
        inner.num_handles -= 1;
        if inner.num_handles > 0 {
            return;
        }
    }
    // No token points here any more, so no new child can be created under
    // this node; only cancellation and the drop of our children or parent
    // can still touch it.
    with_parent_locked(node, |parent, mut inner| {
        let children = std::mem::take(&mut inner.children);
        match parent {
            Some(mut parent_inner) => {
                let own_key = inner.key_in_parent;
                parent_inner.children.remove(&own_key);
                let new_parent = inner.parent.take();
                // Keep our own lock until every child points at its new
                // parent: a child that is being dropped concurrently locks
                // us first, and must then see that it has moved.
                for (_, child) in children {
                    let key = parent_inner.next_key;
                    parent_inner.next_key += 1;
                    {
                        let mut child_inner = child.inner.lock();
                        child_inner.parent = new_parent.clone();
                        child_inner.key_in_parent = key;
                    }
                    parent_inner.children.insert(key, child);
                }
            }
            None => {
                // A root (or an already detached node): its children become
                // roots.
                inner.parent = None;
                // As above, hold our lock while the children are detached.
                for (_, child) in children {
                    child.inner.lock().parent = None;
                }
            }
        }
    });
}

/// Runs `f` with the node's parent (if any) and the node locked, in that
/// order, retrying while the parent pointer moves.
fn with_parent_locked<R>(
    node: &Arc<TreeNode>,
    f: impl FnOnce(Option<MutexGuard<'_, Inner>>, MutexGuard<'_, Inner>) -> R,
) -> R {
    loop {
        let parent = node.inner.lock().parent.clone();
        let Some(parent) = parent else {
            let inner = node.inner.lock();
            if inner.parent.is_some() {
                // A parent cannot appear once a node is created without one,
                // but stay correct if that ever changes.
                continue;
            }
            return f(None, inner);
        };
        let parent_inner = parent.inner.lock();
        let inner = node.inner.lock();
        let same = inner
            .parent
            .as_ref()
            .is_some_and(|current| Arc::ptr_eq(current, &parent));
        if same {
            // `parent` (our clone) outlives both guards: it is dropped at
            // the end of this iteration, after `f` returns.
            return f(Some(parent_inner), inner);
        }
    }
}

/// Cancels `node` and every node below it.
///
/// The lock of `node` is held for the whole walk, so when this returns the
/// entire subtree is cancelled, and no concurrent drop can move a subtree
/// out of reach meanwhile: every descendant is, at each moment, either
/// still linked under an uncancelled node we have yet to visit, or adopted
/// by `node` (its `parent` points at `node`, whose lock we hold), or already
/// cancelled and detached. Descendants are cancelled before `node` itself,
/// and the walk uses a work list rather than recursion, so deep chains of
/// child tokens cannot overflow the stack. Waiters are woken after the lock
/// is released (descendants first, then `node`), so a waker may use any
/// token of the tree, ancestors included.
pub(crate) fn cancel(node: &Arc<TreeNode>) {
    let mut inner = node.inner.lock();
    if inner.is_cancelled {
        return;
    }
    // Oldest child first: the work list is a stack, so push newest first.
    let mut work = take_children_newest_first(&mut inner);
    // Waiters are woken only once every lock is released: a waker may run
    // code that uses the tree (say, makes a child token of an ancestor).
    let mut to_notify = Vec::new();
    while let Some(child) = work.pop() {
        let mut child_inner = child.inner.lock();
        child_inner.parent = None;
        if child_inner.is_cancelled {
            // Cancelled on its own earlier: it has no children left.
            continue;
        }
        // Adopt the grandchildren until we get to them, so that a
        // grandchild dropped meanwhile has to wait for our lock.
        let grandchildren = take_children_newest_first(&mut child_inner);
        for grandchild in &grandchildren {
            grandchild.inner.lock().parent = Some(node.clone());
        }
        work.extend(grandchildren);
        mark_cancelled(&child, &mut child_inner);
        drop(child_inner);
        to_notify.push(child);
    }
    mark_cancelled(node, &mut inner);
    drop(inner);
    for child in to_notify {
        child.notify.notify_waiters();
    }
    node.notify.notify_waiters();
}

fn mark_cancelled(node: &TreeNode, inner: &mut Inner) {
    inner.is_cancelled = true;
    node.cancelled.store(true, Ordering::Release);
}

fn take_children_newest_first(inner: &mut Inner) -> Vec<Arc<TreeNode>> {
    let mut children: Vec<(u64, Arc<TreeNode>)> =
        std::mem::take(&mut inner.children).into_iter().collect();
    children.sort_unstable_by_key(|(key, _)| std::cmp::Reverse(*key));
    children.into_iter().map(|(_, child)| child).collect()
}

#[cfg(test)]
impl TreeNode {
    /// Number of children linked under this node (for leak tests).
    pub(crate) fn num_children(&self) -> usize {
        self.inner.lock().children.len()
    }
}
