#[runtime_macros::main(flavor = 1)]
async fn main() {}
