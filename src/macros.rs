//! The macros: `#[main]`, `#[test]`, `select!`, `join!`, `try_join!`, `pin!`.
