//! The system calls std does not wrap: opening a pidfd, and waiting for a
//! child's exit without reaping it.
//!
//! Both are thin: the arguments are plain integers or an out-parameter we
//! own, and every result is checked. Miri cannot run them, so the unit tests
//! that reach them are skipped under Miri.

use std::io;
use std::os::fd::OwnedFd;

/// Opens a pidfd for `pid` (Linux 5.3 and later): a descriptor that becomes
/// readable once the process has exited. `None` when the kernel (or a
/// seccomp filter) does not offer `pidfd_open`, or on any other failure:
/// the caller then waits with a thread instead, which always works.
///
/// The pid must be an unreaped child of ours, so that it cannot have been
/// recycled for another process.
#[cfg(target_os = "linux")]
pub(crate) fn pidfd_open(pid: u32) -> Option<OwnedFd> {
    use std::os::fd::{FromRawFd, RawFd};

    if super::waiter::force_thread_waiter() {
        return None;
    }
    let pid = libc::pid_t::try_from(pid).ok()?;
    // SAFETY: pidfd_open takes the pid and a flags word by value and reads
    // no memory of ours. The kernel always sets close-on-exec on the new
    // descriptor.
    let ret = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if ret < 0 {
        return None;
    }
    let fd = RawFd::try_from(ret).ok()?;
    // SAFETY: a non-negative result of pidfd_open is a fresh descriptor that
    // nothing else owns; the `OwnedFd` becomes its only owner and closes it.
    Some(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Without pidfds, every exit is waited for by a thread.
#[cfg(not(target_os = "linux"))]
pub(crate) fn pidfd_open(_pid: u32) -> Option<OwnedFd> {
    None
}

/// Blocks until the child `pid` has exited (or was stopped by being
/// reaped elsewhere), *without* reaping it: the zombie stays, so the pid
/// cannot be recycled before the owner of the `std::process::Child` reaps
/// it with `try_wait`.
///
/// # Errors
///
/// `waitid`'s error: `ECHILD` when the pid is no child of ours (already
/// reaped, by us or by someone calling `waitpid(-1)`).
pub(crate) fn wait_exit_without_reaping(pid: u32) -> io::Result<()> {
    let id = libc::id_t::from(pid);
    loop {
        // SAFETY: `siginfo_t` is a C struct of integers (and a union of
        // integers), for which all-zero bytes are a valid value.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `info` is a live, writable `siginfo_t` for the whole call;
        // the other arguments are plain integers.
        let ret =
            unsafe { libc::waitid(libc::P_PID, id, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if ret == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}
