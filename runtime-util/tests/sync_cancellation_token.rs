//! `CancellationToken`: propagation, waking, cancel safety, drop guards.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use runtime_test::task;
use runtime_util::sync::{CancellationToken, WaitForCancellationFuture};

#[test]
fn new_token_is_not_cancelled_and_cancel_is_idempotent() {
    let token = CancellationToken::new();
    assert!(!token.is_cancelled());
    token.cancel();
    assert!(token.is_cancelled());
    token.cancel();
    assert!(token.is_cancelled());
    assert!(!CancellationToken::default().is_cancelled());
}

#[test]
fn clones_share_state() {
    let a = CancellationToken::new();
    let b = a.clone();
    b.cancel();
    assert!(a.is_cancelled());
}

#[test]
fn cancelled_wakes_waiter_once() {
    let token = CancellationToken::new();
    let mut wait = task::spawn(token.cancelled());
    assert_eq!(wait.poll(), Poll::Pending);
    assert_eq!(wait.poll(), Poll::Pending);
    assert!(!wait.is_woken());
    token.cancel();
    assert!(wait.is_woken());
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn cancelled_created_after_cancel_is_ready_at_once() {
    let token = CancellationToken::new();
    token.cancel();
    let mut wait = task::spawn(token.cancelled());
    assert_eq!(wait.poll(), Poll::Ready(()));
    let mut owned = task::spawn(token.clone().cancelled_owned());
    assert_eq!(owned.poll(), Poll::Ready(()));
}

#[test]
fn cancelled_created_before_cancel_but_never_polled_completes() {
    let token = CancellationToken::new();
    let mut wait = task::spawn(token.cancelled());
    token.cancel();
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn cancelled_owned_wakes() {
    let token = CancellationToken::new();
    let mut wait = task::spawn(token.clone().cancelled_owned());
    assert_eq!(wait.poll(), Poll::Pending);
    token.cancel();
    assert!(wait.is_woken());
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn every_waiter_is_woken() {
    let token = CancellationToken::new();
    let mut waits: Vec<_> = (0..5).map(|_| task::spawn(token.cancelled())).collect();
    for w in &mut waits {
        assert_eq!(w.poll(), Poll::Pending);
    }
    token.cancel();
    for w in &mut waits {
        assert!(w.is_woken());
        assert_eq!(w.poll(), Poll::Ready(()));
    }
}

#[test]
fn dropping_a_pending_wait_loses_nothing() {
    let token = CancellationToken::new();
    let mut dropped = task::spawn(token.cancelled());
    assert_eq!(dropped.poll(), Poll::Pending);
    drop(dropped);
    let mut kept = task::spawn(token.cancelled());
    assert_eq!(kept.poll(), Poll::Pending);
    token.cancel();
    assert!(kept.is_woken());
    assert_eq!(kept.poll(), Poll::Ready(()));
}

#[test]
fn parent_cancel_reaches_children_and_grandchildren() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    let grandchild = child.child_token();
    let mut wait_child = task::spawn(child.cancelled());
    let mut wait_grandchild = task::spawn(grandchild.cancelled());
    assert_eq!(wait_child.poll(), Poll::Pending);
    assert_eq!(wait_grandchild.poll(), Poll::Pending);

    parent.cancel();
    assert!(child.is_cancelled());
    assert!(grandchild.is_cancelled());
    assert!(wait_child.is_woken());
    assert!(wait_grandchild.is_woken());
    assert_eq!(wait_child.poll(), Poll::Ready(()));
    assert_eq!(wait_grandchild.poll(), Poll::Ready(()));
}

#[test]
fn child_cancel_does_not_reach_parent_or_siblings() {
    let parent = CancellationToken::new();
    let a = parent.child_token();
    let b = parent.child_token();
    let a_child = a.child_token();
    a.cancel();
    assert!(a.is_cancelled());
    assert!(a_child.is_cancelled());
    assert!(!parent.is_cancelled());
    assert!(!b.is_cancelled());
}

#[test]
fn dropping_child_never_cancels_parent() {
    let parent = CancellationToken::new();
    let mut wait = task::spawn(parent.cancelled());
    assert_eq!(wait.poll(), Poll::Pending);
    let child = parent.child_token();
    let grandchild = child.child_token();
    drop(child);
    drop(grandchild);
    assert!(!parent.is_cancelled());
    assert!(!wait.is_woken());
    assert_eq!(wait.poll(), Poll::Pending);
}

#[test]
fn grandchild_still_follows_root_after_middle_is_dropped() {
    let root = CancellationToken::new();
    let middle = root.child_token();
    let leaf = middle.child_token();
    drop(middle);
    let mut wait = task::spawn(leaf.cancelled());
    assert_eq!(wait.poll(), Poll::Pending);
    root.cancel();
    assert!(leaf.is_cancelled());
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn child_of_cancelled_token_is_cancelled() {
    let parent = CancellationToken::new();
    parent.cancel();
    let child = parent.child_token();
    assert!(child.is_cancelled());
    assert!(child.child_token().is_cancelled());
}

#[test]
fn dropping_root_leaves_children_usable() {
    let root = CancellationToken::new();
    let child = root.child_token();
    drop(root);
    assert!(!child.is_cancelled());
    let grandchild = child.child_token();
    child.cancel();
    assert!(grandchild.is_cancelled());
}

#[test]
fn deep_chain_cancels_without_recursion() {
    let root = CancellationToken::new();
    let mut tokens = vec![root.clone()];
    for _ in 0..20_000 {
        let next = tokens.last().unwrap().child_token();
        tokens.push(next);
    }
    root.cancel();
    assert!(tokens.iter().all(CancellationToken::is_cancelled));
}

#[test]
fn run_until_cancelled_returns_output_or_none() {
    let token = CancellationToken::new();
    let mut run = task::spawn(token.run_until_cancelled(async { 5 }));
    assert_eq!(run.poll(), Poll::Ready(Some(5)));

    let (tx, rx) = futures::channel::oneshot::channel::<u8>();
    let mut run = task::spawn(token.run_until_cancelled(rx));
    assert_eq!(run.poll(), Poll::Pending);
    token.cancel();
    assert!(run.is_woken());
    assert_eq!(run.poll(), Poll::Ready(None));
    drop(run);
    // The inner future was dropped with the race.
    assert!(tx.is_canceled());
}

#[test]
fn run_until_cancelled_checks_cancellation_first() {
    let token = CancellationToken::new();
    token.cancel();
    let mut polled = false;
    let fut = std::future::poll_fn(|_| {
        polled = true;
        Poll::Ready(1)
    });
    let mut run = task::spawn(token.run_until_cancelled(fut));
    assert_eq!(run.poll(), Poll::Ready(None));
    drop(run);
    assert!(!polled);
}

#[test]
fn run_until_cancelled_prefers_completion_once_started() {
    // Cancelled between two polls while the future becomes ready: the
    // future is polled first, so its output wins (tokio-util 0.7.20's
    // documented fairness).
    let token = CancellationToken::new();
    let mut polls = 0;
    let fut = std::future::poll_fn(|cx| {
        polls += 1;
        if polls == 2 {
            Poll::Ready("done")
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    });
    let mut run = task::spawn(token.run_until_cancelled(fut));
    assert_eq!(run.poll(), Poll::Pending);
    token.cancel();
    assert_eq!(run.poll(), Poll::Ready(Some("done")));

    // The already-cancelled check happens at the first poll, not when the
    // future is created.
    let token = CancellationToken::new();
    let mut run = task::spawn(token.clone().run_until_cancelled_owned(async { 1 }));
    token.cancel();
    assert_eq!(run.poll(), Poll::Ready(None));
}

#[test]
fn run_until_cancelled_owned_is_static() {
    fn assert_static<T: Send + 'static>(_: &T) {}
    let token = CancellationToken::new();
    let fut = token.clone().run_until_cancelled_owned(async { "done" });
    assert_static(&fut);
    let mut run = task::spawn(fut);
    assert_eq!(run.poll(), Poll::Ready(Some("done")));

    let mut run = task::spawn(
        token
            .clone()
            .run_until_cancelled_owned(std::future::pending::<()>()),
    );
    assert_eq!(run.poll(), Poll::Pending);
    token.cancel();
    assert_eq!(run.poll(), Poll::Ready(None));
}

#[test]
fn drop_guard_cancels_and_disarm_does_not() {
    let token = CancellationToken::new();
    let guard = token.clone().drop_guard();
    let disarmed = guard.disarm();
    assert!(!token.is_cancelled());
    drop(disarmed);
    assert!(!token.is_cancelled());

    let guard = token.child_token().drop_guard();
    let child_view = token.clone();
    drop(guard);
    assert!(!child_view.is_cancelled());

    let guard = token.clone().drop_guard();
    drop(guard);
    assert!(token.is_cancelled());
}

#[test]
fn wait_future_across_threads_on_runtime() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let token = CancellationToken::new();
    let child = token.child_token();
    let out = rt.block_on(async move {
        let waiter = runtime_core::task::spawn(async move {
            child.cancelled().await;
            "child saw it"
        });
        let t = std::thread::spawn(move || token.cancel());
        let out = waiter.await.unwrap();
        t.join().unwrap();
        out
    });
    assert_eq!(out, "child saw it");
}

#[test]
fn futures_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<CancellationToken>();
    assert_send_sync::<WaitForCancellationFuture<'static>>();
    assert_send_sync::<runtime_util::sync::WaitForCancellationFutureOwned>();
    assert_send_sync::<runtime_util::sync::DropGuard>();
    assert_send_sync::<runtime_util::sync::DropGuardRef<'static>>();
    let token = CancellationToken::new();
    let fut: Pin<Box<dyn Future<Output = ()> + Send>> = Box::pin(token.clone().cancelled_owned());
    drop(fut);
    assert_eq!(
        format!("{token:?}"),
        "CancellationToken { is_cancelled: false }"
    );
}

#[test]
fn children_are_cancelled_by_the_time_the_parent_is() {
    let parent = CancellationToken::new();
    let children: Vec<_> = (0..4).map(|_| parent.child_token()).collect();
    let grandchildren: Vec<_> = children.iter().map(|c| c.child_token()).collect();
    let observer = std::thread::spawn({
        let parent = parent.clone();
        let all: Vec<_> = children.iter().chain(&grandchildren).cloned().collect();
        move || {
            while !parent.is_cancelled() {
                std::thread::yield_now();
            }
            all.iter().filter(|t| t.is_cancelled()).count()
        }
    });
    parent.cancel();
    assert_eq!(observer.join().unwrap(), 8);
}

#[test]
fn drop_guard_ref_cancels_and_disarm_does_not() {
    let token = CancellationToken::new();
    let child = token.child_token();
    {
        let guard = child.drop_guard_ref();
        let back: &CancellationToken = guard.disarm();
        assert!(!back.is_cancelled());
    }
    assert!(!child.is_cancelled());
    {
        let _guard = child.drop_guard_ref();
    }
    assert!(child.is_cancelled());
    assert!(!token.is_cancelled());
    let guard = token.drop_guard_ref();
    assert_eq!(
        format!("{guard:?}"),
        "DropGuardRef { inner: Some(CancellationToken { is_cancelled: false }) }"
    );
    drop(guard);
    assert!(token.is_cancelled());
}

#[test]
fn token_is_unwind_safe() {
    let token = CancellationToken::new();
    let result = std::panic::catch_unwind(|| {
        token.cancel();
        panic!("after cancel");
    });
    assert!(result.is_err());
    assert!(token.is_cancelled());
}

#[test]
// The hash is the token's identity, which never changes, not its state.
#[allow(clippy::mutable_key_type)]
fn clones_are_equal_and_hash_alike_children_and_others_are_not() {
    use std::collections::HashSet;

    let token = CancellationToken::new();
    let clone = token.clone();
    let child = token.child_token();
    let other = CancellationToken::new();
    assert_eq!(token, clone);
    assert_ne!(token, child);
    assert_ne!(token, other);
    assert_eq!(child, child.clone());

    let set: HashSet<CancellationToken> =
        [token, clone, child.clone(), other].into_iter().collect();
    assert_eq!(set.len(), 3);
    assert!(set.contains(&child));
}

#[test]
fn wakers_run_after_cancel_releases_its_locks() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, mpsc};
    use std::task::{Context, Wake, Waker};
    use std::time::Duration;

    // A waker that uses the tree: makes child tokens of the root and of
    // the cancelled token, and checks they are born cancelled.
    struct UsesTree {
        root: CancellationToken,
        woken: AtomicUsize,
    }
    impl Wake for UsesTree {
        fn wake(self: Arc<Self>) {
            assert!(self.root.child_token().is_cancelled());
            assert!(self.root.is_cancelled());
            self.woken.fetch_add(1, Ordering::SeqCst);
        }
    }

    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let root = CancellationToken::new();
        let child = root.child_token();
        let grandchild = child.child_token();
        let state = Arc::new(UsesTree {
            root: root.clone(),
            woken: AtomicUsize::new(0),
        });
        let waker = Waker::from(state.clone());
        let mut cx = Context::from_waker(&waker);
        let mut futs = [
            Box::pin(root.cancelled()),
            Box::pin(child.cancelled()),
            Box::pin(grandchild.cancelled()),
        ];
        for fut in &mut futs {
            assert!(fut.as_mut().poll(&mut cx).is_pending());
        }
        drop(waker);
        root.cancel();
        done_tx.send(state.woken.load(Ordering::SeqCst)).unwrap();
    });
    // A deadlock would leave the thread stuck: fail instead of hanging.
    let woken = done_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("cancel deadlocked in a waker");
    assert_eq!(woken, 3);
}
