//! stdin / stdout / stderr on the blocking pool.

use std::os::fd::{AsFd, AsRawFd};

use runtime_core::io::{self, AsyncWriteExt};
use runtime_core::runtime::Builder;

#[test]
fn stdout_and_stderr_write_and_flush() {
    let rt = Builder::new_current_thread().build().unwrap();
    rt.block_on(async {
        let mut out = io::stdout();
        assert_eq!(out.write(b"").await.unwrap(), 0);
        out.write_all(b"io_stdio: to stdout\n").await.unwrap();
        out.flush().await.unwrap();
        let mut err = io::stderr();
        err.write_all(b"io_stdio: to stderr\n").await.unwrap();
        err.shutdown().await.unwrap();
    });
}

#[test]
fn handles_expose_the_standard_descriptors() {
    assert_eq!(io::stdin().as_raw_fd(), 0);
    assert_eq!(io::stdout().as_raw_fd(), 1);
    assert_eq!(io::stderr().as_raw_fd(), 2);
    assert_eq!(io::stdout().as_fd().as_raw_fd(), 1);
}

#[test]
fn handles_are_send_sync_unpin() {
    fn check<T: Send + Sync + Unpin>() {}
    check::<io::Stdin>();
    check::<io::Stdout>();
    check::<io::Stderr>();
}

#[test]
#[should_panic]
fn writing_outside_a_runtime_panics() {
    futures::executor::block_on(async {
        let _ = io::stdout().write_all(b"no runtime\n").await;
    });
}
