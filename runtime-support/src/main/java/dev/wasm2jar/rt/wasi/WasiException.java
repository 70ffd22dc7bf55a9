package dev.wasm2jar.rt.wasi;

/**
 * An errno result raised from deep inside an operation (path resolution, guest memory access) and turned
 * back into a return value by {@link WasiPreview1}. It never leaves this package. The common ones are
 * shared stackless instances, so raising them costs no allocation.
 */
final class WasiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final WasiException FAULT = new WasiException(Errno.EFAULT);
    static final WasiException BADF = new WasiException(Errno.EBADF);
    static final WasiException NOTCAPABLE = new WasiException(Errno.ENOTCAPABLE);
    static final WasiException INVAL = new WasiException(Errno.EINVAL);

    final int errno;

    WasiException(int errno) {
        super("wasi errno " + errno, null, false, false);
        this.errno = errno;
    }

    static WasiException of(int errno) {
        switch (errno) {
            case Errno.EFAULT: return FAULT;
            case Errno.EBADF: return BADF;
            case Errno.ENOTCAPABLE: return NOTCAPABLE;
            case Errno.EINVAL: return INVAL;
            default: return new WasiException(errno);
        }
    }
}
