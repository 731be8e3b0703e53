//! Loom model of shutdown racing a spawn from another thread: whatever the
//! interleaving, the spawned future is dropped exactly once, nothing stays
//! queued or owned, and the `JoinHandle` reports a cancelled task.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::task::{Context, Poll, Waker};

use crate::loom::sync::Arc;
use crate::loom::thread;
use crate::runtime::blocking::{BlockingPool, PoolConfig};
use crate::runtime::config::Config;
use crate::runtime::driver::{ParkThread, Registry};
use crate::runtime::scheduler::multi_thread::park::SharedDriver;
use crate::runtime::scheduler::multi_thread::{Handle, worker};
use crate::task::Id;

struct DropProbe(std::sync::Arc<AtomicUsize>);

impl Drop for DropProbe {
    fn drop(&mut self) {
        self.0.fetch_add(1, SeqCst);
    }
}

fn config() -> Config {
    Config {
        event_interval: 61,
        global_queue_interval: 31,
        before_park: None,
        after_unpark: None,
        disable_lifo_slot: false,
        name: None,
    }
}

fn pool() -> BlockingPool {
    BlockingPool::new(PoolConfig {
        thread_name: std::sync::Arc::new(|| "loom".into()),
        stack_size: None,
        after_start: None,
        before_stop: None,
        thread_cap: 1,
        keep_alive: std::time::Duration::from_secs(1),
    })
}

#[test]
fn loom_shutdown_racing_spawn() {
    crate::loom::model(|| {
        let pool = pool();
        let driver = SharedDriver::new(Box::new(ParkThread::new()));
        let (shared, cores) = worker::create(1, driver, config());
        let handle = Arc::new(Handle::new(shared, Registry::new(), pool.spawner().clone()));
        let drops = std::sync::Arc::new(AtomicUsize::new(0));

        let spawner = {
            let handle = handle.clone();
            let probe = DropProbe(drops.clone());
            thread::spawn(move || {
                Handle::spawn(
                    &handle,
                    async move {
                        let _probe = probe;
                        std::future::pending::<()>().await;
                    },
                    Id::next(),
                )
            })
        };

        // The runtime shuts down: signal, then the (only) worker cancels
        // every task and hands its core back.
        handle.close();
        for core in cores {
            handle.shutdown_unstarted(core);
        }
        let mut join = spawner.join().unwrap();

        assert_eq!(drops.load(SeqCst), 1, "the future is dropped exactly once");
        assert_eq!(handle.num_alive_tasks(), 0);
        assert_eq!(handle.global_queue_depth(), 0);
        let mut cx = Context::from_waker(Waker::noop());
        match std::pin::Pin::new(&mut join).poll(&mut cx) {
            Poll::Ready(Err(err)) => assert!(err.is_cancelled()),
            other => panic!("expected a cancelled task, got {other:?}"),
        }
    });
}
