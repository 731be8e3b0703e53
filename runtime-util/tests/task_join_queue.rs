//! `JoinQueue`: results in spawn order whatever the completion order, wake
//! only for the oldest task, ids, `try_*` without waker or budget effects,
//! aborts, shutdown, `join_all`, panics, local tasks, and cancel-safe
//! `join_next`.
#![cfg(feature = "rt")]

use std::cell::Cell;
use std::future::pending;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::Poll;

use runtime_core::runtime::{Builder, Runtime};
use runtime_core::sync::oneshot;
use runtime_core::task::{LocalSet, spawn, yield_now};
use runtime_test::{assert_pending, assert_ready, task};
use runtime_util::task::JoinQueue;

fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

/// Yields enough times for every runnable task to run to its next await.
async fn settle() {
    for _ in 0..8 {
        yield_now().await;
    }
}

#[test]
fn results_come_in_spawn_order_whatever_the_completion_order() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let mut senders = Vec::new();
        for i in 0..4u32 {
            let (tx, rx) = oneshot::channel::<()>();
            senders.push(tx);
            queue.spawn(async move {
                rx.await.unwrap();
                i
            });
        }
        // Finish them last to first.
        for tx in senders.into_iter().rev() {
            tx.send(()).unwrap();
            settle().await;
        }
        assert_eq!(queue.len(), 4);

        let mut order = Vec::new();
        while let Some(res) = queue.join_next().await {
            order.push(res.unwrap());
            assert_eq!(queue.len(), 4 - order.len());
        }
        assert_eq!(order, [0, 1, 2, 3]);
        assert!(queue.is_empty());
    });
}

#[test]
fn only_the_oldest_task_wakes_the_waiter() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let (first_tx, first_rx) = oneshot::channel::<()>();
        queue.spawn(async move {
            first_rx.await.unwrap();
            "first"
        });
        queue.spawn(async { "second" });

        let mut join = task::spawn(queue.join_next());
        assert_pending!(join.poll());
        // The second task finishes; the waiter waits for the first.
        settle().await;
        assert!(!join.is_woken());
        assert_pending!(join.poll());

        first_tx.send(()).unwrap();
        settle().await;
        assert!(join.is_woken());
        assert_eq!(assert_ready!(join.poll()).unwrap().unwrap(), "first");
        drop(join);

        // The second result waited in its task.
        assert_eq!(queue.try_join_next().unwrap().unwrap(), "second");
        assert!(queue.join_next().await.is_none());
    });
}

#[test]
fn ids_come_with_outputs_and_errors() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let ok = queue.spawn(async { 1 }).id();
        let bad = queue.spawn(async { panic!("boom") }).id();
        let stuck = queue.spawn(pending());
        stuck.abort();

        let (id, value) = queue.join_next_with_id().await.unwrap().unwrap();
        assert_eq!((id, value), (ok, 1));
        let err = queue.join_next_with_id().await.unwrap().unwrap_err();
        assert_eq!(err.id(), bad);
        assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "boom");
        let err = queue.join_next_with_id().await.unwrap().unwrap_err();
        assert_eq!(err.id(), stuck.id());
        assert!(err.is_cancelled());
        assert!(queue.join_next_with_id().await.is_none());
    });
}

#[test]
fn a_panic_comes_back_in_its_place() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        queue.spawn(async { 1 });
        queue.spawn(async { panic!("boom") });
        queue.spawn(async { 3 });
        assert_eq!(queue.join_next().await.unwrap().unwrap(), 1);
        assert!(queue.join_next().await.unwrap().unwrap_err().is_panic());
        assert_eq!(queue.join_next().await.unwrap().unwrap(), 3);
    });
}

#[test]
fn try_join_next_waits_for_the_oldest_task() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        assert!(queue.try_join_next().is_none());
        assert!(queue.try_join_next_with_id().is_none());

        let (tx, rx) = oneshot::channel::<()>();
        let first = queue.spawn(async move {
            rx.await.unwrap();
            1
        });
        queue.spawn(async { 2 });
        settle().await;
        // The second has finished, but the first comes first.
        assert!(queue.try_join_next().is_none());
        assert!(queue.try_join_next_with_id().is_none());
        assert_eq!(queue.len(), 2);

        tx.send(()).unwrap();
        settle().await;
        let (id, value) = queue.try_join_next_with_id().unwrap().unwrap();
        assert_eq!((id, value), (first.id(), 1));
        assert_eq!(queue.try_join_next().unwrap().unwrap(), 2);
        assert!(queue.try_join_next().is_none());
    });
}

#[test]
fn try_join_next_keeps_the_registered_waker() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let (tx, rx) = oneshot::channel::<()>();
        queue.spawn(async move {
            rx.await.unwrap();
            5
        });
        let mut waiter = task::spawn(());
        assert_pending!(waiter.enter(|cx, _| queue.poll_join_next(cx)));
        assert!(queue.try_join_next().is_none());
        assert!(queue.try_join_next_with_id().is_none());

        tx.send(()).unwrap();
        settle().await;
        assert!(waiter.is_woken());
        let res = waiter.enter(|cx, _| queue.poll_join_next_with_id(cx));
        let Poll::Ready(Some(Ok((_, value)))) = res else {
            panic!("expected the output, got {res:?}");
        };
        assert_eq!(value, 5);
        assert!(matches!(
            waiter.enter(|cx, _| queue.poll_join_next(cx)),
            Poll::Ready(None)
        ));
    });
}

#[test]
fn try_join_next_ignores_the_cooperative_budget() {
    const N: u32 = 1000;
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let done = Arc::new(AtomicU32::new(0));
        let mut ids = Vec::new();
        for i in 0..N {
            let done = Arc::clone(&done);
            let abort = queue.spawn(async move {
                done.fetch_add(1, Ordering::Relaxed);
                i
            });
            ids.push(abort.id());
        }
        while done.load(Ordering::Relaxed) < N {
            yield_now().await;
        }
        settle().await;

        // All finished: every call returns one, far past the budget.
        let mut joined = Vec::new();
        for i in 0..N {
            if i % 2 == 0 {
                assert_eq!(queue.try_join_next().unwrap().unwrap(), i);
                joined.push(ids[i as usize]);
            } else {
                let (id, value) = queue.try_join_next_with_id().unwrap().unwrap();
                assert_eq!(value, i);
                joined.push(id);
            }
        }
        assert_eq!(joined, ids);
        assert!(queue.is_empty());
    });
}

#[test]
fn an_aborted_task_comes_back_cancelled_in_its_place() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        queue.spawn(async { 1 });
        let abort = queue.spawn(pending());
        queue.spawn(async { 3 });
        abort.abort();
        assert_eq!(queue.join_next().await.unwrap().unwrap(), 1);
        assert!(queue.join_next().await.unwrap().unwrap_err().is_cancelled());
        assert_eq!(queue.join_next().await.unwrap().unwrap(), 3);
    });
}

#[test]
fn abort_all_then_join_gives_cancelled_results() {
    rt().block_on(async {
        let mut queue: JoinQueue<()> = JoinQueue::with_capacity(3);
        for _ in 0..3 {
            queue.spawn(pending());
        }
        queue.abort_all();
        assert_eq!(queue.len(), 3);
        let mut cancelled = 0;
        while let Some(res) = queue.join_next().await {
            assert!(res.unwrap_err().is_cancelled());
            cancelled += 1;
        }
        assert_eq!(cancelled, 3);
    });
}

#[test]
fn shutdown_aborts_and_reaps_everything() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let mut receivers = Vec::new();
        for _ in 0..3 {
            let (tx, rx) = oneshot::channel::<()>();
            receivers.push(rx);
            queue.spawn(async move {
                let _keep = tx;
                pending::<()>().await
            });
        }
        queue.spawn(async { panic!("ignored by shutdown") });
        queue.shutdown().await;
        assert!(queue.is_empty());
        for rx in receivers {
            assert!(rx.await.is_err());
        }
    });
}

#[test]
fn dropping_the_queue_aborts_its_tasks() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let (tx, rx) = oneshot::channel::<()>();
        queue.spawn(async move {
            let _keep = tx;
            pending::<()>().await
        });
        settle().await;
        drop(queue);
        assert!(rx.await.is_err());
    });
}

#[test]
fn detach_all_lets_the_tasks_outlive_the_queue() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let (go_tx, go_rx) = oneshot::channel::<()>();
        let (done_tx, done_rx) = oneshot::channel();
        queue.spawn(async move {
            go_rx.await.unwrap();
            done_tx.send(9).unwrap();
        });
        queue.detach_all();
        assert!(queue.is_empty());
        drop(queue);
        go_tx.send(()).unwrap();
        assert_eq!(done_rx.await.unwrap(), 9);
    });
}

#[test]
fn join_all_returns_outputs_in_spawn_order() {
    rt().block_on(async {
        let queue: JoinQueue<u32> = (0..5u32)
            .map(|i| async move {
                for _ in 0..(5 - i) {
                    yield_now().await;
                }
                i
            })
            .collect();
        assert_eq!(queue.len(), 5);
        assert_eq!(queue.join_all().await, [0, 1, 2, 3, 4]);
    });
}

#[test]
fn join_all_resumes_a_panic_and_aborts_the_rest() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let (tx, rx) = oneshot::channel::<()>();
        queue.spawn(async { panic!("boom") });
        queue.spawn(async move {
            let _keep = tx;
            pending::<()>().await
        });
        let err = spawn(queue.join_all()).await.unwrap_err();
        assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "boom");
        assert!(rx.await.is_err());
    });
}

#[test]
fn join_all_panics_on_a_cancelled_task() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        queue.spawn(pending::<()>()).abort();
        let err = spawn(queue.join_all()).await.unwrap_err();
        let message = err.into_panic().downcast::<String>().unwrap();
        assert!(message.contains("cancelled"), "{message}");
    });
}

#[test]
fn join_next_is_cancel_safe() {
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        let (tx, rx) = oneshot::channel::<u32>();
        queue.spawn(async move { rx.await.unwrap() });
        {
            let mut join = task::spawn(queue.join_next());
            assert_pending!(join.poll());
            tx.send(4).unwrap();
            settle().await;
            assert!(join.is_woken());
            // Dropped without being polled again.
        }
        assert_eq!(queue.len(), 1);
        assert_eq!(queue.join_next().await.unwrap().unwrap(), 4);
    });
}

#[test]
fn spawn_local_keeps_order_for_non_send_tasks() {
    let rt = rt();
    LocalSet::new().block_on(&rt, async {
        let mut queue = JoinQueue::new();
        let log = Rc::new(Cell::new(0));
        for i in 0..3u32 {
            let log = Rc::clone(&log);
            queue.spawn_local(async move {
                for _ in 0..(3 - i) {
                    yield_now().await;
                }
                log.set(log.get() + 1);
                i
            });
        }
        assert_eq!(queue.join_all().await, [0, 1, 2]);
        assert_eq!(log.get(), 3);
    });
}

#[test]
#[should_panic(expected = "`spawn_local` called from outside of a `task::LocalSet`")]
fn spawn_local_outside_a_local_set_panics() {
    let mut queue = JoinQueue::new();
    queue.spawn_local(async {});
}

#[test]
fn spawn_on_and_the_blocking_variants_keep_order() {
    let other = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    rt().block_on(async {
        let mut queue = JoinQueue::new();
        queue.spawn_blocking(|| {
            std::thread::yield_now();
            "blocking"
        });
        queue.spawn_on(async { "on" }, other.handle());
        queue.spawn_blocking_on(|| "blocking_on", other.handle());
        queue.spawn(async { "spawn" });
        assert_eq!(
            queue.join_all().await,
            ["blocking", "on", "blocking_on", "spawn"]
        );
    });
}

#[test]
fn debug_lists_task_ids_oldest_first() {
    struct NotDebug;
    rt().block_on(async {
        let mut queue: JoinQueue<NotDebug> = JoinQueue::default();
        assert_eq!(format!("{queue:?}"), "[]");
        let a = queue.spawn(async { NotDebug }).id();
        let b = queue.spawn(async { NotDebug }).id();
        assert_eq!(format!("{queue:?}"), format!("[{a:?}, {b:?}]"));
    });
}

#[test]
fn new_is_const() {
    const EMPTY: JoinQueue<u8> = JoinQueue::new();
    assert!(EMPTY.is_empty());
    assert_eq!(EMPTY.len(), 0);
}
