//! [`read_exact_arc`]: read an exact number of bytes into an `Arc<[u8]>`.

use std::future::poll_fn;
use std::io;
use std::pin::pin;
use std::sync::Arc;

use runtime_core::io::{AsyncRead, ReadBuf};

/// Reads exactly `len` bytes from `read` and returns them as an
/// `Arc<[u8]>`.
///
/// Reads that fail with [`Interrupted`](io::ErrorKind::Interrupted) are
/// retried.
///
/// The bytes are read into a zeroed buffer, then moved into the `Arc` (one
/// copy; tokio-util reads into the `Arc`'s uninitialised memory directly).
///
/// # Errors
///
/// [`UnexpectedEof`](io::ErrorKind::UnexpectedEof) if the reader ends
/// before `len` bytes; any other error of the reader as it is.
///
/// # Examples
///
/// ```
/// use runtime_util::io::read_exact_arc;
///
/// # runtime_test::block_on(async {
/// let input: &[u8] = b"hello world";
/// let arc = read_exact_arc(input, 5).await.unwrap();
/// assert_eq!(&arc[..], b"hello");
/// # });
/// ```
pub async fn read_exact_arc<R: AsyncRead>(read: R, len: usize) -> io::Result<Arc<[u8]>> {
    let mut read = pin!(read);
    let mut bytes = vec![0u8; len];
    let mut filled = 0;
    while filled < len {
        let mut buf = ReadBuf::new(&mut bytes[filled..]);
        match poll_fn(|cx| read.as_mut().poll_read(cx, &mut buf)).await {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            result => result?,
        }
        let n = buf.filled().len();
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "early eof"));
        }
        filled += n;
    }
    Ok(Arc::from(bytes))
}
