//! `unix::pipe`: anonymous pipes and FIFOs, their readiness and `try_*`
//! forms, the checks of the adopting constructors, and `OpenOptions`.

mod support;

use std::ffi::CString;
use std::fs::File;
use std::future::{Future, poll_fn};
use std::io::{self, IoSlice, IoSliceMut, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use runtime_core::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, Interest, ReadBuf};
use runtime_net::unix::pipe::{self, OpenOptions, Receiver, Sender};
use support::*;

/// A FIFO in the temporary directory, removed on drop.
struct TempFifo {
    path: PathBuf,
}

impl TempFifo {
    fn new(name: &str) -> TempFifo {
        let path = unique_path(name);
        let c_path = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: `c_path` is a NUL-terminated string that outlives the call.
        let res = unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) };
        assert_eq!(res, 0, "mkfifo: {}", io::Error::last_os_error());
        TempFifo { path }
    }
}

impl AsRef<Path> for TempFifo {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFifo {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A path in the temporary directory that nothing uses yet.
fn unique_path(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!(
        "runtime-net-pipe-{}-{name}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&path);
    path
}

/// A regular file in the temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        let path = unique_path(name);
        File::create(&path).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn is_nonblocking(fd: BorrowedFd<'_>) -> bool {
    // SAFETY: `F_GETFL` only reads the flags of an open descriptor.
    let flags = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETFL) };
    assert_ne!(flags, -1, "fcntl: {}", io::Error::last_os_error());
    flags & libc::O_NONBLOCK != 0
}

fn is_cloexec(fd: BorrowedFd<'_>) -> bool {
    // SAFETY: `F_GETFD` only reads the descriptor flags of an open descriptor.
    let flags = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETFD) };
    assert_ne!(flags, -1, "fcntl: {}", io::Error::last_os_error());
    flags & libc::FD_CLOEXEC != 0
}

/// A waker that counts its wake-ups.
#[derive(Default)]
struct Counter(AtomicUsize);

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting_waker() -> (Arc<Counter>, Waker) {
    let counter = Arc::new(Counter::default());
    (counter.clone(), Waker::from(counter))
}

/// Fills the pipe with `try_write` until it reports `WouldBlock`; returns
/// the bytes written, in order.
fn fill(tx: &Sender) -> Vec<u8> {
    let chunk: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    let mut written = Vec::new();
    loop {
        match tx.try_write(&chunk) {
            Ok(n) => written.extend_from_slice(&chunk[..n]),
            Err(e) => {
                assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
                return written;
            }
        }
    }
}

/// Reads `len` bytes with `readable` + `try_read`.
async fn drain(rx: &Receiver, len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    let mut done = 0;
    while done < len {
        rx.readable().await.unwrap();
        match rx.try_read(&mut out[done..]) {
            Ok(n) => {
                assert_ne!(n, 0, "unexpected end of file");
                done += n;
            }
            Err(e) => assert_eq!(e.kind(), io::ErrorKind::WouldBlock),
        }
    }
    out
}

// ---- anonymous pipes ----

#[test]
fn anonymous_pipe_round_trip_then_eof_when_the_sender_drops() {
    block_on(async {
        let (mut tx, mut rx) = pipe::pipe().unwrap();
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
        let writer = runtime_core::task::spawn(async move {
            tx.write_all(&data).await.unwrap();
            data
        });
        let mut got = Vec::new();
        rx.read_to_end(&mut got).await.unwrap();
        let data = writer.await.unwrap();
        assert_eq!(got.len(), data.len());
        assert!(got == data);
        // End of file stays end of file.
        assert_eq!(rx.read(&mut [0u8; 8]).await.unwrap(), 0);
        assert_eq!(rx.try_read(&mut [0u8; 8]).unwrap(), 0);
    });
}

#[test]
fn anonymous_pipe_ends_are_nonblocking_and_close_on_exec() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        for fd in [tx.as_fd(), rx.as_fd()] {
            assert!(is_nonblocking(fd));
            assert!(is_cloexec(fd));
        }
        assert_eq!(tx.as_raw_fd(), tx.as_fd().as_raw_fd());
        assert_ne!(tx.as_raw_fd(), rx.as_raw_fd());
    });
}

#[test]
fn write_after_the_receiver_drops_is_broken_pipe() {
    block_on(async {
        let (mut tx, rx) = pipe::pipe().unwrap();
        drop(rx);
        let err = tx.write_all(b"nobody listens").await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        let err = tx.try_write(b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        let err = tx.try_write_vectored(&[IoSlice::new(b"x")]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        // The driver reports the closed pipe as well (after its next poll).
        loop {
            let ready = tx.ready(Interest::WRITABLE).await.unwrap();
            if ready.is_write_closed() {
                break;
            }
            runtime_core::task::yield_now().await;
        }
    });
}

#[test]
fn a_waiting_writer_learns_of_the_receiver_dropping() {
    block_on(async {
        let (mut tx, rx) = pipe::pipe().unwrap();
        let written = fill(&tx);
        assert!(!written.is_empty());
        let (counter, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        assert!(Pin::new(&mut tx).poll_write(&mut cx, b"more").is_pending());
        drop(rx);
        // The driver reports the closed pipe and wakes the writer.
        while counter.0.load(Ordering::SeqCst) == 0 {
            runtime_core::task::yield_now().await;
        }
        match Pin::new(&mut tx).poll_write(&mut cx, b"more") {
            Poll::Ready(Err(e)) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("expected BrokenPipe, got {other:?}"),
        }
    });
}

#[test]
fn a_waiting_reader_is_woken_by_data_and_gets_it() {
    block_on(async {
        let (tx, mut rx) = pipe::pipe().unwrap();
        let (counter, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        let mut storage = [0u8; 16];
        let mut buf = ReadBuf::new(&mut storage);
        assert!(Pin::new(&mut rx).poll_read(&mut cx, &mut buf).is_pending());
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);

        tx.writable().await.unwrap();
        assert_eq!(tx.try_write(b"wake up").unwrap(), 7);
        while counter.0.load(Ordering::SeqCst) == 0 {
            runtime_core::task::yield_now().await;
        }
        match Pin::new(&mut rx).poll_read(&mut cx, &mut buf) {
            Poll::Ready(Ok(())) => assert_eq!(buf.filled(), b"wake up"),
            other => panic!("expected data, got {other:?}"),
        }
    });
}

#[test]
fn readiness_methods_follow_the_pipe() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        // A fresh pipe is writable at once.
        let ready = tx.ready(Interest::WRITABLE).await.unwrap();
        assert!(ready.is_writable());
        tx.writable().await.unwrap();
        assert!(
            poll_fn(|cx| Poll::Ready(tx.poll_write_ready(cx)))
                .await
                .is_ready()
        );

        // Nothing to read yet: the receiver is not ready.
        let (counter, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        assert!(rx.poll_read_ready(&mut cx).is_pending());
        let mut readable = pin!(rx.readable());
        assert!(readable.as_mut().poll(&mut cx).is_pending());

        assert_eq!(tx.try_write(b"x").unwrap(), 1);
        readable.await.unwrap();
        assert!(counter.0.load(Ordering::SeqCst) >= 1);
        let ready = rx.ready(Interest::READABLE).await.unwrap();
        assert!(ready.is_readable());
        assert!(!ready.is_read_closed());
        poll_fn(|cx| rx.poll_read_ready(cx)).await.unwrap();

        // Once the sender is gone the receiver reports the closed pipe.
        drop(tx);
        loop {
            let ready = rx.ready(Interest::READABLE).await.unwrap();
            if ready.is_read_closed() {
                break;
            }
            runtime_core::task::yield_now().await;
        }
        // The byte written before is still there, then end of file.
        let mut buf = [0u8; 4];
        assert_eq!(rx.try_read(&mut buf).unwrap(), 1);
        assert_eq!(rx.try_read(&mut buf).unwrap(), 0);
    });
}

#[test]
fn try_read_on_an_empty_pipe_would_block() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(
            rx.try_read(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        let mut bufs = [IoSliceMut::new(&mut buf)];
        assert_eq!(
            rx.try_read_vectored(&mut bufs).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        let mut v = Vec::with_capacity(8);
        assert_eq!(
            rx.try_read_buf(&mut v).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        assert!(v.is_empty());

        // After a read drained the pipe, the next try says WouldBlock again
        // (a real read of the kernel, which also clears the readiness).
        assert_eq!(tx.try_write(b"abc").unwrap(), 3);
        rx.readable().await.unwrap();
        assert_eq!(rx.try_read(&mut buf).unwrap(), 3);
        assert_eq!(
            rx.try_read(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        drop(tx);
    });
}

#[test]
fn try_write_on_a_full_pipe_would_block_and_loses_nothing() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        let written = fill(&tx);
        assert!(written.len() >= 4096, "a pipe holds at least a page");
        // Full: every write form says WouldBlock until the reader drains.
        assert_eq!(
            tx.try_write(b"x").unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        assert_eq!(
            tx.try_write_vectored(&[IoSlice::new(b"x")])
                .unwrap_err()
                .kind(),
            io::ErrorKind::WouldBlock
        );
        let (_counter, waker) = counting_waker();
        assert!(
            tx.poll_write_ready(&mut Context::from_waker(&waker))
                .is_pending()
        );

        let got = drain(&rx, written.len()).await;
        assert!(got == written);
        // Drained: writable again, and the next bytes follow in order.
        tx.writable().await.unwrap();
        assert_eq!(tx.try_write(b"next").unwrap(), 4);
        assert_eq!(drain(&rx, 4).await, b"next");
    });
}

#[test]
fn vectored_writes_and_reads() {
    block_on(async {
        let (mut tx, rx) = pipe::pipe().unwrap();
        assert!(tx.is_write_vectored());
        tx.writable().await.unwrap();
        let n = tx
            .try_write_vectored(&[
                IoSlice::new(b"one "),
                IoSlice::new(b""),
                IoSlice::new(b"two "),
            ])
            .unwrap();
        assert_eq!(n, 8);
        let n = poll_fn(|cx| {
            Pin::new(&mut tx).poll_write_vectored(cx, &[IoSlice::new(b"three"), IoSlice::new(b"!")])
        })
        .await
        .unwrap();
        assert_eq!(n, 6);
        tx.flush().await.unwrap();

        rx.readable().await.unwrap();
        let (mut a, mut b) = ([0u8; 4], [0u8; 20]);
        let n = rx
            .try_read_vectored(&mut [IoSliceMut::new(&mut a), IoSliceMut::new(&mut b)])
            .unwrap();
        assert_eq!(n, 14);
        assert_eq!(&a, b"one ");
        assert_eq!(&b[..10], b"two three!");
    });
}

#[test]
fn try_read_buf_fills_spare_capacity() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        tx.writable().await.unwrap();
        assert_eq!(tx.try_write(b"hello world").unwrap(), 11);
        rx.readable().await.unwrap();

        let mut v = Vec::with_capacity(5);
        // A Vec grows its chunk; read at most what its first chunk holds.
        let n = rx.try_read_buf(&mut v).unwrap();
        assert!(n > 0);
        assert_eq!(&v[..], &b"hello world"[..n]);

        let mut rest = bytes::BytesMut::with_capacity(64);
        rest.extend_from_slice(&v);
        let mut got = n;
        while got < 11 {
            rx.readable().await.unwrap();
            match rx.try_read_buf(&mut rest) {
                Ok(m) => got += m,
                Err(e) => assert_eq!(e.kind(), io::ErrorKind::WouldBlock),
            }
        }
        assert_eq!(&rest[..], b"hello world");
        drop(tx);
        rx.readable().await.unwrap();
        assert_eq!(rx.try_read_buf(&mut rest).unwrap(), 0);
    });
}

#[test]
fn poll_read_into_an_uninitialised_buffer() {
    block_on(async {
        let (tx, mut rx) = pipe::pipe().unwrap();
        tx.writable().await.unwrap();
        assert_eq!(tx.try_write(b"uninit").unwrap(), 6);
        let mut storage = [std::mem::MaybeUninit::<u8>::uninit(); 32];
        let mut buf = ReadBuf::uninit(&mut storage);
        poll_fn(|cx| Pin::new(&mut rx).poll_read(cx, &mut buf))
            .await
            .unwrap();
        assert_eq!(buf.filled(), b"uninit");
        assert_eq!(buf.initialized().len(), 6);
    });
}

#[test]
fn try_io_runs_only_when_ready_and_clears_on_would_block() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        runtime_core::task::yield_now().await;

        // Writable: the closure runs; its WouldBlock clears the readiness.
        let mut called = false;
        tx.try_io(|| {
            called = true;
            Ok(())
        })
        .unwrap();
        assert!(called);
        let err = tx
            .try_io(|| Err::<(), _>(io::ErrorKind::WouldBlock.into()))
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        let mut called = false;
        let err = tx
            .try_io(|| {
                called = true;
                Ok(())
            })
            .unwrap_err();
        assert!(!called);
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);

        // Not readable yet: the closure does not run.
        let mut called = false;
        let err = rx
            .try_io(|| {
                called = true;
                Ok(())
            })
            .unwrap_err();
        assert!(!called);
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);

        // The closure does the I/O itself, on the descriptor.
        let mut raw_tx = File::from(tx.as_fd().try_clone_to_owned().unwrap());
        raw_tx.write_all(b"r").unwrap();
        rx.readable().await.unwrap();
        let mut byte = [0u8; 1];
        let mut raw_rx = File::from(rx.as_fd().try_clone_to_owned().unwrap());
        assert_eq!(rx.try_io(|| raw_rx.read(&mut byte)).unwrap(), 1);
        assert_eq!(&byte, b"r");
        let err = rx.try_io(|| raw_rx.read(&mut byte)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        let mut called = false;
        let _ = rx.try_io(|| {
            called = true;
            Ok(())
        });
        assert!(!called, "the WouldBlock cleared the readiness");
    });
}

#[test]
fn poll_shutdown_and_flush_do_nothing() {
    block_on(async {
        let (mut tx, mut rx) = pipe::pipe().unwrap();
        tx.shutdown().await.unwrap();
        // Writing still works after a shutdown, as with tokio's pipes.
        tx.write_all(b"after").await.unwrap();
        let mut buf = [0u8; 5];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"after");
    });
}

#[test]
fn reads_and_writes_take_cooperative_budget() {
    block_on(async {
        let (mut tx, mut rx) = pipe::pipe().unwrap();
        tx.write_all(&[1u8; 1000]).await.unwrap();
        rx.readable().await.unwrap();
        // One byte per read from a pipe that always holds more: the budget
        // runs out within one poll, and no byte is lost by the `Pending`.
        let mut total = 0;
        let polls_ready = poll_fn(|cx| {
            let mut ready = 0;
            loop {
                let mut one = [0u8; 1];
                let mut buf = ReadBuf::new(&mut one);
                match Pin::new(&mut rx).poll_read(cx, &mut buf) {
                    Poll::Ready(Ok(())) => {
                        assert_eq!(buf.filled(), &[1]);
                        ready += 1;
                        assert!(ready < 1000, "the budget never ran out");
                    }
                    Poll::Ready(Err(e)) => panic!("{e}"),
                    Poll::Pending => return Poll::Ready(ready),
                }
            }
        })
        .await;
        total += polls_ready;
        assert!(polls_ready > 0);
        let mut rest = vec![0u8; 1000 - total];
        rx.read_exact(&mut rest).await.unwrap();
        assert!(rest.iter().all(|&b| b == 1));
        drop(tx);
        assert_eq!(rx.read(&mut [0u8; 1]).await.unwrap(), 0);
    });
}

#[test]
fn into_blocking_fd_gives_a_working_blocking_descriptor() {
    block_on(async {
        let (tx, mut rx) = pipe::pipe().unwrap();
        let fd: OwnedFd = tx.into_blocking_fd().unwrap();
        assert!(!is_nonblocking(fd.as_fd()));
        let mut file = File::from(fd);
        let writer = std::thread::spawn(move || {
            file.write_all(&[9u8; 100_000]).unwrap();
        });
        let mut got = Vec::new();
        rx.read_to_end(&mut got).await.unwrap();
        writer.join().unwrap();
        assert_eq!(got.len(), 100_000);
        assert!(got.iter().all(|&b| b == 9));

        let (mut tx, rx) = pipe::pipe().unwrap();
        let fd = rx.into_blocking_fd().unwrap();
        assert!(!is_nonblocking(fd.as_fd()));
        tx.write_all(b"blocking read").await.unwrap();
        drop(tx);
        let mut text = String::new();
        File::from(fd).read_to_string(&mut text).unwrap();
        assert_eq!(text, "blocking read");
    });
}

#[test]
fn into_nonblocking_fd_keeps_the_mode_and_the_data() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        tx.writable().await.unwrap();
        assert_eq!(tx.try_write(b"kept").unwrap(), 4);
        let tx_fd = tx.into_nonblocking_fd().unwrap();
        let rx_fd = rx.into_nonblocking_fd().unwrap();
        assert!(is_nonblocking(tx_fd.as_fd()));
        assert!(is_nonblocking(rx_fd.as_fd()));
        // Back in, unchecked: the same pipe, the same bytes.
        let rx = Receiver::from_owned_fd_unchecked(rx_fd).unwrap();
        let tx = Sender::from_owned_fd_unchecked(tx_fd).unwrap();
        assert_eq!(drain(&rx, 4).await, b"kept");
        drop(tx);
        rx.readable().await.unwrap();
        assert_eq!(rx.try_read(&mut [0u8; 4]).unwrap(), 0);
    });
}

#[test]
fn from_owned_fd_checks_then_sets_nonblocking() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        let (tx_fd, rx_fd) = (
            tx.into_blocking_fd().unwrap(),
            rx.into_blocking_fd().unwrap(),
        );
        let mut rx = Receiver::from_owned_fd(rx_fd).unwrap();
        let mut tx = Sender::from_owned_fd(tx_fd).unwrap();
        assert!(is_nonblocking(tx.as_fd()));
        assert!(is_nonblocking(rx.as_fd()));
        tx.write_all(b"adopted").await.unwrap();
        let mut buf = [0u8; 7];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"adopted");
    });
}

#[test]
fn from_owned_fd_rejects_the_wrong_end() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        let err = Sender::from_owned_fd(rx.into_nonblocking_fd().unwrap()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = Receiver::from_owned_fd(tx.into_nonblocking_fd().unwrap()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}

#[test]
fn from_owned_fd_rejects_a_socket() {
    block_on(async {
        let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
        let err = Sender::from_owned_fd(a.into()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = Receiver::from_owned_fd(b.into()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}

#[test]
fn from_file_rejects_a_regular_file() {
    block_on(async {
        let file = TempFile::new("regular");
        let w = std::fs::OpenOptions::new()
            .write(true)
            .open(&file.0)
            .unwrap();
        let err = Sender::from_file(w).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let r = File::open(&file.0).unwrap();
        let err = Receiver::from_file(r).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}

#[test]
fn debug_names_the_end_and_its_descriptor() {
    block_on(async {
        let (tx, rx) = pipe::pipe().unwrap();
        assert_eq!(
            format!("{tx:?}"),
            format!("Sender {{ fd: {} }}", tx.as_raw_fd())
        );
        assert_eq!(
            format!("{rx:?}"),
            format!("Receiver {{ fd: {} }}", rx.as_raw_fd())
        );
    });
}

#[test]
fn dropping_ends_closes_their_descriptors() {
    in_child_process("dropping_ends_closes_their_descriptors", || {
        block_on(async {
            let before = open_fds();
            let (tx, rx) = pipe::pipe().unwrap();
            assert_eq!(open_fds(), before + 2);
            drop(tx);
            drop(rx);
            assert_eq!(open_fds(), before);
            let (tx, _rx) = pipe::pipe().unwrap();
            let fd = tx.into_blocking_fd().unwrap();
            assert_eq!(open_fds(), before + 2);
            drop(fd);
            assert_eq!(open_fds(), before + 1);
        });
    });
}

#[test]
fn operations_after_the_runtime_shut_down_fail() {
    let rt = rt();
    let (tx, rx) = rt.block_on(async { pipe::pipe().unwrap() });
    drop(rt);
    let err = futures::executor::block_on(rx.readable()).unwrap_err();
    assert!(runtime_core::runtime::is_rt_shutdown_err(&err), "{err}");
    // The sender's known readiness still lets a try_write through, as
    // tokio's `try_*` act on what they already know...
    assert_eq!(tx.try_write(b"x").unwrap(), 1);
    // ...but waiting reports the shutdown.
    let mut tx = tx;
    fill(&tx);
    let err = futures::executor::block_on(tx.write_all(b"more")).unwrap_err();
    assert!(runtime_core::runtime::is_rt_shutdown_err(&err), "{err}");
}

// ---- FIFOs ----

#[test]
fn fifo_round_trip() {
    block_on(async {
        let fifo = TempFifo::new("round_trip");
        let mut rx = OpenOptions::new().open_receiver(&fifo).unwrap();
        let mut tx = OpenOptions::new().open_sender(&fifo).unwrap();
        assert!(is_nonblocking(rx.as_fd()) && is_nonblocking(tx.as_fd()));
        assert!(is_cloexec(rx.as_fd()) && is_cloexec(tx.as_fd()));
        tx.write_all(b"through the fifo").await.unwrap();
        drop(tx);
        let mut text = String::new();
        rx.read_to_string(&mut text).await.unwrap();
        assert_eq!(text, "through the fifo");
    });
}

#[test]
fn fifo_reader_reads_eof_then_the_next_writer() {
    block_on(async {
        let fifo = TempFifo::new("writers");
        let mut rx = OpenOptions::new().open_receiver(&fifo).unwrap();
        for msg in [b"first", b"again"] {
            let mut tx = OpenOptions::new().open_sender(&fifo).unwrap();
            tx.write_all(msg).await.unwrap();
            drop(tx);
            let ready = rx.ready(Interest::READABLE).await.unwrap();
            assert!(ready.is_readable() || ready.is_read_closed());
            let mut buf = [0u8; 5];
            rx.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, msg);
            let err = rx.read_exact(&mut buf).await.unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        }
    });
}

#[test]
fn fifo_reader_waits_for_the_first_writer() {
    block_on(async {
        let fifo = TempFifo::new("first_writer");
        let mut rx = OpenOptions::new().open_receiver(&fifo).unwrap();
        let (counter, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        let mut storage = [0u8; 4];
        let mut buf = ReadBuf::new(&mut storage);
        assert!(Pin::new(&mut rx).poll_read(&mut cx, &mut buf).is_pending());

        let mut tx = OpenOptions::new().open_sender(&fifo).unwrap();
        tx.write_all(b"late").await.unwrap();
        while counter.0.load(Ordering::SeqCst) == 0 {
            runtime_core::task::yield_now().await;
        }
        match Pin::new(&mut rx).poll_read(&mut cx, &mut buf) {
            Poll::Ready(Ok(())) => assert_eq!(buf.filled(), b"late"),
            other => panic!("expected data, got {other:?}"),
        }
    });
}

#[test]
fn fifo_try_forms_fill_and_drain() {
    block_on(async {
        let fifo = TempFifo::new("try_forms");
        let rx = OpenOptions::new().open_receiver(&fifo).unwrap();
        let tx = OpenOptions::new().open_sender(&fifo).unwrap();
        tx.writable().await.unwrap();
        let written = fill(&tx);
        assert!(!written.is_empty());
        let got = drain(&rx, written.len()).await;
        assert!(got == written);
    });
}

#[test]
fn open_sender_without_a_reader_is_enxio() {
    block_on(async {
        let fifo = TempFifo::new("no_reader");
        let err = OpenOptions::new().open_sender(&fifo).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENXIO));
        // With a reader it opens.
        let _rx = OpenOptions::new().open_receiver(&fifo).unwrap();
        OpenOptions::new().open_sender(&fifo).unwrap();
    });
}

#[test]
#[cfg(any(target_os = "linux", target_os = "android"))]
fn read_write_sender_opens_and_writes_before_a_reader() {
    block_on(async {
        let fifo = TempFifo::new("rw_sender");
        let mut tx = OpenOptions::new()
            .read_write(true)
            .open_sender(&fifo)
            .unwrap();
        tx.write_all(b"early bird").await.unwrap();
        let mut rx = OpenOptions::new().open_receiver(&fifo).unwrap();
        let mut buf = [0u8; 10];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"early bird");
    });
}

#[test]
#[cfg(any(target_os = "linux", target_os = "android"))]
fn read_write_receiver_never_sees_eof() {
    block_on(async {
        let fifo = TempFifo::new("rw_receiver");
        let mut rx = OpenOptions::new()
            .read_write(true)
            .open_receiver(&fifo)
            .unwrap();
        let mut tx = OpenOptions::new().open_sender(&fifo).unwrap();
        tx.write_all(b"one").await.unwrap();
        drop(tx);
        let ready = rx.ready(Interest::READABLE).await.unwrap();
        assert!(!ready.is_read_closed());
        let mut buf = [0u8; 3];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"one");

        // The writer is gone, yet the read waits instead of ending.
        let (_counter, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        let mut read = pin!(rx.read_exact(&mut buf));
        assert!(read.as_mut().poll(&mut cx).is_pending());
        let mut tx = OpenOptions::new().open_sender(&fifo).unwrap();
        tx.write_all(b"two").await.unwrap();
        drop(tx);
        read.await.unwrap();
        assert_eq!(&buf, b"two");
    });
}

#[test]
fn open_options_reject_a_regular_file_unless_unchecked() {
    block_on(async {
        let file = TempFile::new("not_a_fifo");
        let err = OpenOptions::new().open_receiver(&file.0).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = OpenOptions::new().open_sender(&file.0).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        // Unchecked, the file is opened and handed to the driver, which
        // cannot poll a regular file: the error is epoll's, not the check's.
        let err = OpenOptions::new()
            .unchecked(true)
            .open_receiver(&file.0)
            .unwrap_err();
        assert_ne!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(err.raw_os_error(), Some(libc::EPERM));
    });
}

#[test]
fn open_options_report_a_missing_path() {
    block_on(async {
        let path = unique_path("missing");
        let err = OpenOptions::new().open_receiver(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        let err = OpenOptions::new().open_sender(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn open_options_unchecked_on_a_fifo_works() {
    block_on(async {
        let fifo = TempFifo::new("unchecked");
        let mut options = OpenOptions::new();
        options.unchecked(true);
        let copy = options.clone();
        assert!(format!("{copy:?}").contains("unchecked: true"));
        let mut rx = options.open_receiver(&fifo).unwrap();
        let mut tx = copy.open_sender(&fifo).unwrap();
        tx.write_all(b"ok").await.unwrap();
        let mut buf = [0u8; 2];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"ok");
        assert!(format!("{:?}", OpenOptions::default()).contains("unchecked: false"));
    });
}

#[test]
fn from_file_on_a_fifo_checks_access_mode() {
    block_on(async {
        let fifo = TempFifo::new("access_mode");
        let _reader = OpenOptions::new().open_receiver(&fifo).unwrap();
        let write_only = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        let err = Receiver::from_file(write_only).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let read_only = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        let err = Sender::from_file(read_only).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        // Read-write access serves either end.
        let rw = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&fifo)
            .unwrap();
        let rw2 = rw.try_clone().unwrap();
        Sender::from_file(rw).unwrap();
        Receiver::from_file(rw2).unwrap();
    });
}

#[test]
fn from_file_on_a_fifo_sets_nonblocking() {
    block_on(async {
        let fifo = TempFifo::new("sets_nonblocking");
        // Both sides open, so that blocking opens return at once.
        let _r = OpenOptions::new().open_receiver(&fifo).unwrap();
        let _w = OpenOptions::new().open_sender(&fifo).unwrap();
        let read_only = File::open(&fifo).unwrap();
        assert!(!is_nonblocking(read_only.as_fd()));
        let mut rx = Receiver::from_file(read_only).unwrap();
        assert!(is_nonblocking(rx.as_fd()));
        let write_only = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        assert!(!is_nonblocking(write_only.as_fd()));
        let mut tx = Sender::from_file(write_only).unwrap();
        assert!(is_nonblocking(tx.as_fd()));
        tx.write_all(b"nb").await.unwrap();
        let mut buf = [0u8; 2];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"nb");
    });
}

#[test]
fn from_file_unchecked_on_a_fifo_works() {
    block_on(async {
        let fifo = TempFifo::new("from_file_unchecked");
        let r = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        let mut rx = Receiver::from_file_unchecked(r).unwrap();
        let w = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        let mut tx = Sender::from_file_unchecked(w).unwrap();
        tx.write_all(b"unchecked").await.unwrap();
        let mut buf = [0u8; 9];
        rx.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"unchecked");
    });
}
