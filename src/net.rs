//! TCP, UDP and Unix sockets (runtime-net).
