//! Asynchronous I/O: the traits, extension methods and utilities (runtime-core).
