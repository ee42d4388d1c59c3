# Sourced by the scripts: tool paths and the offline Trunk settings.
# tools/shim first: its wasm-bindgen splits off the lazily loaded modules (docs/decisions.md).
export PATH="$PWD/tools/shim:$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=never
