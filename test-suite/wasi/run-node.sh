#!/usr/bin/env bash
# Runs every program of tests.txt under Node (the reference runtime) and writes its stdout to
# expected/<name>.out. Fails if a program's exit code differs from tests.txt or if anything outside the
# sandbox changed. Usage: run-node.sh [name...]   (default: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$here/expected"

# The scratch layout every program gets (see README.md).
make_scratch() {
    local s="$1"
    mkdir -p "$s/sandbox/inner" "$s/outside"
    printf 'inside\n' > "$s/sandbox/inner/file"
    printf 'secret\n' > "$s/outside/secret"
    ln -s ../outside/secret "$s/sandbox/link-out"
    ln -s "$s/outside/secret" "$s/sandbox/abs-out"
    ln -s ../outside "$s/sandbox/dir-out"
}

outside_state() {
    (cd "$1/outside" && find . -printf '%p %y %s\n' | sort && cat secret)
}

status=0
while IFS='|' read -r name exit_code stdin_file reference rest; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ $# -gt 0 && " $* " != *" $name "* ]]; then continue; fi
    args=()
    if [[ -n "${rest:-}" ]]; then
        IFS='|' read -r -a args <<< "$rest"
    fi
    scratch="$(mktemp -d)"
    make_scratch "$scratch"
    before="$(outside_state "$scratch")"
    stdin=/dev/null
    [[ "$stdin_file" != "-" ]] && stdin="$here/$stdin_file"
    out="$here/expected/$name.out"
    [[ "$reference" == "spec" ]] && out="$scratch/node.out"
    set +e
    node "$here/run-node.mjs" "$scratch/sandbox" "$here/wasm/$name.wasm" "${args[@]}" \
        < "$stdin" > "$out" 2> "$scratch/stderr"
    code=$?
    set -e
    if [[ "$reference" == "spec" ]]; then
        # Node is known not to conform here: report how far it is off, keep the spec's expectation.
        if ! diff -q "$here/expected/$name.out" "$out" > /dev/null; then
            echo "$name: Node deviates from the spec (expected/$name.out kept):" >&2
            diff "$here/expected/$name.out" "$out" >&2 || true
        fi
        echo "$name: exit $code (reference: spec)"
        rm -rf "$scratch"
        continue
    fi
    if [[ "$code" != "$exit_code" ]]; then
        echo "$name: exit code $code, expected $exit_code" >&2; cat "$scratch/stderr" >&2; status=1
    fi
    if [[ "$(outside_state "$scratch")" != "$before" ]]; then
        echo "$name: the directory outside the sandbox changed" >&2; status=1
    fi
    echo "$name: exit $code, $(wc -l < "$here/expected/$name.out") lines"
    rm -rf "$scratch"
done < "$here/tests.txt"
exit $status
