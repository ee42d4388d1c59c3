//! Entry point of the wasm app: installs the panic hook and mounts [`crt_viewer::App`].

fn main() {
    crt_viewer::start();
}
