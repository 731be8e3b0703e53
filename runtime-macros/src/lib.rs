//! Procedural macros of `runtime`: `#[main]` and `#[test]`.
//!
//! Use them through the facade, as `#[runtime::main]` and `#[runtime::test]`;
//! the facade picks the variant that matches its features (`main` with
//! `rt-multi-thread`, `main_rt` with `rt` alone, `main_fail` without `rt`).
//!
//! Both turn an `async fn` into a plain `fn` that builds a runtime and blocks
//! on the body: see `entry.rs` for the expansion and `config.rs` for the
//! options and their errors. The control-flow macros (`select!`, `join!`,
//! `try_join!`, `pin!`) are declarative and live in runtime-core.

mod config;
mod entry;

use proc_macro::TokenStream;

use config::MacroKind;

/// Marks an `async fn` as the program's entry point, run on a runtime.
///
/// ```text
/// #[runtime::main]
/// async fn main() {
///     println!("Hello world");
/// }
/// ```
///
/// expands to a synchronous `fn main` that builds a runtime with
/// `runtime::runtime::Builder`, enables its drivers (`enable_all`) and
/// `block_on`s the body. The return type is kept, so `main` may return a
/// `Result`. Attributes and doc comments are kept.
///
/// # Options
///
/// * `flavor = "multi_thread"` (the default) or `flavor = "current_thread"`:
///   `Builder::new_multi_thread()` or `Builder::new_current_thread()`;
///   `flavor = "local"` builds a `LocalRuntime`
///   (`Builder::build_local`), so the body may `spawn_local`.
/// * `worker_threads = N`: `Builder::worker_threads(N)`; multi-thread only.
///   The default is one worker per CPU.
/// * `start_paused = true`: `Builder::start_paused(true)`, the clock starts
///   paused (needs the `test-util` feature); current-thread and local only.
/// * `name = "..."`: `Builder::name`, the runtime's name.
/// * `crate = "path"`: the path of the `runtime` crate, when it was renamed
///   or is re-exported (`crate = "my_lib::runtime_reexport"`).
///
/// ```text
/// #[runtime::main(flavor = "current_thread")]
/// async fn main() -> Result<(), Box<dyn std::error::Error>> {
///     Ok(())
/// }
/// ```
///
/// # Errors
///
/// Compile errors, pointing at the token at fault: the function is not
/// `async`, `main` takes arguments, an option is
/// unknown, misspelt, repeated or has a value of the wrong type,
/// `worker_threads` is 0 or used with `current_thread`, `start_paused` is
/// used with `multi_thread`.
///
/// # Panics
///
/// The generated `main` panics with "Failed building the Runtime" when the
/// runtime cannot be built (its threads cannot be spawned, for instance).
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, false, true)
}

/// Marks an `async fn` as a test, run on a runtime of its own.
///
/// ```text
/// #[runtime::test]
/// async fn adds() {
///     assert_eq!(1 + 1, 2);
/// }
/// ```
///
/// expands to a `#[test] fn` that builds a runtime, `current_thread` by
/// default, and `block_on`s the body. It takes the same options as
/// [`macro@main`]: `flavor`, `worker_threads`, `start_paused`, `name`, `crate`.
/// Writing `#[test]` as well is an error (the function would be registered
/// twice); the return type is kept, so a test may return a `Result`.
///
/// ```text
/// #[runtime::test(flavor = "multi_thread", worker_threads = 2)]
/// async fn on_two_threads() {}
///
/// #[runtime::test(start_paused = true)]
/// async fn with_a_paused_clock() {}
/// ```
///
/// # Errors
///
/// The compile errors of [`macro@main`], and a second test attribute.
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, true, true)
}

/// `#[main]` for a facade built with `rt` but without `rt-multi-thread`:
/// the default flavor `multi_thread` is an error that says so.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn main_rt(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, false, false)
}

/// `#[test]` for a facade built with `rt` but without `rt-multi-thread`.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn test_rt(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(args, item, true, false)
}

/// `#[main]` for a facade built without `rt`: always an error that names
/// the missing feature.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn main_fail(_args: TokenStream, item: TokenStream) -> TokenStream {
    missing_rt(item, false)
}

/// `#[test]` for a facade built without `rt`.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn test_fail(_args: TokenStream, item: TokenStream) -> TokenStream {
    missing_rt(item, true)
}

fn expand(
    args: TokenStream,
    item: TokenStream,
    is_test: bool,
    rt_multi_thread: bool,
) -> TokenStream {
    let kind = MacroKind {
        is_test,
        rt_multi_thread,
    };
    entry::expand(args.into(), item.into(), kind).into()
}

fn missing_rt(item: TokenStream, is_test: bool) -> TokenStream {
    let kind = MacroKind {
        is_test,
        rt_multi_thread: false,
    };
    entry::expand_without_rt(item.into(), kind).into()
}
