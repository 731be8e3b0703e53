//! `SinkWriter` and `CopyToBytes`: writing bytes into a sink.
#![cfg(feature = "io")]

use std::io;
use std::pin::Pin;

use bytes::Bytes;
use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use runtime_core::io::AsyncWrite;
use runtime_test::{assert_pending, assert_ready_ok, task};
use runtime_util::io::{CopyToBytes, SinkWriter};

fn channel_writer(
    cap: usize,
) -> (
    SinkWriter<CopyToBytes<impl futures_sink::Sink<Bytes, Error = io::Error>>>,
    mpsc::Receiver<Bytes>,
) {
    let (tx, rx) = mpsc::channel::<Bytes>(cap);
    let sink = tx.sink_map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe));
    (SinkWriter::new(CopyToBytes::new(sink)), rx)
}

#[test]
fn each_write_is_one_item() {
    let (mut writer, rx) = channel_writer(8);
    let mut t = task::spawn(());
    let n = t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b"hello"));
    assert_eq!(assert_ready_ok!(n), 5);
    let n = t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b" you"));
    assert_eq!(assert_ready_ok!(n), 4);
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut writer).poll_shutdown(cx)));
    drop(writer);
    let items: Vec<Bytes> = runtime_test::block_on(rx.collect());
    assert_eq!(items, ["hello", " you"]);
}

#[test]
fn full_sink_makes_the_write_pending() {
    let (mut writer, mut rx) = channel_writer(0);
    let mut t = task::spawn(());
    // A bounded(0) channel takes one item per sender, then is full.
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b"a")));
    assert_pending!(t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b"b")));
    assert_eq!(rx.try_recv().unwrap(), "a");
    assert!(t.is_woken());
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b"b")));
    assert_eq!(rx.try_recv().unwrap(), "b");
}

#[test]
fn sink_errors_become_io_errors() {
    let (mut writer, rx) = channel_writer(1);
    drop(rx);
    let mut t = task::spawn(());
    let res = t.enter(|cx, _| Pin::new(&mut writer).poll_write(cx, b"x"));
    let err = runtime_test::assert_ready_err!(res);
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
}

#[test]
fn accessors() {
    let mut writer = SinkWriter::new(CopyToBytes::new(Vec::<Bytes>::new()));
    assert!(writer.get_ref().get_ref().is_empty());
    writer.get_mut().get_mut().push(Bytes::from_static(b"x"));
    runtime_test::block_on(writer.get_mut().send(&b"y"[..])).unwrap();
    let items = writer.into_inner().into_inner();
    assert_eq!(items, ["x", "y"]);
}
