//! Cooperative scheduling of io resources on the runtime: a task pumping
//! always-ready io yields, so other tasks on the same thread make progress.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt};
use runtime_core::runtime::Builder;
use runtime_core::task;

#[test]
fn copy_from_repeat_lets_other_tasks_run() {
    let rt = Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let stop = Arc::new(AtomicBool::new(false));
        let ticks = Arc::new(AtomicUsize::new(0));
        let (s, t) = (stop.clone(), ticks.clone());
        // A copy that never ends on its own...
        let copier = task::spawn(async move {
            let mut src = io::repeat(0);
            let mut dst = io::sink();
            io::copy(&mut src, &mut dst).await
        });
        // ...must not starve this task.
        let other = task::spawn(async move {
            for _ in 0..10 {
                t.fetch_add(1, Ordering::SeqCst);
                task::yield_now().await;
            }
            s.store(true, Ordering::SeqCst);
        });
        other.await.unwrap();
        assert!(stop.load(Ordering::SeqCst));
        assert_eq!(ticks.load(Ordering::SeqCst), 10);
        copier.abort();
        assert!(copier.await.unwrap_err().is_cancelled());
    });
}

#[test]
fn duplex_ping_pong_between_tasks() {
    let rt = Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let (mut a, mut b) = io::duplex(16);
        let echo = task::spawn(async move {
            let mut buf = [0u8; 4];
            let mut n = 0u32;
            while b.read_exact(&mut buf).await.is_ok() {
                b.write_all(&buf).await.unwrap();
                n += 1;
            }
            n
        });
        for i in 0..1000u32 {
            a.write_u32(i).await.unwrap();
            assert_eq!(a.read_u32().await.unwrap(), i);
        }
        drop(a);
        assert_eq!(echo.await.unwrap(), 1000);
    });
}

#[test]
fn repeated_copies_of_ready_slices_yield_to_other_tasks() {
    let rt = Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        let looper = task::spawn(async move {
            // Neither `&[u8]` nor `Vec<u8>` knows about the budget: only
            // `copy` itself can make this loop yield.
            for round in 0..1_000_000u32 {
                if f.load(Ordering::SeqCst) {
                    return Some(round);
                }
                let mut rd: &[u8] = b"hello";
                let mut wr = Vec::new();
                assert_eq!(io::copy(&mut rd, &mut wr).await.unwrap(), 5);
            }
            None
        });
        let setter = task::spawn(async move { flag.store(true, Ordering::SeqCst) });
        setter.await.unwrap();
        let rounds = looper.await.unwrap();
        assert!(rounds.is_some(), "copy never yielded");
    });
}

#[test]
fn empty_and_repeat_reads_are_cooperative() {
    let rt = Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        let looper = task::spawn(async move {
            let mut buf = [0u8; 1];
            for round in 0..1_000_000u32 {
                if f.load(Ordering::SeqCst) {
                    return Some(round);
                }
                assert_eq!(io::empty().read(&mut buf).await.unwrap(), 0);
                assert_eq!(io::repeat(1).read(&mut buf).await.unwrap(), 1);
            }
            None
        });
        let setter = task::spawn(async move { flag.store(true, Ordering::SeqCst) });
        setter.await.unwrap();
        assert!(looper.await.unwrap().is_some(), "reads never yielded");
    });
}
