//! lookup_host and ToSocketAddrs with names.

mod support;

use std::io;
use std::net::SocketAddr;

use runtime_net::{TcpListener, lookup_host};
use support::*;

#[test]
fn literal_addresses_resolve_to_themselves() {
    block_on(async {
        let v: Vec<SocketAddr> = lookup_host("127.0.0.1:8080").await.unwrap().collect();
        assert_eq!(v, ["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]);
        let v: Vec<SocketAddr> = lookup_host(("::1", 9)).await.unwrap().collect();
        assert_eq!(v, ["[::1]:9".parse::<SocketAddr>().unwrap()]);
    });
}

#[test]
fn localhost_resolves_to_loopback() {
    block_on(async {
        let v: Vec<SocketAddr> = lookup_host("localhost:443").await.unwrap().collect();
        assert!(!v.is_empty());
        assert!(
            v.iter().all(|a| a.ip().is_loopback() && a.port() == 443),
            "{v:?}"
        );
        // Binding by name works too.
        let l = TcpListener::bind(("localhost", 0)).await.unwrap();
        assert!(l.local_addr().unwrap().ip().is_loopback());
    });
}

#[test]
fn bad_input_is_an_error() {
    block_on(async {
        let err = lookup_host("localhost").await.err().expect("no port");
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(lookup_host("no-such-host.invalid:80").await.is_err());
    });
}
