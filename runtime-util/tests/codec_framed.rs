//! `Framed`, `FramedRead` and `FramedWrite`: the read state machine, the
//! write buffer and its back-pressure, parts and accessors.
#![cfg(feature = "codec")]

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use bytes::{Buf, BufMut, Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use futures_sink::Sink;
use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_test::io::Builder;
use runtime_test::{assert_pending, assert_ready, assert_ready_eq, assert_ready_ok, task};
use runtime_util::codec::{
    BytesCodec, Decoder, Encoder, Framed, FramedParts, FramedRead, FramedWrite,
    LengthDelimitedCodec, LinesCodec,
};

/// A reader that replays a list of outcomes: bytes, end of file, pending,
/// or an error.
#[derive(Default)]
struct Script {
    steps: VecDeque<Step>,
}

enum Step {
    Data(&'static [u8]),
    Eof,
    Pending,
    Error(io::ErrorKind),
}

impl Script {
    fn new(steps: impl IntoIterator<Item = Step>) -> Self {
        Script {
            steps: steps.into_iter().collect(),
        }
    }
}

impl std::fmt::Debug for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Script({} steps)", self.steps.len())
    }
}

impl AsyncRead for Script {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.steps.pop_front() {
            Some(Step::Data(data)) => {
                buf.put_slice(data);
                Poll::Ready(Ok(()))
            }
            Some(Step::Eof) | None => Poll::Ready(Ok(())),
            Some(Step::Pending) => Poll::Pending,
            Some(Step::Error(kind)) => Poll::Ready(Err(kind.into())),
        }
    }
}

impl AsyncWrite for Script {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Poll::Ready(Ok(buf.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// A decoder of 1-byte frames that counts its calls.
#[derive(Default, Debug)]
struct Counting {
    decode: usize,
    decode_eof: usize,
}

impl Decoder for Counting {
    type Item = u8;
    type Error = io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> io::Result<Option<u8>> {
        self.decode += 1;
        Ok(if src.is_empty() {
            None
        } else {
            Some(src.get_u8())
        })
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> io::Result<Option<u8>> {
        self.decode_eof += 1;
        self.decode(src)
    }
}

#[test]
fn stream_resumes_after_eof_and_calls_decode_eof_once_per_eof() {
    let io = Script::new([
        Step::Data(b"ab"),
        Step::Eof,
        Step::Eof,
        Step::Data(b"c"),
        Step::Eof,
    ]);
    let mut framed = task::spawn(FramedRead::new(io, Counting::default()));

    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), b'a');
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), b'b');
    // EOF: decode_eof finds nothing and the stream ends.
    assert!(assert_ready!(framed.poll_next()).is_none());
    assert_eq!(framed.decoder().decode_eof, 1);
    // Another EOF: no second decode_eof.
    assert!(assert_ready!(framed.poll_next()).is_none());
    assert_eq!(framed.decoder().decode_eof, 1);
    // More data after EOF: decoding resumes.
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), b'c');
    assert!(assert_ready!(framed.poll_next()).is_none());
    assert_eq!(framed.decoder().decode_eof, 2);
}

#[test]
fn pending_read_is_pending_and_keeps_buffered_bytes() {
    let io = Script::new([Step::Data(b"hel"), Step::Pending, Step::Data(b"lo\n")]);
    let mut framed = task::spawn(FramedRead::new(io, LinesCodec::new()));
    assert_pending!(framed.poll_next());
    assert_eq!(&framed.read_buffer()[..], b"hel");
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "hello");
}

#[test]
fn read_error_is_returned_then_none_then_reading_resumes() {
    let io = Script::new([
        Step::Data(b"a\nb"),
        Step::Error(io::ErrorKind::ConnectionReset),
        Step::Data(b"c\n"),
    ]);
    let mut framed = task::spawn(FramedRead::new(io, LinesCodec::new()));
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "a");
    match assert_ready!(framed.poll_next()) {
        Some(Err(runtime_util::codec::LinesCodecError::Io(e))) => {
            assert_eq!(e.kind(), io::ErrorKind::ConnectionReset)
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(assert_ready!(framed.poll_next()).is_none());
    // The bytes buffered before the error are kept.
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "bc");
}

#[test]
fn default_decode_eof_reports_leftover_bytes() {
    let mut framed = FramedRead::new(&b"\x00\x00\x00\x05abc"[..], LengthDelimitedCodec::new());
    runtime_test::block_on(async {
        let err = framed.next().await.unwrap().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other);
        assert_eq!(err.to_string(), "bytes remaining on stream");
        assert!(framed.next().await.is_none());
    });
}

#[test]
fn mock_with_handle_wakes_the_reader() {
    let (mock, mut handle) = Builder::new().read(b"one\n").build_with_handle();
    let mut framed = task::spawn(FramedRead::new(mock, LinesCodec::new()));
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "one");
    assert_pending!(framed.poll_next());
    assert!(!framed.is_woken());
    handle.read(b"tw");
    assert!(framed.is_woken());
    assert_pending!(framed.poll_next());
    handle.read(b"o\n");
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "two");
    drop(handle);
    assert!(assert_ready!(framed.poll_next()).is_none());
}

/// A writer that accepts bytes only while open, records them, and counts
/// flushes and shutdowns.
#[derive(Clone, Default)]
struct Gate(Arc<Mutex<GateState>>);

#[derive(Default)]
struct GateState {
    open: bool,
    /// Accept at most this many bytes per write.
    per_write: usize,
    written: Vec<u8>,
    writes: usize,
    flushes: usize,
    shutdowns: usize,
    zero: bool,
    waker: Option<Waker>,
}

impl Gate {
    fn new(per_write: usize) -> Gate {
        let gate = Gate::default();
        gate.0.lock().unwrap().per_write = per_write;
        gate
    }
    fn open(&self, open: bool) {
        let mut s = self.0.lock().unwrap();
        s.open = open;
        if open {
            if let Some(w) = s.waker.take() {
                w.wake();
            }
        }
    }
    fn state(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.0.lock().unwrap()
    }
}

impl AsyncWrite for Gate {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let mut s = self.0.lock().unwrap();
        if s.zero {
            return Poll::Ready(Ok(0));
        }
        if !s.open {
            s.waker = Some(cx.waker().clone());
            return Poll::Pending;
        }
        let n = buf.len().min(s.per_write);
        s.written.extend_from_slice(&buf[..n]);
        s.writes += 1;
        Poll::Ready(Ok(n))
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let mut s = self.0.lock().unwrap();
        if !s.open {
            s.waker = Some(cx.waker().clone());
            return Poll::Pending;
        }
        s.flushes += 1;
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.0.lock().unwrap().shutdowns += 1;
        Poll::Ready(Ok(()))
    }
}

#[test]
fn poll_ready_applies_back_pressure_at_the_boundary() {
    let gate = Gate::new(usize::MAX);
    let mut sink = task::spawn(FramedWrite::new(gate.clone(), BytesCodec::new()));
    assert_eq!(sink.backpressure_boundary(), 8 * 1024);
    sink.set_backpressure_boundary(10);
    assert_eq!(sink.backpressure_boundary(), 10);

    // Below the boundary: items are accepted without any write.
    for _ in 0..3 {
        assert_ready_ok!(sink.enter(|cx, s| Sink::<Bytes>::poll_ready(s, cx)));
        sink.enter(|_, s| s.start_send(Bytes::from_static(b"abcd")))
            .unwrap();
    }
    assert_eq!(sink.write_buffer().len(), 12);
    assert_eq!(gate.state().writes, 0);

    // At or above it: poll_ready flushes, and waits while the writer does.
    assert_pending!(sink.enter(|cx, s| Sink::<Bytes>::poll_ready(s, cx)));
    assert_eq!(sink.write_buffer().len(), 12);
    gate.open(true);
    assert!(sink.is_woken());
    assert_ready_ok!(sink.enter(|cx, s| Sink::<Bytes>::poll_ready(s, cx)));
    assert!(sink.write_buffer().is_empty());
    assert_eq!(gate.state().written, b"abcdabcdabcd");
    assert_eq!(gate.state().flushes, 1);
}

#[test]
fn flush_writes_in_pieces_until_empty_then_flushes() {
    let gate = Gate::new(3);
    gate.open(true);
    let mut sink = FramedWrite::new(gate.clone(), LinesCodec::new());
    runtime_test::block_on(async {
        sink.feed("hello").await.unwrap();
        sink.feed("world").await.unwrap();
        assert_eq!(
            gate.state().writes,
            0,
            "feed does not flush below the boundary"
        );
        SinkExt::<&str>::flush(&mut sink).await.unwrap();
    });
    let s = gate.state();
    assert_eq!(s.written, b"hello\nworld\n");
    assert_eq!(s.writes, 4);
    assert_eq!(s.flushes, 1);
}

#[test]
fn close_flushes_then_shuts_down() {
    let gate = Gate::new(usize::MAX);
    gate.open(true);
    let mut sink = FramedWrite::new(gate.clone(), LinesCodec::new());
    runtime_test::block_on(async {
        sink.feed("bye").await.unwrap();
        SinkExt::<&str>::close(&mut sink).await.unwrap();
    });
    let s = gate.state();
    assert_eq!(s.written, b"bye\n");
    assert_eq!((s.flushes, s.shutdowns), (1, 1));
}

#[test]
fn write_of_zero_bytes_is_write_zero() {
    let gate = Gate::new(usize::MAX);
    gate.state().zero = true;
    let mut sink = FramedWrite::new(gate, BytesCodec::new());
    let err = runtime_test::block_on(sink.send(Bytes::from_static(b"x"))).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::WriteZero);
    assert_eq!(err.to_string(), "failed to write frame to transport");
}

#[test]
fn encode_error_is_returned_by_start_send() {
    let mut sink = FramedWrite::new(
        Vec::new(),
        LengthDelimitedCodec::builder()
            .max_frame_length(2)
            .new_codec(),
    );
    let err = runtime_test::block_on(sink.send(Bytes::from_static(b"abc"))).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    assert!(sink.write_buffer().is_empty());
}

#[test]
fn framed_reads_and_writes_one_object() {
    let mock = Builder::new()
        .read(b"ping\n")
        .write(b"pong\n")
        .read(b"quit\n")
        .build();
    runtime_test::block_on(async {
        let mut framed = LinesCodec::new().framed(mock);
        assert_eq!(framed.next().await.unwrap().unwrap(), "ping");
        framed.send("pong").await.unwrap();
        assert_eq!(framed.next().await.unwrap().unwrap(), "quit");
        assert!(framed.next().await.is_none());
    });
}

#[test]
fn parts_round_trip_keeps_both_buffers() {
    let io = Script::new([Step::Data(b"one\ntwo\nthree")]);
    let mut framed = Framed::new(io, LinesCodec::new());
    let mut t = task::spawn(());
    let first = t.enter(|cx, _| futures_core::Stream::poll_next(Pin::new(&mut framed), cx));
    assert_eq!(assert_ready!(first).unwrap().unwrap(), "one");
    framed.write_buffer_mut().put_slice(b"pending out");

    let parts = framed.into_parts();
    assert_eq!(&parts.read_buf[..], b"two\nthree");
    assert_eq!(&parts.write_buf[..], b"pending out");

    let mut framed = Framed::from_parts(parts);
    assert_eq!(&framed.read_buffer()[..], b"two\nthree");
    assert_eq!(&framed.write_buffer()[..], b"pending out");
    let next = t.enter(|cx, _| futures_core::Stream::poll_next(Pin::new(&mut framed), cx));
    assert_eq!(assert_ready!(next).unwrap().unwrap(), "two");
    let next = t.enter(|cx, _| futures_core::Stream::poll_next(Pin::new(&mut framed), cx));
    assert_eq!(assert_ready!(next).unwrap().unwrap(), "three");
}

#[test]
fn framed_parts_new_starts_empty() {
    let parts = FramedParts::new::<&str>(Vec::<u8>::new(), LinesCodec::new());
    assert!(parts.read_buf.is_empty() && parts.write_buf.is_empty());
    let framed = Framed::from_parts(parts);
    assert!(framed.read_buffer().is_empty());
    assert!(framed.write_buffer().capacity() >= 8 * 1024);
}

#[test]
fn map_codec_decodes_buffered_bytes_with_the_new_codec() {
    let io = Script::new([Step::Data(b"hi\n\x00\x00\x00\x02ok")]);
    let mut framed = task::spawn(Framed::new(io, LinesCodec::new()));
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "hi");
    framed.set_backpressure_boundary(3);
    let framed = framed
        .into_inner()
        .map_codec(|_| LengthDelimitedCodec::new());
    assert_eq!(framed.backpressure_boundary(), 3);
    let mut framed = task::spawn(framed);
    assert_eq!(
        &assert_ready!(framed.poll_next()).unwrap().unwrap()[..],
        b"ok"
    );
}

#[test]
fn map_decoder_and_map_encoder_keep_buffers() {
    let io = Script::new([Step::Data(b"a\nb\n")]);
    let mut read = task::spawn(FramedRead::new(io, LinesCodec::new()));
    assert_eq!(assert_ready!(read.poll_next()).unwrap().unwrap(), "a");
    let read = read.into_inner().map_decoder(|_| BytesCodec::new());
    let mut read = task::spawn(read);
    assert_eq!(
        &assert_ready!(read.poll_next()).unwrap().unwrap()[..],
        b"b\n"
    );

    let mut write = FramedWrite::new(Vec::new(), LinesCodec::new());
    write.write_buffer_mut().put_slice(b"kept ");
    let mut write = write.map_encoder(|_| BytesCodec::new());
    runtime_test::block_on(write.send(Bytes::from_static(b"raw"))).unwrap();
    assert_eq!(write.get_ref(), b"kept raw");
}

#[test]
fn with_capacity_sets_the_read_buffer() {
    let framed = Framed::with_capacity(Script::default(), LinesCodec::new(), 100);
    assert!(framed.read_buffer().capacity() >= 100);
    assert!(framed.read_buffer().capacity() < 8 * 1024);
    assert!(framed.write_buffer().capacity() >= 100);
    assert_eq!(framed.backpressure_boundary(), 100);
    let read = FramedRead::with_capacity(Script::default(), LinesCodec::new(), 16);
    assert!(read.read_buffer().capacity() >= 16);
    let write = FramedWrite::with_capacity(Vec::<u8>::new(), LinesCodec::new(), 32);
    assert!(write.write_buffer().capacity() >= 32);
    assert_eq!(write.backpressure_boundary(), 32);
    let write = FramedWrite::new(Vec::<u8>::new(), LinesCodec::new());
    assert_eq!(write.backpressure_boundary(), 8 * 1024);
    let framed = Framed::new(Script::default(), LinesCodec::new());
    assert_eq!(framed.backpressure_boundary(), 8 * 1024);
}

#[test]
fn accessors() {
    let mut framed = Framed::new(Script::default(), LinesCodec::new_with_max_length(9));
    assert_eq!(framed.codec().max_length(), 9);
    *framed.codec_mut() = LinesCodec::new_with_max_length(10);
    assert_eq!(framed.codec().max_length(), 10);
    framed.read_buffer_mut().put_slice(b"x");
    assert_eq!(&framed.read_buffer()[..], b"x");
    framed.get_mut().steps.push_back(Step::Eof);
    assert_eq!(framed.get_ref().steps.len(), 1);
    let mut pinned = Box::pin(framed);
    assert_eq!(pinned.as_mut().get_pin_mut().steps.len(), 1);
    assert_eq!(pinned.as_mut().codec_pin_mut().max_length(), 10);
    assert_eq!(Pin::into_inner(pinned).into_inner().steps.len(), 1);

    let mut read = FramedRead::new(Script::default(), LinesCodec::new_with_max_length(3));
    assert_eq!(read.decoder().max_length(), 3);
    *read.decoder_mut() = LinesCodec::new();
    read.read_buffer_mut().put_u8(b'y');
    assert_eq!(read.read_buffer().len(), 1);
    assert!(read.get_mut().steps.is_empty());
    assert!(read.get_ref().steps.is_empty());
    let mut read = Box::pin(read);
    assert_eq!(read.as_mut().decoder_pin_mut().max_length(), usize::MAX);
    assert!(read.as_mut().get_pin_mut().steps.is_empty());

    let mut write = FramedWrite::new(Vec::<u8>::new(), LinesCodec::new_with_max_length(4));
    assert_eq!(write.encoder().max_length(), 4);
    *write.encoder_mut() = LinesCodec::new();
    write.get_mut().push(1);
    assert_eq!(write.get_ref(), &[1]);
    let mut write = Box::pin(write);
    assert_eq!(write.as_mut().encoder_pin_mut().max_length(), usize::MAX);
    write.as_mut().get_pin_mut().push(2);
    assert_eq!(Pin::into_inner(write).into_inner(), [1, 2]);
}

#[test]
fn debug_output_names_the_parts() {
    let framed = Framed::new(Script::default(), LinesCodec::new());
    let s = format!("{framed:?}");
    assert!(
        s.starts_with("Framed {") && s.contains("io:") && s.contains("codec:"),
        "{s}"
    );
    let read = FramedRead::new(&b""[..], BytesCodec::new());
    assert!(format!("{read:?}").starts_with("FramedRead {"));
    let write = FramedWrite::new(Vec::<u8>::new(), BytesCodec::new());
    assert!(format!("{write:?}").starts_with("FramedWrite {"));
}

#[test]
fn framed_read_forwards_sink_and_framed_write_forwards_stream() {
    // FramedRead over something that is also a Sink.
    struct Both {
        sent: Vec<u32>,
    }
    impl AsyncRead for Both {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            _: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }
    impl Sink<u32> for Both {
        type Error = ();
        fn poll_ready(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }
        fn start_send(mut self: Pin<&mut Self>, item: u32) -> Result<(), ()> {
            self.sent.push(item);
            Ok(())
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }
    }
    let mut read = FramedRead::new(Both { sent: vec![] }, BytesCodec::new());
    runtime_test::block_on(read.send(7)).unwrap();
    assert_eq!(read.get_ref().sent, [7]);

    // FramedWrite over something that is also a Stream.
    struct Stream3(u8);
    impl futures_core::Stream for Stream3 {
        type Item = u8;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u8>> {
            self.0 += 1;
            Poll::Ready((self.0 <= 3).then_some(self.0))
        }
    }
    impl AsyncWrite for Stream3 {
        fn poll_write(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            b: &[u8],
        ) -> Poll<io::Result<usize>> {
            Poll::Ready(Ok(b.len()))
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }
    let write = FramedWrite::new(Stream3(0), BytesCodec::new());
    let items: Vec<u8> = runtime_test::block_on(write.collect());
    assert_eq!(items, [1, 2, 3]);
}

#[test]
fn sink_of_any_item_the_encoder_accepts() {
    struct Both;
    impl Encoder<u16> for Both {
        type Error = io::Error;
        fn encode(&mut self, item: u16, dst: &mut BytesMut) -> io::Result<()> {
            dst.put_u16(item);
            Ok(())
        }
    }
    impl Encoder<&str> for Both {
        type Error = io::Error;
        fn encode(&mut self, item: &str, dst: &mut BytesMut) -> io::Result<()> {
            dst.put_slice(item.as_bytes());
            Ok(())
        }
    }
    let mut sink = FramedWrite::new(Vec::new(), Both);
    runtime_test::block_on(async {
        sink.send(0x4142u16).await.unwrap();
        sink.send("cd").await.unwrap();
    });
    assert_eq!(sink.get_ref(), b"ABcd");
}

#[test]
fn stream_after_decode_error_returns_none_once() {
    let io = Script::new([Step::Data(b"\xff\n"), Step::Data(b"ok\n")]);
    let mut framed = task::spawn(FramedRead::new(io, LinesCodec::new()));
    assert!(assert_ready!(framed.poll_next()).unwrap().is_err());
    assert_ready_eq!(framed.poll_next().map(|o| o.is_none()), true);
    assert_eq!(assert_ready!(framed.poll_next()).unwrap().unwrap(), "ok");
}

#[test]
fn framed_read_and_write_into_parts() {
    let io = Script::new([Step::Data(b"a\nrest")]);
    let mut read = task::spawn(FramedRead::new(io, LinesCodec::new()));
    assert_eq!(assert_ready!(read.poll_next()).unwrap().unwrap(), "a");
    let parts = read.into_inner().into_parts();
    assert_eq!(&parts.read_buf[..], b"rest");
    assert!(parts.write_buf.is_empty());

    let mut write = FramedWrite::new(Vec::<u8>::new(), LinesCodec::new());
    write.write_buffer_mut().put_slice(b"unwritten");
    let parts = write.into_parts();
    assert_eq!(&parts.write_buf[..], b"unwritten");
    assert!(parts.read_buf.is_empty());
    // The parts rebuild a Framed that still writes the pending bytes.
    let mut framed = Framed::from_parts(parts);
    runtime_test::block_on(SinkExt::<&str>::flush(&mut framed)).unwrap();
    assert_eq!(framed.get_ref(), b"unwritten");
}
