//! `__select_clean_pattern!`: a `select!` pattern with its binding modifiers
//! removed, so that it can be tested against a reference.
//!
//! `select!` must learn whether a branch's output matches the branch pattern
//! without moving the output (on a mismatch the branch is disabled and the
//! race goes on; on a match the output is moved into the pattern later, in
//! the handler's arm). It tests `match &out { PATTERN => .. }`. Under a
//! reference, default binding modes bind by reference, and the modifiers
//! `ref`, `ref mut` and `mut` are rejected (edition 2024) or try to move out
//! of the borrow (earlier editions). So every `ref` and `mut` token is
//! dropped, in nested groups too: `Some(mut v)` becomes `Some(v)`,
//! `Msg { ref mut body, .. }` becomes `Msg { body, .. }`. A `&mut`
//! reference pattern loses both tokens (`&mut x` becomes `x`, which matches
//! through the extra reference by default binding modes; `&x` would try to
//! move the `&mut` out of a shared borrow). Bindings made by the cleaned
//! pattern are never used.
//!
//! The walk is a tt-muncher with an explicit stack: on entering a group it
//! pushes the tokens emitted so far and the tokens left after the group, and
//! on reaching the end of the group it pops them and emits the group. The
//! whole cleaned pattern comes out in one piece at the end, in pattern
//! position (a macro call is a valid pattern).

/// Removes `ref` and `mut` tokens from a pattern, at every nesting level.
///
/// Hidden helper of [`select!`](crate::select); not part of the public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __select_clean_pattern {
    // `&mut` reference patterns: drop both tokens. Under the extra reference
    // the inner pattern matches through default binding modes, whereas `&`
    // alone would try to move the `&mut` out of a shared borrow.
    (@ [$($out:tt)*] [$($stack:tt)*] & mut $($rest:tt)*) => {
        $crate::__select_clean_pattern!(@ [$($out)*] [$($stack)*] $($rest)*)
    };
    // Binding modifiers: drop them.
    (@ [$($out:tt)*] [$($stack:tt)*] ref $($rest:tt)*) => {
        $crate::__select_clean_pattern!(@ [$($out)*] [$($stack)*] $($rest)*)
    };
    (@ [$($out:tt)*] [$($stack:tt)*] mut $($rest:tt)*) => {
        $crate::__select_clean_pattern!(@ [$($out)*] [$($stack)*] $($rest)*)
    };
    // Entering a group: push what was emitted and what follows the group.
    (@ [$($out:tt)*] [$($stack:tt)*] ($($inner:tt)*) $($rest:tt)*) => {
        $crate::__select_clean_pattern!(
            @ [] [(paren [$($out)*] [$($rest)*]) $($stack)*] $($inner)*
        )
    };
    (@ [$($out:tt)*] [$($stack:tt)*] [$($inner:tt)*] $($rest:tt)*) => {
        $crate::__select_clean_pattern!(
            @ [] [(bracket [$($out)*] [$($rest)*]) $($stack)*] $($inner)*
        )
    };
    (@ [$($out:tt)*] [$($stack:tt)*] {$($inner:tt)*} $($rest:tt)*) => {
        $crate::__select_clean_pattern!(
            @ [] [(brace [$($out)*] [$($rest)*]) $($stack)*] $($inner)*
        )
    };
    // Any other token is kept.
    (@ [$($out:tt)*] [$($stack:tt)*] $token:tt $($rest:tt)*) => {
        $crate::__select_clean_pattern!(@ [$($out)* $token] [$($stack)*] $($rest)*)
    };
    // End of a group: pop the enclosing level and emit the group.
    (@ [$($inner:tt)*] [(paren [$($out:tt)*] [$($rest:tt)*]) $($stack:tt)*]) => {
        $crate::__select_clean_pattern!(@ [$($out)* ($($inner)*)] [$($stack)*] $($rest)*)
    };
    (@ [$($inner:tt)*] [(bracket [$($out:tt)*] [$($rest:tt)*]) $($stack:tt)*]) => {
        $crate::__select_clean_pattern!(@ [$($out)* [$($inner)*]] [$($stack)*] $($rest)*)
    };
    (@ [$($inner:tt)*] [(brace [$($out:tt)*] [$($rest:tt)*]) $($stack:tt)*]) => {
        $crate::__select_clean_pattern!(@ [$($out)* {$($inner)*}] [$($stack)*] $($rest)*)
    };
    // End of the pattern.
    (@ [$($out:tt)*] []) => {
        $($out)*
    };
    // Entry point.
    ($($pattern:tt)*) => {
        $crate::__select_clean_pattern!(@ [] [] $($pattern)*)
    };
}
