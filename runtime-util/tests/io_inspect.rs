//! `InspectReader` and `InspectWriter`: seeing the bytes pass.
#![cfg(feature = "io")]

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_test::io::Builder;
use runtime_test::{assert_ready_ok, task};
use runtime_util::io::{InspectReader, InspectWriter};

#[test]
fn reader_shows_each_run_of_bytes_once() {
    let mock = Builder::new().read(b"abc").read(b"defg").build();
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut reader = InspectReader::new(mock, |b: &[u8]| seen.push(b.to_vec()));
    let mut t = task::spawn(());
    let mut out = [0u8; 16];
    let mut buf = ReadBuf::new(&mut out);
    for _ in 0..3 {
        assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut reader).poll_read(cx, &mut buf)));
    }
    assert_eq!(buf.filled(), b"abcdefg");
    drop(reader);
    // The final EOF read shows nothing (no empty slice).
    assert_eq!(seen, [b"abc".to_vec(), b"defg".to_vec()]);
}

#[test]
fn writer_shows_only_accepted_bytes() {
    /// Accepts at most 2 bytes per write; vectored.
    struct Slow(Vec<u8>);
    impl AsyncWrite for Slow {
        fn poll_write(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            b: &[u8],
        ) -> Poll<io::Result<usize>> {
            let n = b.len().min(2);
            self.0.extend_from_slice(&b[..n]);
            Poll::Ready(Ok(n))
        }
        fn poll_write_vectored(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            bufs: &[IoSlice<'_>],
        ) -> Poll<io::Result<usize>> {
            let mut left = 3;
            let mut n = 0;
            for b in bufs {
                let k = b.len().min(left);
                self.0.extend_from_slice(&b[..k]);
                left -= k;
                n += k;
            }
            Poll::Ready(Ok(n))
        }
        fn is_write_vectored(&self) -> bool {
            true
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut writer = InspectWriter::new(Slow(Vec::new()), |b: &[u8]| seen.push(b.to_vec()));
    assert!(writer.is_write_vectored());
    let mut t = task::spawn(());
    let n = t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b"hello"));
    assert_eq!(assert_ready_ok!(n), 2);
    let bufs = [IoSlice::new(b"ab"), IoSlice::new(b""), IoSlice::new(b"cd")];
    let n = t.enter(|cx, _| Pin::new(&mut writer).poll_write_vectored(cx, &bufs));
    assert_eq!(assert_ready_ok!(n), 3);
    let inner = writer.into_inner();
    assert_eq!(inner.0, b"heabc");
    assert_eq!(seen, [b"he".to_vec(), b"ab".to_vec(), b"c".to_vec()]);
}

#[test]
fn wrappers_forward_the_other_direction() {
    let mock = Builder::new().read(b"in").write(b"out").build();
    let mut reader = InspectReader::new(mock, |_: &[u8]| {});
    // The accessors reach the mock (which has no vectored writes).
    assert!(!reader.get_ref().is_write_vectored());
    assert!(!reader.get_mut().is_write_vectored());
    assert!(!Pin::new(&mut reader).get_pin_mut().is_write_vectored());
    let mut t = task::spawn(());
    let n = t.enter(|cx, _| Pin::new(&mut reader).poll_write(cx, b"out"));
    assert_eq!(assert_ready_ok!(n), 3);
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut reader).poll_flush(cx)));
    let mut writer = InspectWriter::new(reader.into_inner(), |_: &[u8]| {});
    let mut out = [0u8; 4];
    let mut buf = ReadBuf::new(&mut out);
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut writer).poll_read(cx, &mut buf)));
    assert_eq!(buf.filled(), b"in");
}
