//! `Builder::max_io_events_per_tick` / `max_io_events_per_busy_tick`: a
//! runtime kept busy by tasks that never stop yielding still delivers every
//! I/O event when each poll takes only one, on both schedulers.

use runtime::io::{AsyncReadExt, AsyncWriteExt};
use runtime::net::{TcpListener, TcpStream};
use runtime::runtime::{Builder, Runtime};

#[test]
#[should_panic(expected = "max_io_events_per_busy_tick must be non-zero")]
fn a_zero_busy_batch_panics() {
    Builder::new_current_thread().max_io_events_per_busy_tick(0);
}

#[test]
#[should_panic(expected = "max_io_events_per_tick must be non-zero")]
fn a_zero_batch_panics() {
    Builder::new_current_thread().max_io_events_per_tick(0);
}

/// 16 echo clients of 16 round trips each, next to 8 tasks that only yield.
fn echo_under_load(rt: Runtime) {
    for _ in 0..8 {
        rt.spawn(async {
            loop {
                runtime::task::yield_now().await;
            }
        });
    }
    let total = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        runtime::spawn(async move {
            loop {
                let (mut s, _) = listener.accept().await.unwrap();
                runtime::spawn(async move {
                    let mut buf = [0u8; 4];
                    while s.read_exact(&mut buf).await.is_ok() {
                        s.write_all(&buf).await.unwrap();
                    }
                });
            }
        });
        let clients: Vec<_> = (0..16u32)
            .map(|i| {
                runtime::spawn(async move {
                    let mut s = TcpStream::connect(addr).await.unwrap();
                    let mut echoed = 0;
                    for _ in 0..16 {
                        s.write_all(&i.to_le_bytes()).await.unwrap();
                        let mut back = [0u8; 4];
                        s.read_exact(&mut back).await.unwrap();
                        assert_eq!(u32::from_le_bytes(back), i);
                        echoed += 1;
                    }
                    echoed
                })
            })
            .collect();
        let mut total = 0;
        for c in clients {
            total += c.await.unwrap();
        }
        total
    });
    assert_eq!(total, 16 * 16);
    rt.shutdown_background();
}

#[test]
fn current_thread_with_one_event_per_busy_poll() {
    let rt = Builder::new_current_thread()
        .max_io_events_per_busy_tick(1)
        .enable_all()
        .build()
        .unwrap();
    echo_under_load(rt);
}

#[test]
fn multi_thread_with_one_event_per_poll() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .max_io_events_per_tick(1)
        .max_io_events_per_busy_tick(1)
        .enable_all()
        .build()
        .unwrap();
    echo_under_load(rt);
}
