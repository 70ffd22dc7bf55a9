package dev.wasm2jar.maven;

/** A problem with the project's wasm files or configuration; the mojo reports it as a build failure. */
final class BuildFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BuildFailure(String message) {
        super(message);
    }

    BuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
