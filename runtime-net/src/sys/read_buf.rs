//! Filling a `ReadBuf` or a `BufMut` straight from the kernel, without
//! zeroing the buffer first.
//!
//! The only `unsafe` of the socket read paths lives here, in two helpers
//! whose contract is stated once: the fill function writes initialised bytes
//! to the front of the slice it is handed and reports how many. [`recv`]
//! (super::recv) and the pipes' [`read`](super::pipe::read) keep that
//! contract (the kernel writes exactly the bytes it returns), so the safe
//! wrappers below may call the helpers. The helpers themselves are tested
//! under miri with plain closures.

use std::io;
use std::mem::MaybeUninit;
use std::os::fd::BorrowedFd;

use runtime_core::io::ReadBuf;

/// Lets `fill` write into the unfilled part of `buf`, then marks the bytes
/// it reports as initialised and filled. Returns that count.
///
/// # Safety
///
/// `fill` must write initialised bytes to the first `n` elements of the
/// slice it is given (and never write uninitialised ones anywhere), and
/// return `Ok(n)` with `n` at most the slice's length.
pub(crate) unsafe fn fill_read_buf(
    buf: &mut ReadBuf<'_>,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> io::Result<usize>,
) -> io::Result<usize> {
    // SAFETY: the slice is only handed to `fill`, which (by this function's
    // contract) writes nothing but initialised bytes, so no initialised byte
    // is de-initialised.
    let unfilled = unsafe { buf.unfilled_mut() };
    let len = unfilled.len();
    let n = fill(unfilled)?;
    assert!(n <= len, "fill reported {n} bytes for a {len}-byte buffer");
    // SAFETY: `fill` initialised the first `n` unfilled bytes.
    unsafe { buf.assume_init(n) };
    buf.advance(n);
    Ok(n)
}

/// Lets `fill` write into the next chunk of `buf`, then advances `buf` by
/// the count it reports.
///
/// # Safety
///
/// As for [`fill_read_buf`].
pub(crate) unsafe fn fill_buf_mut<B: bytes::BufMut + ?Sized>(
    buf: &mut B,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> io::Result<usize>,
) -> io::Result<usize> {
    let chunk = buf.chunk_mut();
    // SAFETY: an `UninitSlice` may be viewed as `[MaybeUninit<u8>]` as long
    // as no uninitialised byte is written, which `fill` promises.
    let slice = unsafe { chunk.as_uninit_slice_mut() };
    let len = slice.len();
    let n = fill(slice)?;
    assert!(n <= len, "fill reported {n} bytes for a {len}-byte chunk");
    // SAFETY: the first `n` bytes of the chunk are initialised.
    unsafe { buf.advance_mut(n) };
    Ok(n)
}

/// `recv(2)` into the unfilled part of `buf`, returning the count.
pub(crate) fn recv_read_buf(
    fd: BorrowedFd<'_>,
    buf: &mut ReadBuf<'_>,
    flags: libc::c_int,
) -> io::Result<usize> {
    // SAFETY: `recv` writes exactly the bytes it reports.
    unsafe { fill_read_buf(buf, |slice| super::recv(fd, slice, flags)) }
}

/// `recv(2)` into the next chunk of `buf`, returning the count.
pub(crate) fn recv_buf_mut<B: bytes::BufMut + ?Sized>(
    fd: BorrowedFd<'_>,
    buf: &mut B,
) -> io::Result<usize> {
    // SAFETY: `recv` writes exactly the bytes it reports.
    unsafe { fill_buf_mut(buf, |slice| super::recv(fd, slice, 0)) }
}

/// `read(2)` into the unfilled part of `buf`, returning the count: the read
/// path of descriptors that are not sockets (pipes).
pub(crate) fn read_read_buf(fd: BorrowedFd<'_>, buf: &mut ReadBuf<'_>) -> io::Result<usize> {
    // SAFETY: `read` writes exactly the bytes it reports.
    unsafe { fill_read_buf(buf, |slice| super::pipe::read(fd, slice)) }
}

/// `read(2)` into the next chunk of `buf`, returning the count.
pub(crate) fn read_buf_mut<B: bytes::BufMut + ?Sized>(
    fd: BorrowedFd<'_>,
    buf: &mut B,
) -> io::Result<usize> {
    // SAFETY: `read` writes exactly the bytes it reports.
    unsafe { fill_buf_mut(buf, |slice| super::pipe::read(fd, slice)) }
}

/// `recvfrom(2)` into the unfilled part of `buf`, returning the sender.
pub(crate) fn recv_from_read_buf(
    fd: BorrowedFd<'_>,
    buf: &mut ReadBuf<'_>,
    flags: libc::c_int,
) -> io::Result<std::net::SocketAddr> {
    let mut from = None;
    // SAFETY: `recvfrom` writes exactly the bytes it reports.
    unsafe {
        fill_read_buf(buf, |slice| {
            let (n, addr) = super::recv_from(fd, slice, flags)?;
            from = Some(addr);
            Ok(n)
        })?
    };
    Ok(from.expect("set on success"))
}

/// `recvfrom(2)` into the next chunk of `buf`, returning count and sender.
pub(crate) fn recv_from_buf_mut<B: bytes::BufMut + ?Sized>(
    fd: BorrowedFd<'_>,
    buf: &mut B,
) -> io::Result<(usize, std::net::SocketAddr)> {
    let mut from = None;
    // SAFETY: `recvfrom` writes exactly the bytes it reports.
    let n = unsafe {
        fill_buf_mut(buf, |slice| {
            let (n, addr) = super::recv_from(fd, slice, 0)?;
            from = Some(addr);
            Ok(n)
        })?
    };
    Ok((n, from.expect("set on success")))
}

/// `recvfrom(2)` on a Unix datagram socket into the next chunk of `buf`,
/// returning count and sender.
pub(crate) fn recv_from_unix_buf_mut<B: bytes::BufMut + ?Sized>(
    fd: BorrowedFd<'_>,
    buf: &mut B,
) -> io::Result<(usize, std::os::unix::net::SocketAddr)> {
    let mut from = None;
    // SAFETY: `recvfrom` writes exactly the bytes it reports.
    let n = unsafe {
        fill_buf_mut(buf, |slice| {
            let (n, addr) = socket2::SockRef::from(&fd).recv_from(slice)?;
            from = Some(addr);
            Ok(n)
        })?
    };
    let addr = from
        .expect("set on success")
        .as_unix()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "not a Unix socket address"))?;
    Ok((n, addr))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(slice: &mut [MaybeUninit<u8>], data: &[u8]) -> io::Result<usize> {
        let n = data.len().min(slice.len());
        for (dst, src) in slice.iter_mut().zip(&data[..n]) {
            dst.write(*src);
        }
        Ok(n)
    }

    #[test]
    fn fills_an_uninitialised_read_buf() {
        let mut storage = [MaybeUninit::<u8>::uninit(); 8];
        let mut buf = ReadBuf::uninit(&mut storage);
        // SAFETY: `write` initialises exactly the bytes it reports.
        let n = unsafe { fill_read_buf(&mut buf, |s| write(s, b"abc")) }.unwrap();
        assert_eq!(n, 3);
        assert_eq!(buf.filled(), b"abc");
        assert_eq!(buf.initialized().len(), 3);
        // SAFETY: as above.
        let n = unsafe { fill_read_buf(&mut buf, |s| write(s, b"defghijk")) }.unwrap();
        assert_eq!(n, 5);
        assert_eq!(buf.filled(), b"abcdefgh");
        assert_eq!(buf.remaining(), 0);
    }

    #[test]
    fn error_leaves_the_buffer_untouched() {
        let mut storage = [0u8; 4];
        let mut buf = ReadBuf::new(&mut storage);
        buf.put_slice(b"x");
        // SAFETY: the closure writes nothing.
        let err = unsafe { fill_read_buf(&mut buf, |_| Err(io::ErrorKind::WouldBlock.into())) }
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        assert_eq!(buf.filled(), b"x");
        assert_eq!(buf.initialized().len(), 4);
    }

    #[test]
    #[should_panic(expected = "fill reported 9 bytes")]
    fn overlong_count_is_caught() {
        let mut storage = [0u8; 8];
        let mut buf = ReadBuf::new(&mut storage);
        // SAFETY: the buffer is fully initialised already, so even the lie
        // about the count cannot expose uninitialised memory; the assert
        // fires first.
        let _ = unsafe { fill_read_buf(&mut buf, |_| Ok(9)) };
    }

    #[test]
    fn fills_buf_mut_vec_and_bytes_mut() {
        let mut v: Vec<u8> = Vec::with_capacity(4);
        // SAFETY: `write` initialises exactly the bytes it reports.
        let n = unsafe { fill_buf_mut(&mut v, |s| write(s, b"hey")) }.unwrap();
        assert_eq!((n, &v[..]), (3, &b"hey"[..]));
        let mut b = bytes::BytesMut::with_capacity(2);
        // SAFETY: as above.
        let n = unsafe { fill_buf_mut(&mut b, |s| write(s, b"zz")) }.unwrap();
        assert_eq!((n, &b[..]), (2, &b"zz"[..]));
        // SAFETY: the closure writes nothing.
        let err = unsafe { fill_buf_mut(&mut b, |_| Err(io::Error::other("boom"))) }.unwrap_err();
        assert_eq!(err.to_string(), "boom");
        assert_eq!(&b[..], b"zz");
    }
}
