//! The macros: `#[main]`, `#[test]`, `select!`, `join!`, `try_join!`, `pin!`.
//!
//! `#[main]` and `#[test]` come from runtime-macros, in the variant that
//! matches the enabled features, as in tokio: with `rt-multi-thread` the
//! full one; with `rt` alone one whose default multi-thread flavor is an
//! error naming the missing feature; without `rt` one that always fails
//! with a message naming `rt`. The control-flow macros are declarative and
//! come from runtime-core; `pin!` is available without any feature, as
//! tokio's is.

#[cfg(all(feature = "macros", feature = "rt-multi-thread"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "macros", feature = "rt"))))]
#[doc(inline)]
pub use runtime_macros::{main, test};

#[cfg(all(feature = "macros", feature = "rt", not(feature = "rt-multi-thread")))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "macros", feature = "rt"))))]
#[doc(inline)]
pub use runtime_macros::{main_rt as main, test_rt as test};

#[cfg(all(feature = "macros", not(feature = "rt")))]
#[doc(hidden)]
pub use runtime_macros::{main_fail as main, test_fail as test};

#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[doc(inline)]
pub use runtime_core::{join, select, try_join};

#[doc(inline)]
pub use runtime_core::pin;
