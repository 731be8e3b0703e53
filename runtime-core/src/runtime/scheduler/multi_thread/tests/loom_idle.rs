//! Loom model of the searching/parking handshake: a task pushed while the
//! last searcher parks is never lost.

use crate::loom::sync::Arc;
use crate::loom::thread;
use crate::runtime::scheduler::multi_thread::idle::Idle;
use crate::runtime::scheduler::multi_thread::inject::Inject;

#[test]
fn loom_last_searcher_parks_while_a_task_is_pushed() {
    crate::loom::model(|| {
        let idle = Arc::new(Idle::new(2));
        let inject = Arc::new(Inject::new());
        // Worker 1 sleeps; worker 0 is the only searcher.
        assert!(!idle.transition_worker_to_parked(1, false));
        assert!(idle.transition_worker_to_searching());

        let spawner = {
            let idle = idle.clone();
            let inject = inject.clone();
            thread::spawn(move || {
                assert!(inject.push(7usize));
                idle.worker_to_notify()
            })
        };

        // Worker 0: one last look, then park; as the last searcher it must
        // check the queues again after parking in the counts.
        let mut notified = Vec::new();
        let found = inject.pop();
        if found.is_none() {
            assert!(idle.transition_worker_to_parked(0, true));
            if !inject.is_empty() {
                notified.extend(idle.worker_to_notify());
            }
        }
        notified.extend(spawner.join().unwrap());

        match found {
            Some(task) => {
                // Worker 0 runs the task; it was searching all along, so
                // nobody needed waking.
                assert_eq!(task, 7);
                assert_eq!(notified, Vec::<usize>::new());
                assert_eq!((idle.num_unparked(), idle.num_searching()), (1, 1));
            }
            None => {
                // The task waits in the queue, and exactly one worker was
                // woken, searching, to run it.
                assert_eq!(inject.len(), 1);
                assert_eq!(notified.len(), 1);
                assert!(!idle.is_parked(notified[0]));
                assert_eq!((idle.num_unparked(), idle.num_searching()), (1, 1));
            }
        }
    });
}

#[test]
fn loom_two_spawners_wake_one_worker() {
    crate::loom::model(|| {
        let idle = Arc::new(Idle::new(2));
        let inject = Arc::new(Inject::new());
        assert!(!idle.transition_worker_to_parked(0, false));
        assert!(!idle.transition_worker_to_parked(1, false));

        let spawn = |value: usize| {
            let idle = idle.clone();
            let inject = inject.clone();
            thread::spawn(move || {
                assert!(inject.push(value));
                idle.worker_to_notify()
            })
        };
        let a = spawn(1);
        let b = spawn(2);
        let woken: Vec<usize> = [a.join().unwrap(), b.join().unwrap()]
            .into_iter()
            .flatten()
            .collect();
        // The first wake-up makes a searcher, which the second spawner sees.
        assert_eq!(woken.len(), 1);
        assert_eq!((idle.num_unparked(), idle.num_searching()), (1, 1));
        assert_eq!(inject.len(), 2);
    });
}

#[test]
fn loom_last_searcher_parks_while_a_worker_pushes_locally() {
    use crate::runtime::scheduler::multi_thread::queue;

    crate::loom::model(|| {
        let idle = Arc::new(Idle::new(2));
        let inject = Arc::new(Inject::new());
        let (steal, mut local) = queue::local::<usize>();
        // Worker 0 runs a task; worker 1 is the only searcher.
        assert!(idle.transition_worker_to_searching());

        let worker0 = {
            let idle = idle.clone();
            let inject = inject.clone();
            thread::spawn(move || {
                local.push_back_or_overflow(7, &*inject);
                (local, idle.worker_to_notify())
            })
        };

        // Worker 1: try to steal, then park; as the last searcher, look at
        // the other queues once more.
        let (_mine_steal, mut mine) = queue::local::<usize>();
        let mut notified = Vec::new();
        let stolen = steal.steal_into(&mut mine).map(|(task, _)| task);
        if stolen.is_none() {
            assert!(idle.transition_worker_to_parked(1, true));
            if !steal.is_empty() {
                notified.extend(idle.worker_to_notify());
            }
        }
        let (mut local, by_worker0) = worker0.join().unwrap();
        notified.extend(by_worker0);

        match stolen {
            Some(task) => {
                assert_eq!(task, 7);
                assert!(local.pop().is_none());
                assert!(notified.is_empty());
            }
            None => {
                // The task still waits in worker 0's queue and worker 1 was
                // woken (searching) to steal it.
                assert_eq!(notified, vec![1]);
                assert_eq!((idle.num_unparked(), idle.num_searching()), (2, 1));
                assert_eq!(local.pop(), Some(7));
            }
        }
    });
}

/// The whole sleep/wake path of one worker, with the real parker: a task
/// pushed from another thread while the worker gives up searching and goes
/// to sleep is always found (a lost wake-up would leave the worker asleep
/// forever, which loom reports as a deadlock).
#[test]
fn loom_worker_parks_and_is_woken_for_a_remote_task() {
    use crate::runtime::driver::ParkThread;
    use crate::runtime::scheduler::multi_thread::park::{Parker, SharedDriver};

    crate::loom::model(|| {
        let idle = Arc::new(Idle::new(1));
        let inject = Arc::new(Inject::new());
        let mut parker = Parker::new(SharedDriver::new(Box::new(ParkThread::new())));
        let unparker = parker.unparker();
        assert!(idle.transition_worker_to_searching());

        let spawner = {
            let (idle, inject, unparker) = (idle.clone(), inject.clone(), unparker.clone());
            thread::spawn(move || {
                assert!(inject.push(7usize));
                if let Some(worker) = idle.worker_to_notify() {
                    assert_eq!(worker, 0);
                    unparker.unpark();
                }
            })
        };

        // The worker's loop: look for work, else park until notified.
        let mut searching = true;
        let task = loop {
            if let Some(task) = inject.pop() {
                break task;
            }
            let was_last = idle.transition_worker_to_parked(0, searching);
            if was_last && !inject.is_empty() {
                if let Some(worker) = idle.worker_to_notify() {
                    assert_eq!(worker, 0);
                    unparker.unpark();
                }
            }
            loop {
                parker.park();
                if !idle.is_parked(0) {
                    // Notified: we come back as a searcher.
                    searching = true;
                    break;
                }
            }
        };
        spawner.join().unwrap();
        assert_eq!(task, 7);
        assert!(inject.is_empty());
        // The worker ends up awake and searching, whichever way it got the
        // task.
        assert!(searching);
        assert_eq!((idle.num_unparked(), idle.num_searching()), (1, 1));
    });
}
