//! The system calls behind `unix::pipe` that neither std nor mio offer:
//! `read(2)` into possibly uninitialised memory, and the file status flags
//! that tell a pipe end's access mode.

use std::io;
use std::mem::MaybeUninit;
use std::os::fd::{AsRawFd, BorrowedFd};

/// `read(2)` into `buf`, which may be uninitialised. Returns how many bytes
/// the kernel wrote (and so initialised) at the start of `buf`.
pub(crate) fn read(fd: BorrowedFd<'_>, buf: &mut [MaybeUninit<u8>]) -> io::Result<usize> {
    // SAFETY: `fd` is open for the borrow's lifetime; the kernel writes at
    // most `buf.len()` bytes through the pointer and never reads them, so
    // uninitialised memory is fine.
    let n = syscall!(read(
        fd.as_raw_fd(),
        buf.as_mut_ptr().cast::<libc::c_void>(),
        buf.len(),
    ))?;
    Ok(n as usize)
}

/// How a descriptor was opened: which of reading and writing it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AccessMode {
    pub(crate) read: bool,
    pub(crate) write: bool,
}

/// The access mode of `fd`, from its status flags (`fcntl(F_GETFL)`).
pub(crate) fn access_mode(fd: BorrowedFd<'_>) -> io::Result<AccessMode> {
    // SAFETY: `F_GETFL` takes no argument and only reads the flags of `fd`,
    // which is open for the borrow's lifetime.
    let flags = syscall!(fcntl(fd.as_raw_fd(), libc::F_GETFL))?;
    let mode = flags & libc::O_ACCMODE;
    Ok(AccessMode {
        read: mode == libc::O_RDONLY || mode == libc::O_RDWR,
        write: mode == libc::O_WRONLY || mode == libc::O_RDWR,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::fd::AsFd;

    #[test]
    fn read_fills_uninit_buffer_and_reports_eof() {
        let (mut tx, rx) = mio::unix::pipe::new().unwrap();
        tx.write_all(b"pipe").unwrap();
        drop(tx);
        let mut buf = [MaybeUninit::<u8>::uninit(); 16];
        let n = read(rx.as_fd(), &mut buf).unwrap();
        assert_eq!(n, 4);
        // SAFETY: the kernel initialised the first `n` bytes.
        let got: Vec<u8> = buf[..n]
            .iter()
            .map(|b| unsafe { b.assume_init() })
            .collect();
        assert_eq!(got, b"pipe");
        assert_eq!(read(rx.as_fd(), &mut buf).unwrap(), 0);
    }

    #[test]
    fn read_on_an_empty_non_blocking_pipe_would_block() {
        let (_tx, rx) = mio::unix::pipe::new().unwrap();
        let mut buf = [MaybeUninit::<u8>::uninit(); 4];
        let err = read(rx.as_fd(), &mut buf).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
    }

    #[test]
    fn read_wrappers_fill_read_buf_and_buf_mut() {
        let (mut tx, rx) = mio::unix::pipe::new().unwrap();
        tx.write_all(b"abcdef").unwrap();
        let mut storage = [MaybeUninit::<u8>::uninit(); 4];
        let mut buf = runtime_core::io::ReadBuf::uninit(&mut storage);
        assert_eq!(crate::sys::read_read_buf(rx.as_fd(), &mut buf).unwrap(), 4);
        assert_eq!(buf.filled(), b"abcd");
        let mut v = Vec::with_capacity(8);
        assert_eq!(crate::sys::read_buf_mut(rx.as_fd(), &mut v).unwrap(), 2);
        assert_eq!(v, b"ef");
        let err = crate::sys::read_buf_mut(rx.as_fd(), &mut v).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert_eq!(v, b"ef");
    }

    #[test]
    fn access_modes_of_the_two_ends() {
        let (tx, rx) = mio::unix::pipe::new().unwrap();
        let r = access_mode(rx.as_fd()).unwrap();
        assert_eq!((r.read, r.write), (true, false));
        let w = access_mode(tx.as_fd()).unwrap();
        assert_eq!((w.read, w.write), (false, true));
    }
}
