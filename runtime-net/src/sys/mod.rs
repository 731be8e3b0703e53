//! The operating-system calls runtime-net makes itself, beyond what mio and
//! socket2 wrap.
//!
//! Every platform must provide: `recv` into possibly uninitialised memory
//! (reads that skip zeroing the caller's buffer), `recv_from` likewise with
//! the peer address, `peer_cred` for Unix sockets, and for pipes `read`
//! into possibly uninitialised memory and the access mode of a descriptor.
//! Every libc call goes through the one [`syscall!`] macro, which turns `-1`
//! into the thread's `errno` as an `io::Error`. Only Unix is supported, as tokio's Unix-only
//! items are; the TCP and UDP paths use nothing beyond POSIX.

/// Calls a libc function, turning a `-1` result into `io::Error::last_os_error()`.
macro_rules! syscall {
    ($fn:ident ( $($arg:expr),* $(,)? )) => {{
        // SAFETY: each caller states why its arguments are valid for `$fn`.
        let res = unsafe { libc::$fn($($arg),*) };
        if res == -1 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(res)
        }
    }};
}

/// Refuses, in debug builds, to register a socket that is in blocking mode.
///
/// `from_std` constructors do not change the mode of the socket they are
/// given; a blocking one would stall the runtime's thread on its first
/// operation, far from the mistake. Like tokio 1.x, debug builds catch it at
/// the constructor with a panic that names the fix, and
/// `--cfg runtime_allow_from_blocking_fd` turns the check off. Release
/// builds skip the `fcntl`.
#[track_caller]
pub(crate) fn check_not_blocking(fd: std::os::fd::BorrowedFd<'_>) -> std::io::Result<()> {
    #[cfg(all(debug_assertions, not(runtime_allow_from_blocking_fd)))]
    {
        let nonblocking = socket2::SockRef::from(&fd).nonblocking()?;
        assert!(
            nonblocking,
            "registering a blocking socket with the runtime is unsupported: \
             call `set_nonblocking(true)` on it first (or build with \
             `--cfg runtime_allow_from_blocking_fd` to allow it)"
        );
    }
    #[cfg(not(all(debug_assertions, not(runtime_allow_from_blocking_fd))))]
    let _ = fd;
    Ok(())
}

mod pipe;
mod read_buf;
mod socket;
mod ucred;

pub(crate) use pipe::access_mode;
pub(crate) use read_buf::{
    read_buf_mut, read_read_buf, recv_buf_mut, recv_from_buf_mut, recv_from_read_buf,
    recv_from_unix_buf_mut, recv_read_buf,
};
pub(crate) use socket::{recv, recv_from};
pub(crate) use ucred::peer_cred;
