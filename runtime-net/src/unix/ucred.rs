//! [`UCred`]: the credentials of a Unix socket's peer.

use crate::sys;

/// A user id.
#[allow(non_camel_case_types)] // tokio's (and libc's) name
pub type uid_t = u32;
/// A group id.
#[allow(non_camel_case_types)] // tokio's (and libc's) name
pub type gid_t = u32;
/// A process id.
#[allow(non_camel_case_types)] // tokio's (and libc's) name
pub type pid_t = i32;

/// The credentials of the process at the other end of a
/// [`UnixStream`](crate::UnixStream), as the kernel recorded them when the
/// connection was made; see [`UnixStream::peer_cred`](crate::UnixStream::peer_cred).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UCred {
    pid: Option<pid_t>,
    uid: uid_t,
    gid: gid_t,
}

impl UCred {
    /// The peer's user id.
    pub fn uid(&self) -> uid_t {
        self.uid
    }

    /// The peer's group id.
    pub fn gid(&self) -> gid_t {
        self.gid
    }

    /// The peer's process id, where the platform reports it (Linux,
    /// Android).
    pub fn pid(&self) -> Option<pid_t> {
        self.pid
    }

    pub(crate) fn get(fd: std::os::fd::BorrowedFd<'_>) -> std::io::Result<UCred> {
        let raw = sys::peer_cred(fd)?;
        Ok(UCred {
            pid: raw.pid,
            uid: raw.uid,
            gid: raw.gid,
        })
    }
}
