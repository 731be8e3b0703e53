#[runtime_macros::main(crate = "mock", flavor = "current_thread")]
async fn run() -> u32 {
    let unit = ();
    unit
}

fn main() {
    let _ = run();
}

mod mock {
    pub mod runtime {
        pub struct Builder;
        impl Builder {
            pub fn new_current_thread() -> Builder {
                Builder
            }
            pub fn enable_all(&mut self) -> &mut Self {
                self
            }
            pub fn build(&mut self) -> std::io::Result<Runtime> {
                Ok(Runtime)
            }
        }
        pub struct Runtime;
        impl Runtime {
            pub fn block_on<F: std::future::Future>(&self, _: F) -> F::Output {
                panic!("mock runtime")
            }
        }
    }
}
