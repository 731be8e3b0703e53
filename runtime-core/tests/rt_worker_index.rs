//! `runtime::worker_index`: which worker, if any, the calling code runs on.

use std::collections::HashSet;

use runtime_core::runtime::{self, Builder};
use runtime_core::task;

#[test]
fn none_outside_a_runtime_and_zero_on_a_current_thread_runtime() {
    assert_eq!(runtime::worker_index(), None);
    let rt = Builder::new_current_thread().build().unwrap();
    // Entering is not driving.
    {
        let _guard = rt.enter();
        assert_eq!(runtime::worker_index(), None);
    }
    let (in_block_on, in_task, in_blocking) = rt.block_on(async {
        let in_task = task::spawn(async { runtime::worker_index() })
            .await
            .unwrap();
        let in_blocking = task::spawn_blocking(runtime::worker_index).await.unwrap();
        (runtime::worker_index(), in_task, in_blocking)
    });
    assert_eq!(
        (in_block_on, in_task, in_blocking),
        (Some(0), Some(0), None)
    );
    assert_eq!(runtime::worker_index(), None);
}

#[test]
fn multi_thread_tasks_see_their_worker_and_other_threads_see_none() {
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let seen = rt.block_on(async {
        // The thread calling block_on is not a worker.
        assert_eq!(runtime::worker_index(), None);
        let mut seen = HashSet::new();
        for _ in 0..64 {
            let idx = task::spawn(async { runtime::worker_index() })
                .await
                .unwrap();
            seen.insert(idx.expect("a task runs on a worker"));
        }
        let blocking = task::spawn_blocking(runtime::worker_index).await.unwrap();
        assert_eq!(blocking, None);
        let in_place = task::spawn(async { task::block_in_place(runtime::worker_index) })
            .await
            .unwrap();
        assert_eq!(in_place, None);
        seen
    });
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|&i| i < rt.metrics().num_workers()),
        "{seen:?}"
    );
}
