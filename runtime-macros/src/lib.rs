//! Procedural macros of `runtime`: `#[main]` and `#[test]`.
//!
//! Use them through the facade, as `#[runtime::main]` and `#[runtime::test]`.
