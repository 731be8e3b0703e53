//! Receiving into possibly uninitialised buffers.

use std::io;
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, BorrowedFd};

/// `recv(2)` into `buf`, which may be uninitialised. Returns how many bytes
/// the kernel wrote (and so initialised) at the start of `buf`.
pub(crate) fn recv(
    fd: BorrowedFd<'_>,
    buf: &mut [MaybeUninit<u8>],
    flags: libc::c_int,
) -> io::Result<usize> {
    // The kernel writes at most `buf.len()` bytes through the pointer and
    // never reads from it, so uninitialised memory is fine.
    let n = syscall!(recv(
        fd.as_raw_fd(),
        buf.as_mut_ptr().cast::<libc::c_void>(),
        buf.len(),
        flags,
    ))?;
    Ok(n as usize)
}

/// `recvfrom(2)` into a possibly uninitialised `buf`, with the sender's
/// address.
pub(crate) fn recv_from(
    fd: BorrowedFd<'_>,
    buf: &mut [MaybeUninit<u8>],
    flags: libc::c_int,
) -> io::Result<(usize, SocketAddr)> {
    let sock = socket2::SockRef::from(&fd);
    let (n, addr) = if flags & libc::MSG_PEEK != 0 {
        sock.peek_from(buf)?
    } else {
        sock.recv_from(buf)?
    };
    let addr = addr
        .as_socket()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "not an IP socket address"))?;
    Ok((n, addr))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::fd::AsFd;
    use std::os::unix::net::UnixStream;

    #[test]
    fn recv_fills_uninit_buffer_and_reports_would_block() {
        let (mut a, b) = UnixStream::pair().unwrap();
        b.set_nonblocking(true).unwrap();
        a.write_all(b"hello").unwrap();
        let mut buf = [MaybeUninit::<u8>::uninit(); 16];
        let n = recv(b.as_fd(), &mut buf, 0).unwrap();
        assert_eq!(n, 5);
        // SAFETY: the kernel initialised the first `n` bytes.
        let got: Vec<u8> = buf[..n]
            .iter()
            .map(|b| unsafe { b.assume_init() })
            .collect();
        assert_eq!(got, b"hello");
        let err = recv(b.as_fd(), &mut buf, 0).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
    }

    #[test]
    fn recv_from_peek_leaves_datagram_in_place() {
        let a = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let b = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        a.send_to(b"ping", b.local_addr().unwrap()).unwrap();
        let mut buf = [MaybeUninit::<u8>::uninit(); 8];
        let (n, from) = recv_from(b.as_fd(), &mut buf, libc::MSG_PEEK).unwrap();
        assert_eq!((n, from), (4, a.local_addr().unwrap()));
        let (n, from) = recv_from(b.as_fd(), &mut buf, 0).unwrap();
        assert_eq!((n, from), (4, a.local_addr().unwrap()));
        b.set_nonblocking(true).unwrap();
        let err = recv_from(b.as_fd(), &mut buf, 0).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
    }
}
