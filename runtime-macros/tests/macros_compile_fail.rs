//! Compile-fail tests: every misuse of `#[main]`, `#[test]`, `select!`,
//! `join!`, `try_join!` and `pin!` is a compile error that points at the
//! token at fault and says how to fix it. The expected messages are in
//! `tests/ui/*.stderr`; regenerate them with `TRYBUILD=overwrite`.

#[test]
fn misuse_is_a_clear_compile_error() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
