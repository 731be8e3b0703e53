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
