//! Asynchronous synchronisation primitives (runtime-core).
