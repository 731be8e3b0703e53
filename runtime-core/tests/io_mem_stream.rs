//! duplex pipes between tasks on the runtime: disconnects seen from the
//! other task, write sizes at capacity, cooperative pumping.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt};
use runtime_core::runtime::Builder;
use runtime_core::task;

fn rt() -> runtime_core::runtime::Runtime {
    Builder::new_current_thread().build().unwrap()
}

#[test]
fn across_tasks() {
    rt().block_on(async {
        let (mut a, mut b) = io::duplex(32);
        let t1 = task::spawn(async move {
            a.write_all(b"ping").await.unwrap();
            let mut buf = [0u8; 4];
            a.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, b"pong");
        });
        let t2 = task::spawn(async move {
            let mut buf = [0u8; 4];
            b.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, b"ping");
            b.write_all(b"pong").await.unwrap();
        });
        t1.await.unwrap();
        t2.await.unwrap();
    });
}

#[test]
fn writer_drop_is_eof_in_other_task() {
    rt().block_on(async {
        let (mut a, mut b) = io::duplex(32);
        let t1 = task::spawn(async move {
            a.write_all(b"ping").await.unwrap();
            // `a` is dropped here.
        });
        let t2 = task::spawn(async move {
            let mut buf = [0u8; 32];
            let n = b.read(&mut buf).await.unwrap();
            assert_eq!(&buf[..n], b"ping");
            assert_eq!(b.read(&mut buf).await.unwrap(), 0);
        });
        t1.await.unwrap();
        t2.await.unwrap();
    });
}

#[test]
fn reader_drop_fails_blocked_writer() {
    rt().block_on(async {
        let (a, mut b) = io::duplex(2);
        let writer = task::spawn(async move {
            // Does not fit: waits for the reader, which goes away.
            b.write_all(b"ping").await.unwrap_err().kind()
        });
        task::yield_now().await;
        drop(a);
        assert_eq!(writer.await.unwrap(), std::io::ErrorKind::BrokenPipe);
    });
}

#[test]
fn write_is_capped_at_capacity() {
    rt().block_on(async {
        let (mut a, mut b) = io::duplex(32);
        let t1 = task::spawn(async move {
            assert_eq!(a.write(&[0u8; 64]).await.unwrap(), 32);
            // Waits until the reader took 4 bytes, then fits exactly those.
            assert_eq!(a.write(&[0u8; 64]).await.unwrap(), 4);
        });
        let mut buf = [0u8; 4];
        b.read_exact(&mut buf).await.unwrap();
        t1.await.unwrap();
        drop(b);
    });
}

#[test]
fn pumping_a_duplex_in_a_loop_yields() {
    rt().block_on(async {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        let pump = task::spawn(async move {
            let (mut tx, mut rx) = io::duplex(8 * 1024);
            for round in 0..1_000_000u32 {
                if f.load(Ordering::SeqCst) {
                    return Some(round);
                }
                tx.write_all(&[3u8; 4096]).await.unwrap();
                let mut buf = [0u8; 4096];
                rx.read_exact(&mut buf).await.unwrap();
            }
            None
        });
        task::spawn(async move { flag.store(true, Ordering::SeqCst) })
            .await
            .unwrap();
        assert!(pump.await.unwrap().is_some(), "the duplex never yielded");
    });
}
