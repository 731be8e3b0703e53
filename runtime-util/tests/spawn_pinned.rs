//! `LocalPoolHandle`: placement, loads, abort, panics and shutdown.
#![cfg(feature = "rt")]

use std::cell::RefCell;
use std::future::pending;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::thread::{self, ThreadId};
use std::time::Duration;

use runtime_core::runtime::{Builder, Handle, Runtime};
use runtime_core::sync::{Barrier, oneshot};
use runtime_core::task::{self, JoinHandle};
use runtime_util::task::LocalPoolHandle;

fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

/// Long enough never to matter when the code is right; it only turns a
/// hang into a failure.
const HANG: Duration = Duration::from_secs(60);

/// Sends on its channel when dropped: observes that a future (or whatever
/// holds it) has been dropped.
struct DropSignal(std_mpsc::Sender<()>);

impl Drop for DropSignal {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

fn drop_signal() -> (DropSignal, std_mpsc::Receiver<()>) {
    let (tx, rx) = std_mpsc::channel();
    (DropSignal(tx), rx)
}

thread_local! {
    /// Dropped, and so signalled, when the worker thread exits.
    static ON_THREAD_EXIT: RefCell<Option<DropSignal>> = const { RefCell::new(None) };
}

/// Pins to worker `idx` a task that arms `ON_THREAD_EXIT` on that worker
/// and returns the worker's thread id.
fn watch_worker_exit(
    pool: &LocalPoolHandle,
    idx: usize,
) -> (JoinHandle<ThreadId>, std_mpsc::Receiver<()>) {
    let (signal, exited) = drop_signal();
    let task = pool.spawn_pinned_by_idx(
        move || async move {
            ON_THREAD_EXIT.with(|slot| *slot.borrow_mut() = Some(signal));
            thread::current().id()
        },
        idx,
    );
    (task, exited)
}

#[test]
fn a_not_send_future_runs_on_a_worker_thread() {
    let pool = LocalPoolHandle::new(1);
    let (output, worker) = rt().block_on(async {
        pool.spawn_pinned(|| {
            let data = Rc::new(String::from("local"));
            async move {
                // spawn_local works inside, on the same worker.
                let same = Rc::clone(&data);
                let inner = task::spawn_local(async move { (same.len(), thread::current().id()) });
                let (len, inner_thread) = inner.await.unwrap();
                assert_eq!(inner_thread, thread::current().id());
                // The worker's runtime is the current one.
                let _ = Handle::current();
                (format!("{data}:{len}"), thread::current().id())
            }
        })
        .await
        .unwrap()
    });
    assert_eq!(output, "local:5");
    assert_ne!(worker, thread::current().id());
}

#[test]
#[should_panic(expected = "assertion failed: pool_size > 0")]
fn an_empty_pool_is_refused() {
    let _ = LocalPoolHandle::new(0);
}

#[test]
fn clones_share_the_pool_and_debug_names_it() {
    let pool = LocalPoolHandle::new(2);
    let clone = pool.clone();
    assert_eq!(pool.num_threads(), 2);
    assert_eq!(clone.num_threads(), 2);
    assert_eq!(format!("{pool:?}"), "LocalPoolHandle");

    let (release, wait) = oneshot::channel::<()>();
    let task = clone.spawn_pinned_by_idx(move || async move { wait.await.is_ok() }, 1);
    assert_eq!(pool.get_task_loads_for_each_worker(), [0, 1]);
    release.send(()).unwrap();
    assert!(rt().block_on(task).unwrap());
    assert_eq!(pool.get_task_loads_for_each_worker(), [0, 0]);
}

#[test]
fn spawn_pinned_picks_the_least_loaded_worker() {
    let pool = LocalPoolHandle::new(3);
    assert_eq!(pool.get_task_loads_for_each_worker(), [0, 0, 0]);

    let mut releases = Vec::new();
    let mut tasks = Vec::new();
    let expected_loads = [[1, 0, 0], [1, 1, 0], [1, 1, 1], [2, 1, 1]];
    for expected in expected_loads {
        let (release, wait) = oneshot::channel::<()>();
        releases.push(release);
        tasks.push(pool.spawn_pinned(move || async move {
            wait.await.unwrap();
            thread::current().id()
        }));
        // Counted at spawn time, on the least loaded worker (the first of
        // equals).
        assert_eq!(pool.get_task_loads_for_each_worker(), expected);
    }

    for release in releases {
        release.send(()).unwrap();
    }
    let threads: Vec<ThreadId> = rt().block_on(async {
        let mut threads = Vec::new();
        for task in tasks {
            threads.push(task.await.unwrap());
        }
        threads
    });
    // Three workers, three threads; the fourth task went back to the first.
    assert_ne!(threads[0], threads[1]);
    assert_ne!(threads[1], threads[2]);
    assert_ne!(threads[0], threads[2]);
    assert_eq!(threads[3], threads[0]);
    assert_eq!(pool.get_task_loads_for_each_worker(), [0, 0, 0]);
}

#[test]
fn spawn_pinned_by_idx_places_on_the_chosen_worker() {
    let pool = LocalPoolHandle::new(3);
    // All four tasks must be running at once for the barrier to open.
    let barrier = Arc::new(Barrier::new(4));
    let on = |idx: usize| {
        let barrier = Arc::clone(&barrier);
        pool.spawn_pinned_by_idx(
            move || async move {
                barrier.wait().await;
                thread::current().id()
            },
            idx,
        )
    };
    let first = on(1);
    let second = on(1);
    let third = on(0);
    assert_eq!(pool.get_task_loads_for_each_worker(), [1, 2, 0]);

    let (first, second, third) = rt().block_on(async {
        barrier.wait().await;
        (
            first.await.unwrap(),
            second.await.unwrap(),
            third.await.unwrap(),
        )
    });
    assert_eq!(first, second);
    assert_ne!(first, third);
    assert_eq!(pool.get_task_loads_for_each_worker(), [0, 0, 0]);
}

#[test]
#[should_panic(expected = "index out of bounds: the len is 2 but the index is 2")]
fn spawn_pinned_by_idx_refuses_an_index_out_of_range() {
    let pool = LocalPoolHandle::new(2);
    drop(pool.spawn_pinned_by_idx(|| async {}, 2));
}

#[test]
fn dropping_the_join_handle_lets_the_task_run() {
    let pool = LocalPoolHandle::new(1);
    let (tx, rx) = std_mpsc::channel();
    drop(pool.spawn_pinned(move || {
        let data = Rc::new(7);
        async move { tx.send(*data).unwrap() }
    }));
    assert_eq!(rx.recv_timeout(HANG), Ok(7));
}

#[test]
fn aborting_the_handle_cancels_the_pinned_future() {
    let pool = LocalPoolHandle::new(1);
    let rt = rt();
    let (started_tx, started) = oneshot::channel();
    let (signal, dropped) = drop_signal();
    let task = pool.spawn_pinned(move || async move {
        let _signal = signal;
        started_tx.send(()).unwrap();
        pending::<()>().await;
    });
    rt.block_on(started).unwrap();
    assert_eq!(pool.get_task_loads_for_each_worker(), [1]);

    task.abort();
    let err = rt.block_on(task).unwrap_err();
    assert!(err.is_cancelled());
    // The load is given back before the handle reports.
    assert_eq!(pool.get_task_loads_for_each_worker(), [0]);
    // The pinned future itself is dropped, on the worker.
    assert_eq!(dropped.recv_timeout(HANG), Ok(()));

    // The worker goes on serving.
    assert_eq!(rt.block_on(pool.spawn_pinned(|| async { 3 })).unwrap(), 3);
}

#[test]
fn a_task_aborted_before_it_starts_never_calls_its_closure() {
    let pool = LocalPoolHandle::new(1);
    let rt = rt();

    // Occupy the only worker's thread (blocking it on purpose), so that
    // the next task cannot start before it is aborted.
    let (blocked_tx, blocked) = std_mpsc::channel();
    let (unblock, unblock_rx) = std_mpsc::channel::<()>();
    let blocker = pool.spawn_pinned(move || async move {
        blocked_tx.send(()).unwrap();
        unblock_rx.recv().unwrap();
    });
    blocked.recv_timeout(HANG).unwrap();

    let (signal, dropped) = drop_signal();
    let (called_tx, called) = std_mpsc::channel();
    let task = pool.spawn_pinned(move || {
        called_tx.send(()).unwrap();
        async move {
            let _signal = signal;
        }
    });
    assert_eq!(pool.get_task_loads_for_each_worker(), [2]);
    task.abort();
    unblock.send(()).unwrap();

    assert!(rt.block_on(task).unwrap_err().is_cancelled());
    rt.block_on(blocker).unwrap();
    // What the closure captured is gone, and the closure never ran.
    assert_eq!(dropped.recv_timeout(HANG), Ok(()));
    assert_eq!(
        called.recv_timeout(HANG),
        Err(std_mpsc::RecvTimeoutError::Disconnected)
    );
    assert_eq!(pool.get_task_loads_for_each_worker(), [0]);
}

#[test]
fn a_task_aborted_right_after_spawning_is_dropped_unfinished() {
    let pool = LocalPoolHandle::new(1);
    let rt = rt();
    // Each round races the abort with the worker: the task may not have
    // started, have its JoinHandle in flight, or be running. Every stage
    // must end with the future dropped, unfinished.
    for _ in 0..100 {
        let (signal, dropped) = drop_signal();
        let (done_tx, done) = std_mpsc::channel();
        let task = pool.spawn_pinned(move || async move {
            let _signal = signal;
            pending::<()>().await;
            done_tx.send(()).unwrap();
        });
        task.abort();
        assert!(rt.block_on(task).unwrap_err().is_cancelled());
        assert_eq!(dropped.recv_timeout(HANG), Ok(()));
        // Disconnected, not a value: the future was dropped unfinished.
        assert_eq!(
            done.recv_timeout(HANG),
            Err(std_mpsc::RecvTimeoutError::Disconnected)
        );
    }
    assert_eq!(pool.get_task_loads_for_each_worker(), [0]);
}

#[test]
fn a_panic_in_the_future_is_a_join_error() {
    let pool = LocalPoolHandle::new(1);
    let rt = rt();
    let err = rt
        .block_on(pool.spawn_pinned(|| async {
            let local = Rc::new(());
            if Rc::strong_count(&local) == 1 {
                panic!("pinned boom");
            }
        }))
        .unwrap_err();
    assert!(err.is_panic());
    assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "pinned boom");
    assert_eq!(pool.get_task_loads_for_each_worker(), [0]);

    // The worker survives the panic.
    assert_eq!(
        rt.block_on(pool.spawn_pinned(|| async { "after" }))
            .unwrap(),
        "after"
    );
}

#[test]
fn a_panic_in_the_closure_is_a_join_error() {
    let pool = LocalPoolHandle::new(1);
    let rt = rt();
    #[allow(unreachable_code)]
    let err = rt
        .block_on(pool.spawn_pinned(|| {
            panic!("closure boom");
            async {}
        }))
        .unwrap_err();
    assert!(err.is_panic());
    assert_eq!(
        *err.into_panic().downcast::<&str>().unwrap(),
        "closure boom"
    );
    assert_eq!(pool.get_task_loads_for_each_worker(), [0]);
    assert_eq!(rt.block_on(pool.spawn_pinned(|| async { 1 })).unwrap(), 1);
}

#[test]
fn workers_exit_when_the_last_handle_is_dropped() {
    let pool = LocalPoolHandle::new(2);
    let rt = rt();
    let (first, first_exited) = watch_worker_exit(&pool, 0);
    let (second, second_exited) = watch_worker_exit(&pool, 1);
    let (first, second) = rt.block_on(async { (first.await.unwrap(), second.await.unwrap()) });
    assert_ne!(first, second);

    // A task left behind by a pinned future, never awaited.
    let (signal, leftover_dropped) = drop_signal();
    rt.block_on(pool.spawn_pinned_by_idx(
        move || async move {
            drop(task::spawn_local(async move {
                let _signal = signal;
                pending::<()>().await;
            }));
        },
        0,
    ))
    .unwrap();

    // A clone keeps the pool serving.
    let clone = pool.clone();
    drop(pool);
    assert_eq!(rt.block_on(clone.spawn_pinned(|| async { 2 })).unwrap(), 2);
    assert_eq!(first_exited.try_recv(), Err(std_mpsc::TryRecvError::Empty));

    drop(clone);
    assert_eq!(first_exited.recv_timeout(HANG), Ok(()));
    assert_eq!(second_exited.recv_timeout(HANG), Ok(()));
    assert_eq!(leftover_dropped.recv_timeout(HANG), Ok(()));
}

#[test]
fn pinned_tasks_in_flight_finish_after_the_pool_is_dropped() {
    let pool = LocalPoolHandle::new(1);
    let rt = rt();
    let (release, wait) = oneshot::channel::<u32>();
    let (armed_tx, armed) = oneshot::channel();
    let (signal, exited) = drop_signal();
    let task = pool.spawn_pinned(move || async move {
        ON_THREAD_EXIT.with(|slot| *slot.borrow_mut() = Some(signal));
        armed_tx.send(()).unwrap();
        let local = Rc::new(wait.await.unwrap());
        *local + 1
    });
    rt.block_on(armed).unwrap();

    drop(pool);
    // Dropping the pool detaches its tasks, it does not cancel them.
    release.send(41).unwrap();
    assert_eq!(rt.block_on(task).unwrap(), 42);
    // Then the worker, idle and unreachable, exits.
    assert_eq!(exited.recv_timeout(HANG), Ok(()));
}

#[test]
fn the_handle_is_send_sync_and_unpin() {
    fn send_sync_unpin<T: Send + Sync + Unpin>() {}
    send_sync_unpin::<LocalPoolHandle>();
}

#[cfg(feature = "time")]
#[test]
fn workers_have_the_time_driver_with_the_time_feature() {
    let pool = LocalPoolHandle::new(1);
    let output = rt()
        .block_on(pool.spawn_pinned(|| async {
            let local = Rc::new("slept");
            runtime_time::sleep(Duration::from_millis(1)).await;
            *local
        }))
        .unwrap();
    assert_eq!(output, "slept");
}

#[cfg(feature = "net")]
#[test]
fn workers_have_the_io_driver_with_the_net_feature() {
    use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
    use runtime_net::{TcpListener, TcpStream};

    let pool = LocalPoolHandle::new(1);
    let echoed = rt()
        .block_on(pool.spawn_pinned(|| async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let client = task::spawn_local(async move {
                let mut stream = TcpStream::connect(addr).await.unwrap();
                stream.write_all(b"ping").await.unwrap();
            });
            let (mut server, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            server.read_to_end(&mut buf).await.unwrap();
            client.await.unwrap();
            buf
        }))
        .unwrap();
    assert_eq!(echoed, b"ping");
}
