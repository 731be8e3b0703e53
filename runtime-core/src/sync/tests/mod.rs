//! Cross-primitive unit tests of `sync`.

mod coop;
