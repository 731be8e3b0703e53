//! Loom models of the task state machine: every interleaving of a task's
//! completion with wake-ups, aborts, join-handle drops and waker clones on
//! another thread. Each model asserts the exact outcome, and loom itself
//! fails the model if the task allocation leaks (the scheduler `Arc` it
//! holds would never be released).

use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use super::{Notified, OwnedTasks, Schedule, Task};
use crate::loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use crate::loom::sync::{Arc, Mutex};
use crate::loom::thread;
use crate::task::{Id, JoinError, JoinHandle};

struct Mock {
    queue: Mutex<VecDeque<Notified<Arc<Mock>>>>,
    owned: OwnedTasks<Arc<Mock>>,
}

impl Schedule for Arc<Mock> {
    fn release(&self, task: &Task<Self>) -> Option<Task<Self>> {
        self.owned.remove(task)
    }

    fn schedule(&self, task: Notified<Self>) {
        self.queue.lock().push_back(task);
    }
}

impl Mock {
    fn new() -> Arc<Mock> {
        Arc::new(Mock {
            queue: Mutex::new(VecDeque::new()),
            owned: OwnedTasks::new(),
        })
    }

    /// Runs queued tasks until the queue is empty.
    fn drain(&self) {
        loop {
            let task = self.queue.lock().pop_front();
            match task {
                Some(task) => task.run(),
                None => return,
            }
        }
    }

    fn shutdown(&self) {
        self.owned.close_and_shutdown_all();
        let queued: Vec<_> = self.queue.lock().drain(..).collect();
        drop(queued);
    }
}

fn spawn<F>(sched: &Arc<Mock>, future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (join, notified) = sched.owned.bind(future, sched.clone(), Id::next());
    sched.schedule(notified.expect("list open"));
    join
}

fn poll_join<T>(join: &mut JoinHandle<T>) -> Poll<Result<T, JoinError>> {
    let mut cx = Context::from_waker(Waker::noop());
    Pin::new(join).poll(&mut cx)
}

/// Counts drops.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, SeqCst);
    }
}

/// A future that waits for `flag`, storing its waker in `slot`.
fn wait_for_flag(
    flag: Arc<AtomicBool>,
    slot: Arc<Mutex<Option<Waker>>>,
    value: usize,
) -> impl Future<Output = usize> + Send + 'static {
    poll_fn(move |cx| {
        *slot.lock() = Some(cx.waker().clone());
        if flag.load(SeqCst) {
            Poll::Ready(value)
        } else {
            Poll::Pending
        }
    })
}

#[test]
fn loom_wake_racing_completion() {
    crate::loom::model(|| {
        let sched = Mock::new();
        let flag = Arc::new(AtomicBool::new(false));
        let slot = Arc::new(Mutex::new(None));
        let mut join = spawn(&sched, wait_for_flag(flag.clone(), slot.clone(), 7));
        sched.drain();

        let th = thread::spawn(move || {
            flag.store(true, SeqCst);
            let waker = slot.lock().take();
            if let Some(waker) = waker {
                waker.wake();
            }
        });
        sched.drain();
        th.join().unwrap();
        sched.drain();

        assert_eq!(poll_join(&mut join).map(Result::unwrap), Poll::Ready(7));
        assert!(sched.owned.is_empty());
        sched.shutdown();
    });
}

#[test]
fn loom_abort_racing_completion() {
    crate::loom::model(|| {
        let sched = Mock::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let counted = Counted(drops.clone());
        let mut join = spawn(&sched, async move {
            let _c = counted;
            1usize
        });
        let abort = join.abort_handle();
        let th = thread::spawn(move || abort.abort());
        sched.drain();
        th.join().unwrap();
        sched.drain();

        match poll_join(&mut join) {
            Poll::Ready(Ok(1)) => {}
            Poll::Ready(Err(e)) => assert!(e.is_cancelled()),
            other => panic!("unexpected {other:?}"),
        }
        // The future was dropped exactly once, whoever won.
        assert_eq!(drops.load(SeqCst), 1);
        assert!(sched.owned.is_empty());
        sched.shutdown();
    });
}

#[test]
fn loom_join_handle_dropped_while_task_runs() {
    crate::loom::model(|| {
        let sched = Mock::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let output = Counted(drops.clone());
        let join = spawn(&sched, async move { output });
        let th = thread::spawn(move || drop(join));
        sched.drain();
        th.join().unwrap();
        // The output is dropped exactly once: by the task if the handle was
        // gone at completion, by the handle otherwise.
        assert_eq!(drops.load(SeqCst), 1);
        assert!(sched.owned.is_empty());
        sched.shutdown();
    });
}

#[test]
fn loom_waker_cloned_and_dropped_on_another_thread() {
    crate::loom::model(|| {
        let sched = Mock::new();
        let flag = Arc::new(AtomicBool::new(false));
        let slot = Arc::new(Mutex::new(None));
        let mut join = spawn(&sched, wait_for_flag(flag.clone(), slot.clone(), 3));
        sched.drain();
        let waker = slot.lock().take().expect("polled once");

        let th = thread::spawn(move || {
            let clone = waker.clone();
            drop(waker);
            clone.wake_by_ref();
            drop(clone);
        });
        flag.store(true, SeqCst);
        // The task may or may not have been re-queued yet: wake it here too.
        let waker = slot.lock().take();
        if let Some(waker) = waker {
            waker.wake();
        }
        sched.drain();
        th.join().unwrap();
        sched.drain();
        assert_eq!(poll_join(&mut join).map(Result::unwrap), Poll::Ready(3));
        sched.shutdown();
    });
}

#[test]
fn loom_shutdown_racing_wake() {
    crate::loom::model(|| {
        let sched = Mock::new();
        let flag = Arc::new(AtomicBool::new(false));
        let slot = Arc::new(Mutex::new(None));
        let mut join = spawn(&sched, wait_for_flag(flag.clone(), slot.clone(), 9));
        sched.drain();
        let waker = slot.lock().take().expect("polled once");
        let th = thread::spawn(move || waker.wake());
        sched.shutdown();
        th.join().unwrap();
        // A wake-up that arrived after shutdown left a notification behind.
        sched.shutdown();
        match poll_join(&mut join) {
            Poll::Ready(Err(e)) => assert!(e.is_cancelled()),
            other => panic!("unexpected {other:?}"),
        }
    });
}
