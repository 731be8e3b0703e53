//! `TokioContext` and `RuntimeExt`: a future polled by one runtime inside
//! the context of another.
#![cfg(feature = "rt")]

use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use runtime_core::runtime::{Builder, Handle, Runtime};
use runtime_util::context::{RuntimeExt, TokioContext};

/// A runtime with the time driver, which drives it on its own thread.
fn with_timer() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(1)
        .driver_layer(runtime_time::driver::layer())
        .build()
        .unwrap()
}

/// A runtime with no driver at all.
fn plain() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload.downcast::<&str>().map(|s| s.to_string()).unwrap(),
    }
}

#[test]
fn a_timer_of_runtime_a_works_when_polled_by_runtime_b() {
    let rt_a = with_timer();
    let rt_b = plain();

    // Without the wrapper, `rt_b` has no timer: the sleep fails, naming the
    // builder call that would fix it.
    let err = panic::catch_unwind(AssertUnwindSafe(|| {
        rt_b.block_on(async { runtime_time::sleep(Duration::from_millis(1)).await })
    }))
    .unwrap_err();
    assert!(panic_message(err).contains("enable_time"));

    // Wrapped, it registers with `rt_a`'s timer, which fires on `rt_a`'s
    // thread and wakes `rt_b`'s block_on.
    let out = rt_b.block_on(rt_a.wrap(async {
        runtime_time::sleep(Duration::from_millis(1)).await;
        "slept"
    }));
    assert_eq!(out, "slept");

    // Same through `TokioContext::new`, and from a multi-thread poller.
    let rt_c = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    let future = TokioContext::new(
        async { runtime_time::sleep(Duration::from_millis(1)).await },
        rt_a.handle().clone(),
    );
    rt_c.block_on(future);
}

#[test]
fn each_poll_enters_the_context_and_leaves_it_afterwards() {
    let rt_a = plain();
    let rt_b = plain();
    let (a, b) = (rt_a.handle().id(), rt_b.handle().id());

    let seen = rt_b.block_on(async {
        let inside = rt_a
            .wrap(async {
                let first = Handle::current().id();
                runtime_core::task::yield_now().await;
                // Still `rt_a` after a Pending and a second poll.
                (first, Handle::current().id())
            })
            .await;
        (inside, Handle::current().id())
    });
    assert_eq!(seen, ((a, a), b));

    // Outside any runtime, the wrapper provides one.
    let mut polled_in = None;
    let future = rt_a.wrap(async { Handle::current().id() });
    futures::executor::block_on(async {
        polled_in = Some(future.await);
    });
    assert_eq!(polled_in, Some(a));
    assert!(Handle::try_current().is_err());
}

#[test]
fn spawn_inside_the_wrapper_goes_to_the_wrapped_runtime() {
    let rt_a = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    let rt_b = plain();
    let a = rt_a.handle().id();

    let spawned_on = rt_b.block_on(rt_a.wrap(async {
        runtime_core::task::spawn(async { Handle::current().id() })
            .await
            .unwrap()
    }));
    assert_eq!(spawned_on, a);
}

#[test]
fn handle_and_into_inner_give_the_parts_back() {
    let rt_a = plain();
    let rt_b = plain();

    let wrapped = rt_a.wrap(async { Handle::current().id() });
    assert_eq!(wrapped.handle().id(), rt_a.handle().id());
    assert!(format!("{wrapped:?}").starts_with("TokioContext { handle: "));

    // Unwrapped, the future runs in its poller's context again.
    let inner = wrapped.into_inner();
    assert_eq!(rt_b.block_on(inner), rt_b.handle().id());
}

#[test]
fn runtime_ext_works_as_a_bound() {
    fn wrap_with<R: RuntimeExt>(rt: &R) -> TokioContext<std::future::Ready<u8>> {
        rt.wrap(std::future::ready(4))
    }
    let rt = plain();
    let wrapped = wrap_with(&rt);
    assert_eq!(wrapped.handle().id(), rt.handle().id());
    assert_eq!(plain().block_on(wrapped), 4);
}

#[test]
fn the_wrapper_is_send_sync_and_unpin_when_its_future_is() {
    fn send_sync_unpin<T: Send + Sync + Unpin>() {}
    send_sync_unpin::<TokioContext<std::future::Ready<()>>>();
}

#[cfg(feature = "net")]
#[test]
fn io_of_runtime_a_works_when_polled_by_runtime_b() {
    use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
    use runtime_net::{TcpListener, TcpStream};

    let rt_a = Builder::new_multi_thread()
        .worker_threads(1)
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap();
    let rt_b = plain();

    // Without the wrapper, `rt_b` has no I/O driver: creating the socket
    // panics, naming the builder call that would fix it.
    let err = panic::catch_unwind(AssertUnwindSafe(|| {
        rt_b.block_on(async { TcpListener::bind("127.0.0.1:0").await })
    }))
    .unwrap_err();
    assert!(panic_message(err).contains("enable_io"));

    let received = rt_b.block_on(rt_a.wrap(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(addr).await.unwrap();
        let (mut server, _) = listener.accept().await.unwrap();
        client.write_all(b"over rt_a").await.unwrap();
        drop(client);
        let mut buf = Vec::new();
        server.read_to_end(&mut buf).await.unwrap();
        buf
    }));
    assert_eq!(received, b"over rt_a");
}
