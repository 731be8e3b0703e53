//! Send / Sync / Unpin of every public io type, as tokio's.

use std::io::Cursor;

use runtime_core::io::*;

fn send_sync<T: Send + Sync>() {}
fn unpin<T: Unpin>() {}

#[test]
fn types_are_send_sync() {
    send_sync::<BufReader<DuplexStream>>();
    send_sync::<BufWriter<DuplexStream>>();
    send_sync::<BufStream<DuplexStream>>();
    send_sync::<DuplexStream>();
    send_sync::<SimplexStream>();
    send_sync::<ReadHalf<DuplexStream>>();
    send_sync::<WriteHalf<DuplexStream>>();
    send_sync::<Empty>();
    send_sync::<Sink>();
    send_sync::<Repeat>();
    send_sync::<Join<Empty, Sink>>();
    send_sync::<Take<Empty>>();
    send_sync::<Chain<Empty, Repeat>>();
    send_sync::<Lines<BufReader<Empty>>>();
    send_sync::<Split<BufReader<Empty>>>();
    send_sync::<Interest>();
    send_sync::<Ready>();
    send_sync::<ReadBuf<'static>>();
}

#[test]
fn adapters_are_unpin_when_inner_is() {
    unpin::<BufReader<DuplexStream>>();
    unpin::<BufWriter<DuplexStream>>();
    unpin::<BufStream<DuplexStream>>();
    unpin::<DuplexStream>();
    unpin::<SimplexStream>();
    unpin::<ReadHalf<DuplexStream>>();
    unpin::<Take<Empty>>();
    unpin::<Chain<Empty, Repeat>>();
    unpin::<Lines<BufReader<Empty>>>();
    unpin::<Split<BufReader<Empty>>>();
    unpin::<Join<Empty, Sink>>();
}

#[test]
fn extension_futures_are_send() {
    fn send<T: Send>(_: &T) {}
    let mut rd = Cursor::new(vec![1u8, 2, 3]);
    let mut buf = [0u8; 3];
    send(&rd.read_exact(&mut buf));
    let mut v = Vec::new();
    send(&rd.read_to_end(&mut v));
    send(&rd.read_u16());
    let mut s = String::new();
    send(&rd.read_line(&mut s));
    let mut w = Vec::new();
    send(&w.write_all(b"x"));
    send(&w.write_u64_le(1));
    send(&copy(&mut rd, &mut w));
}
