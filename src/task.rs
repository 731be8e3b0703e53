//! Asynchronous tasks (runtime-core).
