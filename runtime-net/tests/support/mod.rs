//! Helpers shared by the socket tests: a runtime with the I/O driver, and
//! the few read/write loops the tests need (runtime-net does not depend on
//! the io extension traits).

#![allow(dead_code)] // each test file uses a different subset

use std::future::{Future, poll_fn};
use std::io;
use std::pin::Pin;

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_core::runtime::{Builder, Runtime};

/// A current-thread runtime with the I/O driver.
pub(crate) fn rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .expect("runtime with the I/O driver")
}

/// Runs `f` to completion on a fresh runtime with the I/O driver.
pub(crate) fn block_on<F: Future>(f: F) -> F::Output {
    rt().block_on(f)
}

pub(crate) async fn read<R: AsyncRead + Unpin>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    poll_fn(|cx| {
        let mut rb = ReadBuf::new(buf);
        match Pin::new(&mut *r).poll_read(cx, &mut rb) {
            std::task::Poll::Ready(Ok(())) => std::task::Poll::Ready(Ok(rb.filled().len())),
            std::task::Poll::Ready(Err(e)) => std::task::Poll::Ready(Err(e)),
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    })
    .await
}

pub(crate) async fn read_exact<R: AsyncRead + Unpin>(r: &mut R, buf: &mut [u8]) -> io::Result<()> {
    let mut done = 0;
    while done < buf.len() {
        let n = read(r, &mut buf[done..]).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        done += n;
    }
    Ok(())
}

pub(crate) async fn read_to_end<R: AsyncRead + Unpin>(r: &mut R) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = read(r, &mut buf).await?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&buf[..n]);
    }
}

pub(crate) async fn write<W: AsyncWrite + Unpin>(w: &mut W, buf: &[u8]) -> io::Result<usize> {
    poll_fn(|cx| Pin::new(&mut *w).poll_write(cx, buf)).await
}

pub(crate) async fn write_all<W: AsyncWrite + Unpin>(w: &mut W, mut buf: &[u8]) -> io::Result<()> {
    while !buf.is_empty() {
        let n = write(w, buf).await?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        buf = &buf[n..];
    }
    Ok(())
}

pub(crate) async fn shutdown<W: AsyncWrite + Unpin>(w: &mut W) -> io::Result<()> {
    poll_fn(|cx| Pin::new(&mut *w).poll_shutdown(cx)).await
}

/// A connected pair of TCP streams over loopback.
pub(crate) async fn tcp_pair() -> (runtime_net::TcpStream, runtime_net::TcpStream) {
    let listener = runtime_net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (client, accepted) =
        futures::join!(runtime_net::TcpStream::connect(addr), listener.accept());
    (client.unwrap(), accepted.unwrap().0)
}

/// The number of open file descriptors of this process.
pub(crate) fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count())
        .unwrap_or(0)
}

/// A path for a Unix socket that does not exist yet.
pub(crate) fn sock_path(name: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!(
        "runtime-net-{}-{}-{}.sock",
        std::process::id(),
        name,
        n
    ));
    let _ = std::fs::remove_file(&path);
    path
}

/// The environment variable that marks a re-executed test binary.
const CHILD_ENV: &str = "RUNTIME_NET_TEST_CHILD";

/// Runs `body` alone in a fresh child process (this test binary, re-executed
/// with only `test_name`), for tests that count the process's descriptors
/// or change its limits: other tests running in parallel threads would
/// disturb them. In the parent, waits for the child and asserts it passed.
pub(crate) fn in_child_process(test_name: &str, body: impl FnOnce()) {
    if std::env::var(CHILD_ENV).as_deref() == Ok(test_name) {
        body();
        println!("CHILD-OK {test_name}");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .args([test_name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, test_name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("CHILD-OK {test_name}")),
        "child did not run the test:\n{stdout}\n{stderr}"
    );
}
