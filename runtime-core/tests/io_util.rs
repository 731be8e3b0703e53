//! empty, sink, repeat, join.

#[path = "support/io_mock.rs"]
mod mock;

use std::io::SeekFrom;

use mock::{Trickle, block_on};
use runtime_core::io::{self, AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

#[test]
fn empty_reads_eof_and_swallows_writes() {
    block_on(async {
        let mut e = io::empty();
        let mut buf = [0u8; 4];
        assert_eq!(e.read(&mut buf).await.unwrap(), 0);
        assert!(e.fill_buf().await.unwrap().is_empty());
        let mut s = String::new();
        assert_eq!(e.read_line(&mut s).await.unwrap(), 0);
        assert_eq!(e.write(b"abc").await.unwrap(), 3);
        e.flush().await.unwrap();
        e.shutdown().await.unwrap();
        assert_eq!(e.seek(SeekFrom::End(10)).await.unwrap(), 0);
        assert_eq!(format!("{e:?}"), "Empty { .. }");
    });
}

#[test]
fn sink_accepts_everything() {
    block_on(async {
        let mut s = io::sink();
        assert_eq!(s.write(&[0u8; 10_000]).await.unwrap(), 10_000);
        s.write_all(b"more").await.unwrap();
        s.flush().await.unwrap();
        s.shutdown().await.unwrap();
        let mut src: &[u8] = &[7u8; 50_000];
        assert_eq!(io::copy(&mut src, &mut s).await.unwrap(), 50_000);
        assert_eq!(format!("{s:?}"), "Sink { .. }");
    });
}

#[test]
fn repeat_fills_every_buffer() {
    block_on(async {
        let mut r = io::repeat(0xAB);
        let mut buf = [0u8; 100];
        assert_eq!(r.read(&mut buf).await.unwrap(), 100);
        assert!(buf.iter().all(|&b| b == 0xAB));
        let mut out = Vec::new();
        assert_eq!(
            io::repeat(b'x')
                .take(5)
                .read_to_end(&mut out)
                .await
                .unwrap(),
            5
        );
        assert_eq!(out, b"xxxxx");
    });
}

#[test]
fn join_reads_one_writes_other() {
    block_on(async {
        let mut j = io::join(&b"line\nrest"[..], Trickle::new(2));
        let mut line = String::new();
        j.read_line(&mut line).await.unwrap();
        assert_eq!(line, "line\n");
        j.write_all(b"abc").await.unwrap();
        j.flush().await.unwrap();
        assert_eq!(j.writer().data, b"abc");
        assert_eq!(j.writer().flushes, 1);
        assert_eq!(*j.reader(), b"rest");
        j.writer_mut().data.clear();
        let (reader, writer) = j.into_inner();
        assert_eq!(reader, b"rest");
        assert!(writer.data.is_empty());
    });
}

#[test]
fn join_forwards_write_vectored_support() {
    use runtime_core::io::AsyncWrite;
    let j = io::join(io::empty(), Vec::<u8>::new());
    assert!(j.is_write_vectored());
    let mut t = Trickle::new(1);
    t.vectored = false;
    let j = io::join(io::empty(), t);
    assert!(!j.is_write_vectored());
}
