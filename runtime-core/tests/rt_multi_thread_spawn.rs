//! The multi-thread runtime runs every spawned task, from wherever it was
//! spawned, and survives tasks that panic.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use futures::channel::oneshot;
use runtime_core::runtime::{Builder, Runtime};

fn rt(workers: usize) -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(workers)
        .build()
        .unwrap()
}

#[test]
fn thousands_of_tasks_spawned_from_outside_all_complete() {
    let rt = rt(2);
    let handles: Vec<_> = (0..5_000usize)
        .map(|i| rt.spawn(async move { i }))
        .collect();
    let sum = rt.block_on(async {
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap();
        }
        sum
    });
    assert_eq!(sum, 5_000 * 4_999 / 2);
}

#[test]
fn thousands_of_tasks_spawned_from_a_worker_all_complete() {
    let rt = rt(2);
    let ran = Arc::new(AtomicUsize::new(0));
    let count = {
        let ran = ran.clone();
        rt.block_on(async move {
            runtime_core::task::spawn(async move {
                let handles: Vec<_> = (0..5_000)
                    .map(|_| {
                        let ran = ran.clone();
                        runtime_core::task::spawn(async move {
                            ran.fetch_add(1, SeqCst);
                        })
                    })
                    .collect();
                let n = handles.len();
                for handle in handles {
                    handle.await.unwrap();
                }
                n
            })
            .await
            .unwrap()
        })
    };
    assert_eq!(count, 5_000);
    assert_eq!(ran.load(SeqCst), 5_000);
}

#[test]
fn tasks_spawned_from_many_threads_through_a_handle_all_complete() {
    let rt = rt(2);
    let ran = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let handle = rt.handle().clone();
            let ran = ran.clone();
            std::thread::spawn(move || {
                (0..500)
                    .map(|_| {
                        let ran = ran.clone();
                        handle.spawn(async move {
                            ran.fetch_add(1, SeqCst);
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let handles: Vec<_> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    rt.block_on(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(ran.load(SeqCst), 2_000);
}

#[test]
fn a_chain_of_spawns_completes() {
    fn chain(left: usize, done: oneshot::Sender<usize>) {
        if left == 0 {
            done.send(1_000).unwrap();
        } else {
            runtime_core::task::spawn(async move { chain(left - 1, done) });
        }
    }
    let rt = rt(2);
    let (tx, rx) = oneshot::channel();
    rt.spawn(async move { chain(1_000, tx) });
    assert_eq!(rt.block_on(rx).unwrap(), 1_000);
}

#[test]
fn a_panicking_task_reports_the_panic_and_the_workers_keep_running() {
    let rt = rt(2);
    let err = rt.block_on(rt.spawn(async { panic!("boom") })).unwrap_err();
    assert!(err.is_panic());
    // Every worker is still alive and runs tasks.
    let handles: Vec<_> = (0..100usize)
        .map(|i| rt.spawn(async move { i * 2 }))
        .collect();
    let sum: usize = rt.block_on(async {
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap();
        }
        sum
    });
    assert_eq!(sum, 99 * 100);
}

#[test]
fn tasks_run_on_worker_threads_not_the_caller() {
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("mt-spawn-test")
        .build()
        .unwrap();
    let name = rt
        .block_on(rt.spawn(async { std::thread::current().name().map(str::to_owned) }))
        .unwrap();
    assert_eq!(name.as_deref(), Some("mt-spawn-test"));
}

#[test]
fn a_task_woken_from_a_non_runtime_thread_runs() {
    let rt = rt(2);
    let (tx, rx) = oneshot::channel::<u32>();
    let task = rt.spawn(async move { rx.await.unwrap() + 1 });
    // Give the task time to park on the channel; then wake it from a plain
    // thread (the verdict does not depend on the timing).
    let sender = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(10));
        tx.send(41).unwrap();
    });
    assert_eq!(rt.block_on(task).unwrap(), 42);
    sender.join().unwrap();
}

#[test]
fn many_tasks_woken_from_non_runtime_threads_all_run() {
    let rt = rt(2);
    let mut senders = Vec::new();
    let mut handles = Vec::new();
    for i in 0..200u32 {
        let (tx, rx) = oneshot::channel::<u32>();
        senders.push((i, tx));
        handles.push(rt.spawn(async move { rx.await.unwrap() }));
    }
    let wakers = std::thread::spawn(move || {
        for (i, tx) in senders {
            tx.send(i).unwrap();
        }
    });
    let sum: u32 = rt.block_on(async {
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap();
        }
        sum
    });
    wakers.join().unwrap();
    assert_eq!(sum, 199 * 200 / 2);
}

#[test]
fn block_on_runs_its_future_under_a_budget() {
    use std::task::Poll;
    let rt = runtime_core::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    rt.block_on(async {
        let (tx, mut rx) = runtime_core::sync::mpsc::unbounded_channel();
        for _ in 0..1_000 {
            tx.send(()).unwrap();
        }
        // Every message is ready, yet the budget runs out and a receive
        // says `Pending` before all are taken.
        std::future::poll_fn(|cx| {
            for _ in 0..1_000 {
                if rx.poll_recv(cx).is_pending() {
                    return Poll::Ready(());
                }
            }
            panic!("did not yield");
        })
        .await;
    });
}
