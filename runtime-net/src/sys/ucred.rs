//! The credentials of a Unix socket's peer.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};

/// The peer's process id, user id and group id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawCred {
    pub(crate) pid: Option<i32>,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
}

/// `SO_PEERCRED` on Linux and Android.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn peer_cred(fd: BorrowedFd<'_>) -> io::Result<RawCred> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    syscall!(getsockopt(
        fd.as_raw_fd(),
        libc::SOL_SOCKET,
        libc::SO_PEERCRED,
        (&raw mut cred).cast::<libc::c_void>(),
        &raw mut len,
    ))?;
    if len as usize != std::mem::size_of::<libc::ucred>() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "short SO_PEERCRED reply",
        ));
    }
    Ok(RawCred {
        pid: Some(cred.pid),
        uid: cred.uid,
        gid: cred.gid,
    })
}

/// `getpeereid` on the BSDs and macOS (no process id).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn peer_cred(fd: BorrowedFd<'_>) -> io::Result<RawCred> {
    let mut uid = 0;
    let mut gid = 0;
    syscall!(getpeereid(fd.as_raw_fd(), &raw mut uid, &raw mut gid))?;
    Ok(RawCred {
        pid: None,
        uid,
        gid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsFd;

    #[test]
    fn pair_peer_is_this_process() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let cred = peer_cred(a.as_fd()).unwrap();
        // SAFETY: getuid/getgid/getpid cannot fail and touch no memory.
        let (uid, gid, pid) = unsafe { (libc::getuid(), libc::getgid(), libc::getpid()) };
        assert_eq!((cred.uid, cred.gid), (uid, gid));
        if cfg!(target_os = "linux") {
            assert_eq!(cred.pid, Some(pid));
        }
    }

    #[test]
    fn not_a_socket_is_an_error() {
        let file = std::fs::File::open("/dev/null").unwrap();
        let err = peer_cred(file.as_fd()).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOTSOCK));
    }
}
