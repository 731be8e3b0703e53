#[runtime_macros::main_rt(flavor = "multi_thread")]
async fn main() {}
