//! AsyncFd over a non-blocking Unix stream pair (any fd epoll accepts).

mod support;

use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream as StdUnixStream;

use runtime_core::io::{Interest, Ready};
use runtime_net::AsyncFd;
use support::*;

fn nb_pair() -> (StdUnixStream, StdUnixStream) {
    let (a, b) = StdUnixStream::pair().unwrap();
    a.set_nonblocking(true).unwrap();
    b.set_nonblocking(true).unwrap();
    (a, b)
}

#[test]
fn readable_guard_try_io_and_clear() {
    block_on(async {
        let (a, mut b) = nb_pair();
        let fd = AsyncFd::new(a).unwrap();
        b.write_all(b"data").unwrap();
        let mut buf = [0u8; 16];
        let mut guard = fd.readable().await.unwrap();
        assert!(guard.ready().is_readable());
        let n = guard
            .try_io(|inner| inner.get_ref().read(&mut buf))
            .expect("ready")
            .unwrap();
        assert_eq!(&buf[..n], b"data");
        // Drained: the next try_io sees WouldBlock and clears the readiness.
        assert!(
            guard
                .try_io(|inner| inner.get_ref().read(&mut buf))
                .is_err()
        );
        assert_eq!(guard.ready(), Ready::EMPTY);
        // After clearing, try_io on the AsyncFd itself does not even call f.
        let mut called = false;
        let err = fd
            .try_io(Interest::READABLE, |_| {
                called = true;
                Ok(())
            })
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert!(!called);
        // New data: readable again.
        b.write_all(b"more").unwrap();
        let n = fd
            .async_io(Interest::READABLE, |inner| (&*inner).read(&mut buf))
            .await
            .unwrap();
        assert_eq!(&buf[..n], b"more");
    });
}

#[test]
fn writable_and_ready_with_interest() {
    block_on(async {
        let (a, _b) = nb_pair();
        let fd = AsyncFd::with_interest(a, Interest::WRITABLE).unwrap();
        let guard = fd.writable().await.unwrap();
        assert!(guard.ready().is_writable());
        assert!(!guard.ready().is_readable());
        let guard = fd.ready(Interest::WRITABLE).await.unwrap();
        assert!(guard.ready().is_writable());
        let n = fd.get_ref().write(b"x").unwrap();
        assert_eq!(n, 1);
    });
}

#[test]
fn peer_close_reports_read_closed_and_is_never_cleared() {
    block_on(async {
        let (a, b) = nb_pair();
        let mut fd = AsyncFd::new(a).unwrap();
        drop(b);
        let mut guard = fd.readable_mut().await.unwrap();
        assert!(guard.ready().is_read_closed());
        guard.clear_ready();
        // Closed halves stay reported.
        let guard = fd.readable().await.unwrap();
        assert!(guard.ready().is_read_closed());
        let mut buf = [0u8; 4];
        assert_eq!(guard.get_inner().read(&mut buf).unwrap(), 0);
    });
}

#[test]
fn clear_ready_matching_clears_only_the_given_bits() {
    block_on(async {
        let (a, mut b) = nb_pair();
        let fd = AsyncFd::new(a).unwrap();
        b.write_all(b"r").unwrap();
        let mut guard = fd
            .ready(Interest::READABLE | Interest::WRITABLE)
            .await
            .unwrap();
        // Wait until both are reported (writable is immediate, readable
        // follows the write).
        while !(guard.ready().is_readable() && guard.ready().is_writable()) {
            runtime_core::task::yield_now().await;
            guard = fd
                .ready(Interest::READABLE | Interest::WRITABLE)
                .await
                .unwrap();
        }
        guard.clear_ready_matching(Ready::WRITABLE);
        assert!(guard.ready().is_readable());
        assert!(!guard.ready().is_writable());
    });
}

#[test]
fn into_inner_deregisters_and_keeps_the_fd_open() {
    block_on(async {
        let (a, mut b) = nb_pair();
        let raw = a.as_raw_fd();
        let fd = AsyncFd::new(a).unwrap();
        let mut a = fd.into_inner();
        assert_eq!(a.as_raw_fd(), raw);
        b.write_all(b"ok").unwrap();
        let mut buf = [0u8; 2];
        a.set_nonblocking(false).unwrap();
        a.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"ok");
        // It can be registered again.
        a.set_nonblocking(true).unwrap();
        let fd = AsyncFd::new(a).unwrap();
        assert_eq!(fd.as_raw_fd(), raw);
    });
}

/// A wrapper that offers only `AsRawFd` (no `AsFd`), as older fd types do.
struct RawOnly(StdUnixStream);

impl AsRawFd for RawOnly {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.0.as_raw_fd()
    }
}

#[test]
fn as_fd_needs_only_as_raw_fd_of_the_inner_type() {
    use std::os::fd::AsFd;
    block_on(async {
        let (a, mut b) = nb_pair();
        let raw = a.as_raw_fd();
        let fd = AsyncFd::new(RawOnly(a)).unwrap();
        let borrowed = fd.as_fd();
        assert_eq!(borrowed.as_raw_fd(), raw);
        // The borrowed descriptor is the live socket: a duplicate of it
        // reads what the peer wrote.
        let mut dup = StdUnixStream::from(borrowed.try_clone_to_owned().unwrap());
        b.write_all(b"via as_fd").unwrap();
        let mut guard = fd.readable().await.unwrap();
        let mut buf = [0u8; 9];
        guard.try_io(|_| dup.read_exact(&mut buf)).unwrap().unwrap();
        assert_eq!(&buf, b"via as_fd");
    });
}

#[test]
fn try_new_gives_back_what_epoll_refuses() {
    block_on(async {
        // Regular files cannot be registered with epoll (EPERM).
        let file = std::fs::File::open("/proc/self/exe").unwrap();
        let err = AsyncFd::try_new(file).unwrap_err();
        let (file, cause) = err.into_parts();
        assert_eq!(cause.raw_os_error(), Some(libc::EPERM));
        // The file is handed back intact.
        assert!(file.metadata().unwrap().len() > 0);
        let file = std::fs::File::open("/proc/self/exe").unwrap();
        let err = AsyncFd::new(file).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EPERM));
    });
}

#[test]
fn register_is_new_with_the_io_safety_contract_spelled_out() {
    block_on(async {
        let (a, mut b) = nb_pair();
        // SAFETY: `a` owns its descriptor, which stays open and the same
        // for as long as the AsyncFd owns `a`.
        let fd = unsafe { AsyncFd::register_with_interest(a, Interest::READABLE) }
            .map_err(|e| e.into_parts().1)
            .unwrap();
        b.write_all(b"x").unwrap();
        let mut guard = fd.readable().await.unwrap();
        let mut buf = [0u8; 4];
        let n = guard
            .try_io(|inner| inner.get_ref().read(&mut buf))
            .expect("ready")
            .unwrap();
        assert_eq!(&buf[..n], b"x");

        // What epoll refuses comes back with the error, as from `try_new`.
        let file = std::fs::File::open("/proc/self/exe").unwrap();
        // SAFETY: `file` owns its descriptor for the whole call.
        let err = unsafe { AsyncFd::register(file) }.unwrap_err();
        assert_eq!(
            err.to_string(),
            io::Error::from_raw_os_error(libc::EPERM).to_string()
        );
        let (file, cause): (std::fs::File, io::Error) =
            runtime_net::AsyncFdRegisterError::into_parts(err);
        assert_eq!(cause.raw_os_error(), Some(libc::EPERM));
        assert!(file.metadata().unwrap().len() > 0);
    });
}

#[test]
fn many_tasks_wait_on_one_fd_and_all_wake() {
    block_on(async {
        let (a, mut b) = nb_pair();
        let fd = std::sync::Arc::new(AsyncFd::new(a).unwrap());
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let fd = fd.clone();
                runtime_core::task::spawn(async move {
                    let guard = fd.readable().await.unwrap();
                    guard.ready().is_readable()
                })
            })
            .collect();
        runtime_core::task::yield_now().await;
        b.write_all(b"!").unwrap();
        for t in tasks {
            assert!(t.await.unwrap());
        }
    });
}
