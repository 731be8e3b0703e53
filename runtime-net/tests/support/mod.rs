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
pub fn rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .expect("runtime with the I/O driver")
}

/// Runs `f` to completion on a fresh runtime with the I/O driver.
pub fn block_on<F: Future>(f: F) -> F::Output {
    rt().block_on(f)
}

pub async fn read<R: AsyncRead + Unpin>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
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

pub async fn read_exact<R: AsyncRead + Unpin>(r: &mut R, buf: &mut [u8]) -> io::Result<()> {
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

pub async fn read_to_end<R: AsyncRead + Unpin>(r: &mut R) -> io::Result<Vec<u8>> {
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

pub async fn write<W: AsyncWrite + Unpin>(w: &mut W, buf: &[u8]) -> io::Result<usize> {
    poll_fn(|cx| Pin::new(&mut *w).poll_write(cx, buf)).await
}

pub async fn write_all<W: AsyncWrite + Unpin>(w: &mut W, mut buf: &[u8]) -> io::Result<()> {
    while !buf.is_empty() {
        let n = write(w, buf).await?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        buf = &buf[n..];
    }
    Ok(())
}

pub async fn shutdown<W: AsyncWrite + Unpin>(w: &mut W) -> io::Result<()> {
    poll_fn(|cx| Pin::new(&mut *w).poll_shutdown(cx)).await
}

/// A connected pair of TCP streams over loopback.
pub async fn tcp_pair() -> (runtime_net::TcpStream, runtime_net::TcpStream) {
    let listener = runtime_net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (client, accepted) =
        futures::join!(runtime_net::TcpStream::connect(addr), listener.accept());
    (client.unwrap(), accepted.unwrap().0)
}

/// The number of open file descriptors of this process.
pub fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count())
        .unwrap_or(0)
}

/// A path for a Unix socket that does not exist yet.
pub fn sock_path(name: &str) -> std::path::PathBuf {
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
