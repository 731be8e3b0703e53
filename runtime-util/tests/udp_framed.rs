//! `udp::UdpFramed`: datagrams through a codec, as a stream and a sink.
#![cfg(all(feature = "net", feature = "codec"))]

use std::sync::Arc;

use bytes::Bytes;
use futures::{SinkExt, StreamExt};
use runtime_net::UdpSocket;
use runtime_util::codec::{BytesCodec, LinesCodec};
use runtime_util::udp::UdpFramed;

fn rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap()
}

async fn bind() -> UdpSocket {
    UdpSocket::bind("127.0.0.1:0").await.unwrap()
}

#[test]
fn frames_go_both_ways_with_their_addresses() {
    rt().block_on(async {
        let (a, b) = (bind().await, bind().await);
        let (a_addr, b_addr) = (a.local_addr().unwrap(), b.local_addr().unwrap());
        let mut a = UdpFramed::new(a, BytesCodec::new());
        let mut b = UdpFramed::new(b, BytesCodec::new());

        a.send((Bytes::from_static(b"ping"), b_addr)).await.unwrap();
        let (frame, from) = b.next().await.unwrap().unwrap();
        assert_eq!((&frame[..], from), (&b"ping"[..], a_addr));

        b.send((Bytes::from_static(b"pong"), from)).await.unwrap();
        let (frame, from) = a.next().await.unwrap().unwrap();
        assert_eq!((&frame[..], from), (&b"pong"[..], b_addr));

        // Accessors.
        assert_eq!(a.get_ref().local_addr().unwrap(), a_addr);
        assert_eq!(a.get_mut().local_addr().unwrap(), a_addr);
        let _: &BytesCodec = a.codec();
        let _: &mut BytesCodec = a.codec_mut();
        assert!(a.read_buffer().is_empty());
        a.read_buffer_mut().extend_from_slice(b"x");
        assert_eq!(&a.read_buffer()[..], b"x");
        assert_eq!(a.into_inner().local_addr().unwrap(), a_addr);
    });
}

#[test]
fn a_datagram_can_hold_several_frames_and_its_tail_is_decoded_at_its_end() {
    rt().block_on(async {
        let (raw, b) = (bind().await, bind().await);
        let raw_addr = raw.local_addr().unwrap();
        let b_addr = b.local_addr().unwrap();
        let mut b = UdpFramed::new(b, LinesCodec::new());
        raw.send_to(b"one\ntwo\nthree", b_addr).await.unwrap();
        raw.send_to(b"four\n", b_addr).await.unwrap();
        for want in ["one", "two", "three", "four"] {
            let (line, from) = b.next().await.unwrap().unwrap();
            assert_eq!((line.as_str(), from), (want, raw_addr));
        }
    });
}

#[test]
fn empty_datagrams_yield_nothing_with_the_bytes_codec() {
    rt().block_on(async {
        let (raw, b) = (bind().await, bind().await);
        let b_addr = b.local_addr().unwrap();
        let mut b = UdpFramed::new(b, BytesCodec::new());
        raw.send_to(b"", b_addr).await.unwrap();
        raw.send_to(b"x", b_addr).await.unwrap();
        let (frame, _) = b.next().await.unwrap().unwrap();
        assert_eq!(&frame[..], b"x");
    });
}

#[test]
fn frames_encoded_between_flushes_make_one_datagram_to_the_last_address() {
    use futures::Sink;
    use std::net::SocketAddr;
    use std::pin::Pin;

    rt().block_on(async {
        let (a, b, c) = (bind().await, bind().await, bind().await);
        let (b_addr, c_addr) = (b.local_addr().unwrap(), c.local_addr().unwrap());
        let mut a = UdpFramed::new(a, LinesCodec::new());
        let mut buf = [0; 16];

        // Readiness flushes the previous frame: `feed` twice is two
        // datagrams, each to its own address.
        a.feed(("x".to_string(), b_addr)).await.unwrap();
        a.feed(("y".to_string(), c_addr)).await.unwrap();
        let (n, _) = b.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"x\n");
        SinkExt::<(String, SocketAddr)>::flush(&mut a)
            .await
            .unwrap();
        let (n, _) = c.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"y\n");

        // Without readiness in between, frames share the datagram, which
        // goes to the last address.
        Pin::new(&mut a)
            .start_send(("p".to_string(), b_addr))
            .unwrap();
        Pin::new(&mut a)
            .start_send(("q".to_string(), c_addr))
            .unwrap();
        SinkExt::<(String, SocketAddr)>::close(&mut a)
            .await
            .unwrap();
        let (n, _) = c.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"p\nq\n");
    });
}

#[test]
fn one_shared_socket_can_back_a_reading_and_a_writing_framed() {
    rt().block_on(async {
        let (a, b) = (bind().await, bind().await);
        let (a_addr, b_addr) = (a.local_addr().unwrap(), b.local_addr().unwrap());
        let a = Arc::new(a);
        let mut reader = UdpFramed::new(a.clone(), BytesCodec::new());
        let mut writer = UdpFramed::new(a, BytesCodec::new());
        let mut b = UdpFramed::new(b, BytesCodec::new());
        writer
            .send((Bytes::from_static(b"hi"), b_addr))
            .await
            .unwrap();
        let (frame, from) = b.next().await.unwrap().unwrap();
        assert_eq!((&frame[..], from), (&b"hi"[..], a_addr));
        b.send((frame.freeze(), from)).await.unwrap();
        let (frame, from) = reader.next().await.unwrap().unwrap();
        assert_eq!((&frame[..], from), (&b"hi"[..], b_addr));
    });
}
