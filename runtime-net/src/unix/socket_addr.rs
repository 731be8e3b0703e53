//! [`SocketAddr`]: the address of a Unix domain socket.

use std::fmt;
use std::path::Path;

/// An address of a Unix domain socket: a path, an abstract name (Linux), or
/// unnamed (an unbound socket, or one end of a socket pair).
#[derive(Clone)]
pub struct SocketAddr(pub(crate) std::os::unix::net::SocketAddr);

impl SocketAddr {
    /// Whether the address is unnamed.
    pub fn is_unnamed(&self) -> bool {
        self.0.is_unnamed()
    }

    /// The path the socket is bound to, if it is bound to a path.
    pub fn as_pathname(&self) -> Option<&Path> {
        self.0.as_pathname()
    }

    /// The abstract name of the socket, if it has one (Linux and Android).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub fn as_abstract_name(&self) -> Option<&[u8]> {
        #[cfg(target_os = "android")]
        use std::os::android::net::SocketAddrExt;
        #[cfg(target_os = "linux")]
        use std::os::linux::net::SocketAddrExt;
        self.0.as_abstract_name()
    }
}

impl fmt::Debug for SocketAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<std::os::unix::net::SocketAddr> for SocketAddr {
    fn from(value: std::os::unix::net::SocketAddr) -> Self {
        SocketAddr(value)
    }
}

impl From<SocketAddr> for std::os::unix::net::SocketAddr {
    fn from(value: SocketAddr) -> Self {
        value.0
    }
}

/// The socket address named by `path`. On Linux and Android a path that
/// starts with a NUL byte names an abstract socket (`"\0name"`), as the
/// kernel and tokio spell them; elsewhere it is a filesystem path.
pub(crate) fn from_path(path: &Path) -> std::io::Result<std::os::unix::net::SocketAddr> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        #[cfg(target_os = "android")]
        use std::os::android::net::SocketAddrExt;
        #[cfg(target_os = "linux")]
        use std::os::linux::net::SocketAddrExt;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Some(name) = bytes.strip_prefix(b"\0") {
            return std::os::unix::net::SocketAddr::from_abstract_name(name);
        }
    }
    std::os::unix::net::SocketAddr::from_pathname(path)
}
