//! [`ToSocketAddrs`] and [`lookup_host`]: turning what the user wrote into
//! socket addresses.
//!
//! Addresses that are already addresses (a `SocketAddr`, an `(IpAddr, u16)`
//! pair, a string that parses as an IP address and port) resolve at once,
//! without leaving the task. Anything else is a host name: it is resolved
//! with the operating system's resolver (`getaddrinfo`), which blocks, so it
//! runs on the runtime's blocking pool.
//!
//! The trait is sealed, as tokio's is: the resolution method is private, so
//! the set of accepted types can grow without breaking anyone.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

/// Types that the socket constructors of this crate accept as addresses, and
/// that [`lookup_host`] resolves.
///
/// It is implemented for socket addresses, `(ip, port)` tuples, slices of
/// socket addresses, and strings: `"127.0.0.1:8080"`, `"localhost:8080"`,
/// `("localhost", 8080)`. Host names are resolved on the blocking pool, so
/// they need a runtime; literal addresses do not block.
///
/// This trait is sealed: it cannot be implemented outside this crate.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::TcpListener;
///
/// // All of these name the same kind of address.
/// let a = TcpListener::bind("127.0.0.1:0").await?;
/// let b = TcpListener::bind(("127.0.0.1", 0)).await?;
/// let c = TcpListener::bind(std::net::SocketAddr::from(([127, 0, 0, 1], 0))).await?;
/// # drop((a, b, c));
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub trait ToSocketAddrs: sealed::ToSocketAddrsPriv {}

pub(crate) mod sealed {
    use super::*;

    /// What an address resolves to before any blocking work.
    #[derive(Debug)]
    pub enum Resolve {
        /// Already resolved (or failed).
        Ready(io::Result<Vec<SocketAddr>>),
        /// A host name and port for the system resolver.
        Host(String, u16),
        /// A `host:port` string for the system resolver.
        HostPort(String),
    }

    /// The private half of [`ToSocketAddrs`](super::ToSocketAddrs).
    pub trait ToSocketAddrsPriv {
        /// Resolves as far as possible without blocking.
        fn to_resolve(&self) -> Resolve;
    }
}

use sealed::{Resolve, ToSocketAddrsPriv};

/// Resolves `addr` fully, on the blocking pool when a host name is involved.
pub(crate) async fn to_socket_addrs<A: ToSocketAddrs>(addr: A) -> io::Result<Vec<SocketAddr>> {
    match addr.to_resolve() {
        Resolve::Ready(result) => result,
        Resolve::Host(host, port) => {
            blocking(move || std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), port))).await
        }
        Resolve::HostPort(host_port) => {
            blocking(move || std::net::ToSocketAddrs::to_socket_addrs(host_port.as_str())).await
        }
    }
}

async fn blocking(
    f: impl FnOnce() -> io::Result<std::vec::IntoIter<SocketAddr>> + Send + 'static,
) -> io::Result<Vec<SocketAddr>> {
    match runtime_core::task::spawn_blocking(move || f().map(Iterator::collect)).await {
        Ok(result) => result,
        Err(e) => Err(io::Error::other(e)),
    }
}

/// The error for an address list that is empty.
pub(crate) fn no_addresses() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "could not resolve to any address",
    )
}

/// Tries `op` with each address of `addr` in turn, returning the first
/// success, or the last error.
pub(crate) async fn each_addr<A, T, F, Fut>(addr: A, mut op: F) -> io::Result<T>
where
    A: ToSocketAddrs,
    F: FnMut(SocketAddr) -> Fut,
    Fut: std::future::Future<Output = io::Result<T>>,
{
    let addrs = to_socket_addrs(addr).await?;
    let mut last = None;
    for addr in addrs {
        match op(addr).await {
            Ok(value) => return Ok(value),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(no_addresses))
}

/// Resolves a host name to the socket addresses it stands for.
///
/// `host` is anything [`ToSocketAddrs`] accepts, typically `"name:port"` or
/// `("name", port)`. Host names are resolved with the system resolver on the
/// runtime's blocking pool.
///
/// # Errors
///
/// Fails with the resolver's error when the name cannot be resolved, and
/// with `InvalidInput` when the string has no port.
///
/// # Panics
///
/// Resolving a host name outside a runtime panics, as spawning a blocking
/// task does.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::lookup_host;
///
/// let addrs: Vec<_> = lookup_host("127.0.0.1:80").await?.collect();
/// assert_eq!(addrs, ["127.0.0.1:80".parse().unwrap()]);
/// for addr in lookup_host("localhost:80").await? {
///     assert!(addr.ip().is_loopback());
/// }
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn lookup_host<T: ToSocketAddrs>(
    host: T,
) -> io::Result<impl Iterator<Item = SocketAddr>> {
    Ok(to_socket_addrs(host).await?.into_iter())
}

macro_rules! ready_impl {
    ($($ty:ty => |$this:ident| $body:expr;)*) => {$(
        impl ToSocketAddrs for $ty {}
        impl ToSocketAddrsPriv for $ty {
            fn to_resolve(&self) -> Resolve {
                let $this = self;
                Resolve::Ready(Ok($body))
            }
        }
    )*};
}

ready_impl! {
    SocketAddr => |a| vec![*a];
    SocketAddrV4 => |a| vec![SocketAddr::V4(*a)];
    SocketAddrV6 => |a| vec![SocketAddr::V6(*a)];
    (IpAddr, u16) => |a| vec![SocketAddr::new(a.0, a.1)];
    (Ipv4Addr, u16) => |a| vec![SocketAddr::new(IpAddr::V4(a.0), a.1)];
    (Ipv6Addr, u16) => |a| vec![SocketAddr::new(IpAddr::V6(a.0), a.1)];
    [SocketAddr] => |a| a.to_vec();
}

impl<const N: usize> ToSocketAddrs for [SocketAddr; N] {}
impl<const N: usize> ToSocketAddrsPriv for [SocketAddr; N] {
    fn to_resolve(&self) -> Resolve {
        Resolve::Ready(Ok(self.to_vec()))
    }
}

impl ToSocketAddrs for str {}
impl ToSocketAddrsPriv for str {
    fn to_resolve(&self) -> Resolve {
        match self.parse::<SocketAddr>() {
            Ok(addr) => Resolve::Ready(Ok(vec![addr])),
            Err(_) => Resolve::HostPort(self.to_owned()),
        }
    }
}

impl ToSocketAddrs for String {}
impl ToSocketAddrsPriv for String {
    fn to_resolve(&self) -> Resolve {
        self.as_str().to_resolve()
    }
}

impl ToSocketAddrs for (&str, u16) {}
impl ToSocketAddrsPriv for (&str, u16) {
    fn to_resolve(&self) -> Resolve {
        let (host, port) = *self;
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Resolve::Ready(Ok(vec![SocketAddr::new(ip, port)]));
        }
        Resolve::Host(host.to_owned(), port)
    }
}

impl ToSocketAddrs for (String, u16) {}
impl ToSocketAddrsPriv for (String, u16) {
    fn to_resolve(&self) -> Resolve {
        (self.0.as_str(), self.1).to_resolve()
    }
}

impl<T: ToSocketAddrs + ?Sized> ToSocketAddrs for &T {}
impl<T: ToSocketAddrsPriv + ?Sized> ToSocketAddrsPriv for &T {
    fn to_resolve(&self) -> Resolve {
        (**self).to_resolve()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready(r: Resolve) -> Vec<SocketAddr> {
        match r {
            Resolve::Ready(Ok(v)) => v,
            other => panic!("expected a resolved address, got {other:?}"),
        }
    }

    #[test]
    fn literals_resolve_without_blocking() {
        let v4: SocketAddr = "127.0.0.1:80".parse().unwrap();
        let v6: SocketAddr = "[::1]:443".parse().unwrap();
        assert_eq!(ready("127.0.0.1:80".to_resolve()), [v4]);
        assert_eq!(ready(String::from("[::1]:443").to_resolve()), [v6]);
        assert_eq!(ready(("127.0.0.1", 80).to_resolve()), [v4]);
        assert_eq!(ready(("::1", 443).to_resolve()), [v6]);
        assert_eq!(ready((String::from("127.0.0.1"), 80).to_resolve()), [v4]);
        assert_eq!(ready(v4.to_resolve()), [v4]);
        assert_eq!(ready((Ipv4Addr::LOCALHOST, 80).to_resolve()), [v4]);
        assert_eq!(ready((Ipv6Addr::LOCALHOST, 443).to_resolve()), [v6]);
        assert_eq!(
            ready((IpAddr::V4(Ipv4Addr::LOCALHOST), 80).to_resolve()),
            [v4]
        );
        assert_eq!(ready([v4, v6].to_resolve()), [v4, v6]);
        assert_eq!(ready([v6, v4][..].to_resolve()), [v6, v4]);
        assert_eq!(ready((&&v4).to_resolve()), [v4]);
    }

    #[test]
    fn names_go_to_the_resolver() {
        assert!(matches!("localhost:80".to_resolve(), Resolve::HostPort(s) if s == "localhost:80"));
        assert!(matches!(("localhost", 80).to_resolve(), Resolve::Host(h, 80) if h == "localhost"));
        // No port: the system resolver reports the error, as std does.
        assert!(matches!("127.0.0.1".to_resolve(), Resolve::HostPort(_)));
    }
}
