//! Loom models of the global injection queue.

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::SeqCst;

use super::Counted;
use crate::loom::sync::Arc;
use crate::loom::thread;
use crate::runtime::scheduler::multi_thread::inject::Inject;
use crate::runtime::scheduler::multi_thread::queue;

#[test]
fn loom_push_vs_close() {
    crate::loom::model(|| {
        let drops = std::sync::Arc::new(AtomicUsize::new(0));
        let inject = Arc::new(Inject::new());

        let pusher = {
            let inject = inject.clone();
            let drops = drops.clone();
            thread::spawn(move || {
                let one = inject.push(Counted::new(0, &drops));
                let batch = inject.push_batch((1..3).map(|i| Counted::new(i, &drops)));
                usize::from(one) + 2 * usize::from(batch)
            })
        };
        assert!(inject.close());
        let accepted = pusher.join().unwrap();

        // Rejected items were dropped on the spot; accepted ones are queued.
        assert_eq!(drops.load(SeqCst), 3 - accepted);
        assert_eq!(inject.len(), accepted);
        let mut popped = 0;
        while let Some(item) = inject.pop() {
            assert_eq!(item.value, if accepted == 2 { popped + 1 } else { popped });
            popped += 1;
        }
        assert_eq!(popped, accepted);
        assert_eq!(drops.load(SeqCst), 3);
        // A push after close never succeeds.
        assert!(!inject.push(Counted::new(9, &drops)));
        assert_eq!(drops.load(SeqCst), 4);
    });
}

#[test]
fn loom_push_vs_pop_into() {
    crate::loom::model(|| {
        let inject = Arc::new(Inject::new());

        let pusher = {
            let inject = inject.clone();
            thread::spawn(move || {
                inject.push(0usize);
                inject.push_batch(1..3);
            })
        };

        let (_steal, mut local) = queue::local();
        let mut seen = Vec::new();
        seen.extend(inject.pop_into(&mut local, 2));
        seen.extend(std::iter::from_fn(|| local.pop()));
        pusher.join().unwrap();
        seen.extend(std::iter::from_fn(|| inject.pop()));
        // FIFO: whatever was taken first comes out first.
        assert_eq!(seen, vec![0, 1, 2]);
        assert!(inject.is_empty());
    });
}
