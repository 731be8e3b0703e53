//! split / ReadHalf / WriteHalf / unsplit / is_pair_of.

#[path = "support/io_mock.rs"]
mod mock;

use mock::block_on;
use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt, DuplexStream};

#[test]
fn halves_read_and_write_the_same_stream() {
    block_on(async {
        let (near, mut far) = io::duplex(64);
        let (mut rd, mut wr) = io::split(near);
        wr.write_all(b"out").await.unwrap();
        far.write_all(b"in").await.unwrap();
        let mut buf = [0u8; 3];
        far.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"out");
        let mut buf = [0u8; 2];
        rd.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"in");
    });
}

#[test]
fn halves_work_concurrently() {
    block_on(async {
        let (near, far) = io::duplex(4);
        let (mut rd, mut wr) = io::split(near);
        let (mut far_rd, mut far_wr) = io::split(far);
        // Each direction is pumped by its own future, through a 4-byte pipe.
        let a = async {
            wr.write_all(b"0123456789").await.unwrap();
            wr.shutdown().await.unwrap();
        };
        let b = async {
            let mut got = Vec::new();
            far_rd.read_to_end(&mut got).await.unwrap();
            got
        };
        let c = async {
            far_wr.write_all(b"abcdefgh").await.unwrap();
            far_wr.shutdown().await.unwrap();
        };
        let d = async {
            let mut got = Vec::new();
            rd.read_to_end(&mut got).await.unwrap();
            got
        };
        let ((), got_far, (), got_near) = futures::join!(a, b, c, d);
        assert_eq!(got_far, b"0123456789");
        assert_eq!(got_near, b"abcdefgh");
    });
}

#[test]
fn is_pair_of_matches_only_siblings() {
    let (rd, wr) = io::split(io::duplex(8).0);
    let (rd2, wr2) = io::split(io::duplex(8).0);
    assert!(rd.is_pair_of(&wr));
    assert!(wr.is_pair_of(&rd));
    assert!(!rd.is_pair_of(&wr2));
    assert!(!wr.is_pair_of(&rd2));
}

#[test]
fn unsplit_gives_back_the_stream() {
    block_on(async {
        let (near, mut far) = io::duplex(8);
        let (rd, wr) = io::split(near);
        let mut near: DuplexStream = rd.unsplit(wr);
        near.write_all(b"whole").await.unwrap();
        let mut buf = [0u8; 5];
        far.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"whole");
    });
}

#[test]
#[should_panic(expected = "Unrelated")]
fn unsplit_mismatched_halves_panics() {
    let (rd, _wr) = io::split(io::duplex(8).0);
    let (_rd2, wr2) = io::split(io::duplex(8).0);
    let _ = rd.unsplit(wr2);
}

#[test]
fn halves_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<io::ReadHalf<DuplexStream>>();
    assert_send_sync::<io::WriteHalf<DuplexStream>>();
}
