//! Every public type is `Send`, `Sync` and `Unpin` when its parts are.
#![cfg(all(feature = "codec", feature = "io"))]

use std::io;

use bytes::Bytes;
use futures::stream::Iter;
use runtime_util::codec::length_delimited::Builder;
use runtime_util::codec::*;
use runtime_util::io::*;

fn send_sync_unpin<T: Send + Sync + Unpin>() {}

type Chunks = Iter<std::vec::IntoIter<io::Result<Bytes>>>;
type Reader = &'static [u8];
type Callback = fn(&[u8]);

#[test]
fn codec_types() {
    send_sync_unpin::<BytesCodec>();
    send_sync_unpin::<LinesCodec>();
    send_sync_unpin::<LinesCodecError>();
    send_sync_unpin::<AnyDelimiterCodec>();
    send_sync_unpin::<AnyDelimiterCodecError>();
    send_sync_unpin::<LengthDelimitedCodec>();
    send_sync_unpin::<LengthDelimitedCodecError>();
    send_sync_unpin::<Builder>();
    send_sync_unpin::<Framed<Reader, LinesCodec>>();
    send_sync_unpin::<FramedRead<Reader, LinesCodec>>();
    send_sync_unpin::<FramedWrite<Vec<u8>, LinesCodec>>();
    send_sync_unpin::<FramedParts<Reader, LinesCodec>>();
}

#[test]
fn io_types() {
    send_sync_unpin::<ReaderStream<Reader>>();
    send_sync_unpin::<StreamReader<Chunks, Bytes>>();
    send_sync_unpin::<SinkWriter<CopyToBytes<futures::sink::Drain<Bytes>>>>();
    send_sync_unpin::<CopyToBytes<futures::sink::Drain<Bytes>>>();
    send_sync_unpin::<InspectReader<Reader, Callback>>();
    send_sync_unpin::<InspectWriter<Vec<u8>, Callback>>();
}

#[cfg(feature = "join-map")]
#[test]
fn task_types() {
    use runtime_util::task::{JoinMap, JoinMapKeys, JoinQueue};

    send_sync_unpin::<JoinMap<String, u32>>();
    send_sync_unpin::<JoinMapKeys<'static, String, u32>>();
    send_sync_unpin::<JoinQueue<u32>>();
}
