//! The expansion of `#[main]` and `#[test]`.
//!
//! ```text
//! #[runtime::main(worker_threads = 2)]
//! async fn main() -> Result<(), E> { BODY }
//! ```
//!
//! becomes
//!
//! ```text
//! fn main() -> Result<(), E> {
//!     let body = async { BODY };
//!     return ::runtime::runtime::Builder::new_multi_thread()
//!         .worker_threads(2)
//!         .enable_all()
//!         .build()
//!         .expect("Failed building the Runtime")
//!         .block_on(body);
//! }
//! ```
//!
//! keeping the visibility, the signature (without `async`), the outer and
//! inner attributes and the doc comments. `#[test]` adds
//! `#[::core::prelude::v1::test]` and pins the body as a
//! `Pin<&mut dyn Future<Output = T>>`, so that every test shares one
//! instantiation of `block_on` (tests are many; compile time matters more
//! than a virtual call). The tail is spanned at the body's last statement,
//! so that a type mismatch between the body and the signature is reported
//! there.
//!
//! When the attribute has an error, the function is still expanded (so that
//! the body is type-checked and an IDE keeps working), with a body that does
//! not name the runtime, and the error is reported next to it: the user sees
//! that one error only.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::Parser;
use syn::{Attribute, ItemFn, ReturnType};

use crate::config::{self, AttributeArgs, Config, Flavor, MacroKind};

/// Expands `#[main]` / `#[test]` (`kind` says which) on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream, kind: MacroKind) -> TokenStream {
    let input: ItemFn = match syn::parse2(item.clone()) {
        Ok(input) => input,
        // Not a function: give the item back unchanged with the error, so
        // that only the error is reported.
        Err(e) => {
            let msg = format!("{e}: #[{}] goes on an `async fn`", kind.name());
            return with_error(item, syn::Error::new(e.span(), msg));
        }
    };
    match check_and_parse(&input, args, kind) {
        Ok(config) => expand_fn(input, kind, Some(&config)),
        Err(e) => with_error(expand_fn(input, kind, None), e),
    }
}

/// Expands `#[main]` / `#[test]` in a facade built without the `rt`
/// feature: the function, with a body that does not name the runtime, and
/// an error that names the missing feature.
pub(crate) fn expand_without_rt(item: TokenStream, kind: MacroKind) -> TokenStream {
    let error = syn::Error::new(
        Span::call_site(),
        format!(
            "The #[{}] macro requires the `rt` or `rt-multi-thread` feature of runtime.",
            kind.name()
        ),
    );
    match syn::parse2::<ItemFn>(item.clone()) {
        Ok(input) => with_error(expand_fn(input, kind, None), error),
        Err(_) => with_error(item, error),
    }
}

fn check_and_parse(input: &ItemFn, args: TokenStream, kind: MacroKind) -> syn::Result<Config> {
    let macro_name = kind.name();
    if kind.is_test {
        if let Some(attr) = input.attrs.iter().find(|attr| is_test_attribute(attr)) {
            return Err(syn::Error::new_spanned(
                attr,
                "second test attribute is supplied, consider removing or changing the order of your test attributes",
            ));
        }
    }
    if input.sig.asyncness.is_none() {
        return Err(syn::Error::new_spanned(
            input.sig.fn_token,
            format!(
                "the `async` keyword is missing from the function declaration; #[{macro_name}] runs an `async fn`"
            ),
        ));
    }
    // Like tokio, only `main` and tests are refused arguments: another
    // function run by `#[main]` may take some, the body captures them.
    if !input.sig.inputs.is_empty() && (kind.is_test || input.sig.ident == "main") {
        let msg = if kind.is_test {
            "the test function cannot accept arguments"
        } else {
            "the main function cannot accept arguments"
        };
        return Err(syn::Error::new_spanned(&input.sig.inputs, msg));
    }
    let args = AttributeArgs::parse_terminated.parse2(args)?;
    config::parse(args, kind)
}

/// Whether `attr` is a `#[test]` the standard library would act on.
fn is_test_attribute(attr: &Attribute) -> bool {
    let syn::Meta::Path(path) = &attr.meta else {
        return false;
    };
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| {
            if segment.arguments.is_none() {
                segment.ident.to_string()
            } else {
                String::new()
            }
        })
        .collect();
    match segments.as_slice() {
        [test] => path.leading_colon.is_none() && test == "test",
        [root, prelude, _edition, test] => {
            (root == "core" || root == "std") && prelude == "prelude" && test == "test"
        }
        _ => false,
    }
}

/// Generates the synchronous function. `config` is `None` when the attribute
/// had an error: the body is then kept but the runtime is not named.
fn expand_fn(mut input: ItemFn, kind: MacroKind, config: Option<&Config>) -> TokenStream {
    input.sig.asyncness = None;

    // The spans of the last statement's first and last tokens (stable Rust
    // cannot join spans): a type mismatch points there.
    let (last_start, last_end) = {
        let mut tokens = input
            .block
            .stmts
            .last()
            .map(ToTokens::into_token_stream)
            .unwrap_or_default()
            .into_iter();
        let start = tokens.next().map_or_else(Span::call_site, |t| t.span());
        let end = tokens.last().map_or(start, |t| t.span());
        (start, end)
    };

    let output_type = match &input.sig.output {
        ReturnType::Default => quote! { () },
        ReturnType::Type(_, ty) => quote! { #ty },
    };
    let block = &input.block;
    let body = if kind.is_test {
        quote! {
            let body = async #block;
            let body = ::core::pin::pin!(body);
            let body: ::core::pin::Pin<&mut dyn ::core::future::Future<Output = #output_type>> = body;
        }
    } else {
        quote! {
            let body = async #block;
        }
    };

    let tail = match config {
        Some(config) => {
            let builder = builder(config, last_start);
            let build = match config.flavor {
                Flavor::Local => quote_spanned! {last_start=>
                    build_local(::core::default::Default::default())
                },
                Flavor::CurrentThread | Flavor::MultiThread => {
                    quote_spanned! {last_start=> build() }
                }
            };
            quote_spanned! {last_end=>
                #[allow(clippy::expect_used, clippy::diverging_sub_expression, clippy::needless_return)]
                {
                    return #builder
                        .enable_all()
                        .#build
                        .expect("Failed building the Runtime")
                        .block_on(body);
                }
            }
        }
        None => quote_spanned! {last_end=>
            #[allow(clippy::diverging_sub_expression, clippy::needless_return, unreachable_code)]
            {
                fn __block_on<F: ::core::future::Future>(_: F) -> F::Output {
                    ::core::unreachable!()
                }
                return __block_on(body);
            }
        },
    };

    let (outer, inner): (Vec<&Attribute>, Vec<&Attribute>) = input
        .attrs
        .iter()
        .partition(|attr| matches!(attr.style, syn::AttrStyle::Outer));
    let test_attr = if kind.is_test {
        quote! { #[::core::prelude::v1::test] }
    } else {
        quote! {}
    };
    let vis = &input.vis;
    let sig = &input.sig;
    quote! {
        #(#outer)*
        #test_attr
        #vis #sig {
            #(#inner)*
            #body
            #tail
        }
    }
}

/// `<crate>::runtime::Builder::new_*()` with the options that need a call.
fn builder(config: &Config, span: Span) -> TokenStream {
    let crate_path = match &config.crate_path {
        Some(path) => respan(path.to_token_stream(), span),
        None => quote_spanned! {span=> ::runtime },
    };
    let mut builder = match config.flavor {
        Flavor::CurrentThread | Flavor::Local => quote_spanned! {span=>
            #crate_path::runtime::Builder::new_current_thread()
        },
        Flavor::MultiThread => quote_spanned! {span=>
            #crate_path::runtime::Builder::new_multi_thread()
        },
    };
    if let Some(n) = &config.worker_threads {
        builder = quote_spanned! {span=> #builder.worker_threads(#n) };
    }
    if let Some(paused) = &config.start_paused {
        builder = quote_spanned! {span=> #builder.start_paused(#paused) };
    }
    if let Some(name) = &config.name {
        builder = quote_spanned! {span=> #builder.name(#name) };
    }
    builder
}

/// `tokens` with every span set to `span` (recursively), so that errors in
/// the generated tail point at the body rather than at the attribute.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut new =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                new.set_span(span);
                token = proc_macro2::TokenTree::Group(new);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

fn with_error(mut tokens: TokenStream, error: syn::Error) -> TokenStream {
    tokens.extend(error.into_compile_error());
    tokens
}
