//! Fairness: no task can monopolise a worker. A `yield_now` spinner does not
//! starve a task waiting on a channel, the global queue is checked even
//! when local work never runs out, and two tasks ping-ponging through the
//! LIFO slot do not starve a third.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

use futures::channel::{mpsc, oneshot};
use futures::{SinkExt, StreamExt};
use runtime_core::runtime::{Builder, Runtime};
use runtime_core::task;

fn one_worker() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap()
}

#[test]
fn a_yield_now_spinner_does_not_starve_a_channel_waiter() {
    let rt = one_worker();
    let stop = Arc::new(AtomicBool::new(false));
    let spins = Arc::new(AtomicUsize::new(0));
    let spinner = {
        let (stop, spins) = (stop.clone(), spins.clone());
        rt.spawn(async move {
            while !stop.load(SeqCst) {
                spins.fetch_add(1, SeqCst);
                task::yield_now().await;
            }
        })
    };
    let (tx, rx) = oneshot::channel::<u32>();
    let waiter = {
        let stop = stop.clone();
        rt.spawn(async move {
            let value = rx.await.unwrap();
            stop.store(true, SeqCst);
            value
        })
    };
    // The message comes from outside the runtime, while the spinner spins.
    std::thread::spawn(move || tx.send(7).unwrap());
    assert_eq!(rt.block_on(waiter).unwrap(), 7);
    rt.block_on(spinner).unwrap();
    assert!(stop.load(SeqCst));
}

#[test]
fn remote_spawns_run_while_local_work_never_runs_out() {
    let rt = one_worker();
    let stop = Arc::new(AtomicBool::new(false));
    // Two tasks that keep waking each other through the local queue.
    for _ in 0..2 {
        let stop = stop.clone();
        rt.spawn(async move {
            while !stop.load(SeqCst) {
                task::yield_now().await;
            }
        });
    }
    // Spawned from outside: lands in the global queue.
    let remote = {
        let stop = stop.clone();
        rt.spawn(async move {
            stop.store(true, SeqCst);
            "ran"
        })
    };
    assert_eq!(rt.block_on(remote).unwrap(), "ran");
}

/// Two tasks that hand a counter back and forth forever: every send wakes
/// the other one, which the scheduler puts in the LIFO slot.
fn spawn_ping_pong(stop: Arc<AtomicBool>, exchanged: Arc<AtomicUsize>) {
    let (mut a_tx, mut a_rx) = mpsc::channel::<u64>(1);
    let (mut b_tx, mut b_rx) = mpsc::channel::<u64>(1);
    {
        let stop = stop.clone();
        let exchanged = exchanged.clone();
        task::spawn(async move {
            a_tx.send(0).await.unwrap();
            while let Some(n) = b_rx.next().await {
                exchanged.fetch_add(1, SeqCst);
                if stop.load(SeqCst) {
                    break;
                }
                if a_tx.send(n + 1).await.is_err() {
                    break;
                }
            }
        });
    }
    task::spawn(async move {
        while let Some(n) = a_rx.next().await {
            exchanged.fetch_add(1, SeqCst);
            if stop.load(SeqCst) {
                break;
            }
            if b_tx.send(n + 1).await.is_err() {
                break;
            }
        }
    });
}

fn third_task_runs_despite_ping_pong(rt: Runtime) {
    let stop = Arc::new(AtomicBool::new(false));
    let exchanged = Arc::new(AtomicUsize::new(0));
    let third_ran = rt.block_on({
        let (stop, exchanged) = (stop.clone(), exchanged.clone());
        async move {
            // Spawned from a worker so that everything stays on its queue.
            task::spawn(async move {
                spawn_ping_pong(stop.clone(), exchanged);
                let third = task::spawn(async move {
                    stop.store(true, SeqCst);
                    true
                });
                third.await.unwrap()
            })
            .await
            .unwrap()
        }
    });
    assert!(third_ran);
    assert!(stop.load(SeqCst));
}

#[test]
fn lifo_slot_ping_pong_does_not_starve_a_third_task() {
    third_task_runs_despite_ping_pong(one_worker());
}

#[test]
fn ping_pong_with_the_lifo_slot_disabled_does_not_starve_a_third_task() {
    third_task_runs_despite_ping_pong(
        Builder::new_multi_thread()
            .worker_threads(1)
            .disable_lifo_slot()
            .build()
            .unwrap(),
    );
}

#[test]
fn global_queue_interval_of_one_still_runs_local_work() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .global_queue_interval(1)
        .event_interval(1)
        .build()
        .unwrap();
    let total = rt.block_on(async {
        task::spawn(async {
            let handles: Vec<_> = (0..1_000u64)
                .map(|i| task::spawn(async move { i }))
                .collect();
            let mut total = 0;
            for handle in handles {
                total += handle.await.unwrap();
            }
            total
        })
        .await
        .unwrap()
    });
    assert_eq!(total, 999 * 1_000 / 2);
}
