//! The options of `#[main]` and `#[test]`: parsing and validation.
//!
//! Accepted, as tokio accepts them: `flavor = "current_thread" |
//! "multi_thread" | "local"` (`local` builds a `LocalRuntime`, so the body
//! may `spawn_local`), `worker_threads = N` (multi-thread only, N > 0),
//! `start_paused = true|false` (current-thread and local only),
//! `crate = "path"`,
//! `name = "runtime name"` (a non-empty string, passed to `Builder::name`).
//! Every option may be given once. Every error carries the span of the token
//! at fault and says how to fix it; the messages follow tokio's where tokio
//! has one, so that the diagnostics a ported project sees do not change.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Lit, LitBool, LitInt, LitStr, Meta, Path, Token};

/// The comma-separated options inside the attribute's parentheses.
pub(crate) type AttributeArgs = Punctuated<Meta, Token![,]>;

/// Which runtime the generated code builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    CurrentThread,
    MultiThread,
    /// A current-thread `LocalRuntime`, on which `spawn_local` works.
    Local,
}

impl Flavor {
    fn from_name(name: &str) -> Result<Self, String> {
        match name {
            "current_thread" => Ok(Self::CurrentThread),
            "multi_thread" => Ok(Self::MultiThread),
            "local" => Ok(Self::Local),
            "single_thread" => {
                Err("The single threaded runtime flavor is called `current_thread`.".into())
            }
            "basic_scheduler" => Err(
                "The `basic_scheduler` runtime flavor has been renamed to `current_thread`.".into(),
            ),
            "threaded_scheduler" => Err(
                "The `threaded_scheduler` runtime flavor has been renamed to `multi_thread`."
                    .into(),
            ),
            other => Err(format!(
                "No such runtime flavor `{other}`. The runtime flavors are `current_thread`, `local`, and `multi_thread`."
            )),
        }
    }
}

/// Which attribute is being expanded, and what the enabled features allow.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MacroKind {
    /// `#[test]` rather than `#[main]`.
    pub(crate) is_test: bool,
    /// Whether the facade was built with the `rt-multi-thread` feature.
    pub(crate) rt_multi_thread: bool,
}

impl MacroKind {
    /// The attribute's name as the user writes it, for messages.
    pub(crate) fn name(self) -> &'static str {
        if self.is_test {
            "runtime::test"
        } else {
            "runtime::main"
        }
    }

    fn default_flavor(self) -> Flavor {
        if self.is_test {
            Flavor::CurrentThread
        } else {
            Flavor::MultiThread
        }
    }
}

/// The validated options, ready for the expansion.
pub(crate) struct Config {
    pub(crate) flavor: Flavor,
    pub(crate) worker_threads: Option<LitInt>,
    pub(crate) start_paused: Option<LitBool>,
    pub(crate) crate_path: Option<Path>,
    pub(crate) name: Option<LitStr>,
}

/// The options as written, before the cross-option checks.
struct Options {
    kind: MacroKind,
    flavor: Option<(Flavor, Span)>,
    worker_threads: Option<(LitInt, Span)>,
    start_paused: Option<(LitBool, Span)>,
    crate_path: Option<(Path, Span)>,
    name: Option<LitStr>,
}

const EXPECTED: &str =
    "expected one of: `flavor`, `worker_threads`, `start_paused`, `crate`, `name`";

/// Parses and validates the attribute's options.
pub(crate) fn parse(args: AttributeArgs, kind: MacroKind) -> syn::Result<Config> {
    let mut options = Options {
        kind,
        flavor: None,
        worker_threads: None,
        start_paused: None,
        crate_path: None,
        name: None,
    };
    for arg in args {
        match arg {
            Meta::NameValue(name_value) => {
                let name = option_name(&name_value.path)?;
                let lit = match &name_value.value {
                    Expr::Lit(ExprLit { lit, .. }) => lit,
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            format!("The value of `{name}` must be a literal."),
                        ));
                    }
                };
                match name.as_str() {
                    "flavor" => options.set_flavor(lit)?,
                    "worker_threads" => options.set_worker_threads(lit)?,
                    "start_paused" => options.set_start_paused(lit)?,
                    "crate" => options.set_crate_path(lit)?,
                    "name" => options.set_name(lit)?,
                    "core_threads" => {
                        return Err(syn::Error::new_spanned(
                            &name_value,
                            "Attribute `core_threads` is renamed to `worker_threads`",
                        ));
                    }
                    "unhandled_panic" => {
                        return Err(syn::Error::new_spanned(
                            &name_value,
                            "The `unhandled_panic` option is not supported: runtime has no `Builder::unhandled_panic` (it is unstable in tokio).",
                        ));
                    }
                    other => {
                        return Err(syn::Error::new_spanned(
                            &name_value.path,
                            format!("Unknown attribute {other} is specified; {EXPECTED}"),
                        ));
                    }
                }
            }
            Meta::Path(path) => {
                let name = option_name(&path)?;
                let macro_name = kind.name();
                let msg = match name.as_str() {
                    "threaded_scheduler" | "multi_thread" => format!(
                        "Set the runtime flavor with #[{macro_name}(flavor = \"multi_thread\")]."
                    ),
                    "basic_scheduler" | "current_thread" | "single_threaded" => format!(
                        "Set the runtime flavor with #[{macro_name}(flavor = \"current_thread\")]."
                    ),
                    "flavor" | "worker_threads" | "start_paused" | "crate" | "name" => {
                        format!("The `{name}` attribute requires an argument.")
                    }
                    other => format!("Unknown attribute {other} is specified; {EXPECTED}."),
                };
                return Err(syn::Error::new_spanned(path, msg));
            }
            Meta::List(list) => {
                return Err(syn::Error::new_spanned(
                    &list,
                    format!(
                        "Unknown attribute inside the macro; write options as `name = value`, {EXPECTED}"
                    ),
                ));
            }
        }
    }
    options.finish()
}

fn option_name(path: &Path) -> syn::Result<String> {
    path.get_ident()
        .map(|ident| ident.to_string().to_lowercase())
        .ok_or_else(|| {
            syn::Error::new_spanned(path, format!("Must have specified ident; {EXPECTED}"))
        })
}

fn duplicate(span: Span, name: &str) -> syn::Error {
    syn::Error::new(span, format!("`{name}` set multiple times."))
}

impl Options {
    fn set_flavor(&mut self, lit: &Lit) -> syn::Result<()> {
        if self.flavor.is_some() {
            return Err(duplicate(lit.span(), "flavor"));
        }
        let Lit::Str(s) = lit else {
            return Err(syn::Error::new(
                lit.span(),
                "Failed to parse value of `flavor` as string: write `flavor = \"current_thread\"` or `flavor = \"multi_thread\"`.",
            ));
        };
        let flavor = Flavor::from_name(&s.value()).map_err(|msg| syn::Error::new(s.span(), msg))?;
        self.flavor = Some((flavor, s.span()));
        Ok(())
    }

    fn set_worker_threads(&mut self, lit: &Lit) -> syn::Result<()> {
        if self.worker_threads.is_some() {
            return Err(duplicate(lit.span(), "worker_threads"));
        }
        let int = match lit {
            Lit::Int(int) => int.clone(),
            // tokio accepts `worker_threads = "4"` as well.
            Lit::Str(s) => s.parse::<LitInt>().map_err(|_| {
                syn::Error::new(
                    s.span(),
                    format!(
                        "Failed to parse value of `worker_threads` as integer: `{}` is not a number.",
                        s.value()
                    ),
                )
            })?,
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "Failed to parse value of `worker_threads` as integer: write a number, as in `worker_threads = 4`.",
                ));
            }
        };
        let value = int.base10_parse::<usize>().map_err(|e| {
            syn::Error::new(
                int.span(),
                format!("Failed to parse value of `worker_threads` as integer: {e}"),
            )
        })?;
        if value == 0 {
            return Err(syn::Error::new(
                int.span(),
                "`worker_threads` may not be 0.",
            ));
        }
        // Re-emit as an unsuffixed `usize` literal, as `Builder::worker_threads`
        // takes one.
        let span = int.span();
        self.worker_threads = Some((LitInt::new(&value.to_string(), span), span));
        Ok(())
    }

    fn set_start_paused(&mut self, lit: &Lit) -> syn::Result<()> {
        if self.start_paused.is_some() {
            return Err(duplicate(lit.span(), "start_paused"));
        }
        let value = match lit {
            Lit::Bool(b) => b.clone(),
            Lit::Str(s) => match s.value().as_str() {
                "true" => LitBool::new(true, s.span()),
                "false" => LitBool::new(false, s.span()),
                _ => return Err(start_paused_error(s.span())),
            },
            other => return Err(start_paused_error(other.span())),
        };
        self.start_paused = Some((value, lit.span()));
        Ok(())
    }

    fn set_name(&mut self, lit: &Lit) -> syn::Result<()> {
        if self.name.is_some() {
            return Err(duplicate(lit.span(), "name"));
        }
        let Lit::Str(s) = lit else {
            return Err(syn::Error::new(
                lit.span(),
                "Failed to parse value of `name` as string.",
            ));
        };
        if s.value().trim().is_empty() {
            return Err(syn::Error::new(
                s.span(),
                "The runtime `name` must not be empty.",
            ));
        }
        self.name = Some(s.clone());
        Ok(())
    }

    fn set_crate_path(&mut self, lit: &Lit) -> syn::Result<()> {
        if self.crate_path.is_some() {
            return Err(duplicate(lit.span(), "crate"));
        }
        let Lit::Str(s) = lit else {
            return Err(syn::Error::new(
                lit.span(),
                "Failed to parse value of `crate` as path: write a string, as in `crate = \"my_runtime\"`.",
            ));
        };
        let path = parse_path(s)?;
        self.crate_path = Some((path, s.span()));
        Ok(())
    }

    fn finish(self) -> syn::Result<Config> {
        let macro_name = self.kind.name();
        let flavor = self
            .flavor
            .map(|(f, _)| f)
            .unwrap_or(self.kind.default_flavor());

        if flavor == Flavor::MultiThread && !self.kind.rt_multi_thread {
            let (msg, span) = match self.flavor {
                None => (
                    "The default runtime flavor is `multi_thread`, but the `rt-multi-thread` feature is disabled.",
                    Span::call_site(),
                ),
                Some((_, span)) => (
                    "The runtime flavor `multi_thread` requires the `rt-multi-thread` feature.",
                    span,
                ),
            };
            return Err(syn::Error::new(span, msg));
        }

        let worker_threads = match (flavor, self.worker_threads) {
            (Flavor::CurrentThread | Flavor::Local, Some((_, span))) => {
                return Err(syn::Error::new(
                    span,
                    format!(
                        "The `worker_threads` option requires the `multi_thread` runtime flavor. Use `#[{macro_name}(flavor = \"multi_thread\")]`"
                    ),
                ));
            }
            (_, worker_threads) => worker_threads.map(|(lit, _)| lit),
        };

        let start_paused = match (flavor, self.start_paused) {
            (Flavor::MultiThread, Some((_, span))) => {
                return Err(syn::Error::new(
                    span,
                    format!(
                        "The `start_paused` option requires the `current_thread` runtime flavor. Use `#[{macro_name}(flavor = \"current_thread\")]`"
                    ),
                ));
            }
            (_, start_paused) => start_paused.map(|(lit, _)| lit),
        };

        Ok(Config {
            flavor,
            worker_threads,
            start_paused,
            crate_path: self.crate_path.map(|(path, _)| path),
            name: self.name,
        })
    }
}

fn start_paused_error(span: Span) -> syn::Error {
    syn::Error::new(
        span,
        "Failed to parse value of `start_paused` as bool: write `start_paused = true` or `start_paused = false`.",
    )
}

fn parse_path(s: &LitStr) -> syn::Result<Path> {
    s.parse::<Path>().map_err(|e| {
        syn::Error::new(
            s.span(),
            format!(
                "Failed to parse value of `crate` as path: {e}; write a path such as `crate = \"my_runtime\"`"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::parse::Parser;

    use super::{AttributeArgs, Flavor, MacroKind, parse};

    const MAIN: MacroKind = MacroKind {
        is_test: false,
        rt_multi_thread: true,
    };
    const TEST: MacroKind = MacroKind {
        is_test: true,
        rt_multi_thread: true,
    };

    fn config(args: proc_macro2::TokenStream, kind: MacroKind) -> syn::Result<super::Config> {
        parse(AttributeArgs::parse_terminated.parse2(args)?, kind)
    }

    fn error(args: proc_macro2::TokenStream, kind: MacroKind) -> String {
        match config(args, kind) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn defaults_follow_tokio() {
        let main = config(quote!(), MAIN).unwrap();
        assert_eq!(main.flavor, Flavor::MultiThread);
        assert!(main.worker_threads.is_none() && main.start_paused.is_none());
        assert!(main.crate_path.is_none());
        assert_eq!(
            config(quote!(), TEST).unwrap().flavor,
            Flavor::CurrentThread
        );
    }

    #[test]
    fn values_are_parsed() {
        let c = config(quote!(worker_threads = 8), MAIN).unwrap();
        assert_eq!(c.worker_threads.unwrap().base10_digits(), "8");
        let c = config(quote!(worker_threads = "3", flavor = "multi_thread"), TEST).unwrap();
        assert_eq!(c.flavor, Flavor::MultiThread);
        assert_eq!(c.worker_threads.unwrap().base10_digits(), "3");
        let c = config(quote!(start_paused = "true"), TEST).unwrap();
        assert!(c.start_paused.unwrap().value);
        let c = config(quote!(crate = "my::rt"), MAIN).unwrap();
        let path = c.crate_path.unwrap();
        assert_eq!(quote!(#path).to_string(), "my :: rt");
        let c = config(quote!(flavor = "local", start_paused = true), TEST).unwrap();
        assert_eq!(c.flavor, Flavor::Local);
        let c = config(quote!(name = "ingest"), MAIN).unwrap();
        assert_eq!(c.name.unwrap().value(), "ingest");
    }

    #[test]
    fn name_errors() {
        assert_eq!(
            error(quote!(name = "a", name = "b"), MAIN),
            "`name` set multiple times."
        );
        assert_eq!(
            error(quote!(name = 3), TEST),
            "Failed to parse value of `name` as string."
        );
        assert_eq!(
            error(quote!(name = "  "), TEST),
            "The runtime `name` must not be empty."
        );
        assert_eq!(
            error(quote!(name), TEST),
            "The `name` attribute requires an argument."
        );
    }

    #[test]
    fn option_names_ignore_case() {
        let c = config(quote!(FLAVOR = "current_thread", Start_Paused = true), MAIN).unwrap();
        assert_eq!(c.flavor, Flavor::CurrentThread);
        assert!(c.start_paused.unwrap().value);
    }

    #[test]
    fn errors_say_what_to_do() {
        assert_eq!(
            error(quote!(flavor = "current_thread", worker_threads = 2), MAIN),
            "The `worker_threads` option requires the `multi_thread` runtime flavor. Use `#[runtime::main(flavor = \"multi_thread\")]`"
        );
        assert_eq!(
            error(quote!(flavor = "multi_thread", start_paused = true), TEST),
            "The `start_paused` option requires the `current_thread` runtime flavor. Use `#[runtime::test(flavor = \"current_thread\")]`"
        );
        assert_eq!(
            error(quote!(worker_threads = 0), MAIN),
            "`worker_threads` may not be 0."
        );
        assert_eq!(
            error(quote!(start_paused = true, start_paused = false), TEST),
            "`start_paused` set multiple times."
        );
        assert_eq!(
            error(quote!(crate = "a", crate = "b"), TEST),
            "`crate` set multiple times."
        );
        assert_eq!(
            error(quote!(flavor = "single_thread"), MAIN),
            "The single threaded runtime flavor is called `current_thread`."
        );
        assert_eq!(
            error(quote!(flavor = "threaded_scheduler"), MAIN),
            "The `threaded_scheduler` runtime flavor has been renamed to `multi_thread`."
        );
        assert_eq!(
            error(quote!(multi_thread), TEST),
            "Set the runtime flavor with #[runtime::test(flavor = \"multi_thread\")]."
        );
        assert!(
            error(quote!(unhandled_panic = "shutdown_runtime"), TEST).contains("not supported")
        );
        assert!(
            error(quote!(flavor(current_thread)), TEST)
                .starts_with("Unknown attribute inside the macro")
        );
        assert!(error(quote!(a::b = 1), TEST).starts_with("Must have specified ident"));
    }

    #[test]
    fn multi_thread_needs_its_feature() {
        let rt_only = MacroKind {
            is_test: false,
            rt_multi_thread: false,
        };
        assert_eq!(
            error(quote!(), rt_only),
            "The default runtime flavor is `multi_thread`, but the `rt-multi-thread` feature is disabled."
        );
        assert_eq!(
            error(quote!(flavor = "multi_thread"), rt_only),
            "The runtime flavor `multi_thread` requires the `rt-multi-thread` feature."
        );
        assert_eq!(
            config(quote!(flavor = "current_thread"), rt_only)
                .unwrap()
                .flavor,
            Flavor::CurrentThread
        );
    }
}
