//! The I/O driver under the multi-thread runtime: readiness delivered to
//! tasks on other workers, many connections at once, and shutdown.

mod support;

use std::sync::Arc;

use runtime_core::runtime::{Builder, Runtime};
use runtime_net::{TcpListener, TcpStream, UdpSocket};
use support::*;

fn mt() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap()
}

#[test]
fn many_echo_connections_across_workers() {
    mt().block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        const CONNS: usize = 32;
        const ROUNDS: usize = 50;
        let server = runtime_core::task::spawn(async move {
            for _ in 0..CONNS {
                let (mut s, _) = listener.accept().await.unwrap();
                runtime_core::task::spawn(async move {
                    let mut buf = [0u8; 16];
                    while read_exact(&mut s, &mut buf).await.is_ok() {
                        write_all(&mut s, &buf).await.unwrap();
                    }
                });
            }
        });
        let clients: Vec<_> = (0..CONNS)
            .map(|i| {
                runtime_core::task::spawn(async move {
                    let mut c = TcpStream::connect(addr).await.unwrap();
                    let mut sum = 0usize;
                    for r in 0..ROUNDS {
                        let msg = [(i + r) as u8; 16];
                        write_all(&mut c, &msg).await.unwrap();
                        let mut back = [0u8; 16];
                        read_exact(&mut c, &mut back).await.unwrap();
                        assert_eq!(back, msg);
                        sum += back[0] as usize;
                    }
                    sum
                })
            })
            .collect();
        let mut total = 0;
        for c in clients {
            total += c.await.unwrap();
        }
        server.await.unwrap();
        let expected: usize = (0..CONNS)
            .map(|i| (0..ROUNDS).map(|r| (i + r) as u8 as usize).sum::<usize>())
            .sum();
        assert_eq!(total, expected);
    });
}

#[test]
fn shutdown_wakes_operations_waiting_on_another_thread() {
    let rt = mt();
    let sock = Arc::new(rt.block_on(async { UdpSocket::bind("127.0.0.1:0").await.unwrap() }));
    let waiter = {
        let sock = sock.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4];
            futures::executor::block_on(sock.recv_from(&mut buf))
        })
    };
    drop(rt);
    let err = waiter.join().unwrap().unwrap_err();
    assert!(err.to_string().contains("being shutdown"), "{err}");
}

#[test]
fn a_task_moves_between_workers_and_keeps_its_socket() {
    mt().block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        let task = runtime_core::task::spawn(async move {
            let mut got = Vec::new();
            let mut buf = [0u8; 1];
            for _ in 0..100 {
                read_exact(&mut b, &mut buf).await.unwrap();
                got.push(buf[0]);
                runtime_core::task::yield_now().await;
            }
            got
        });
        for i in 0..100u8 {
            write_all(&mut a, &[i]).await.unwrap();
            runtime_core::task::yield_now().await;
        }
        assert_eq!(task.await.unwrap(), (0..100).collect::<Vec<u8>>());
    });
}
