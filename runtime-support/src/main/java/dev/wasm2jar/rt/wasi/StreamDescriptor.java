package dev.wasm2jar.rt.wasi;

/**
 * stdin, stdout or stderr: a stream the embedder owns. It cannot seek, its metadata is only its file type
 * (a character device when it is a terminal, else unknown), and its sync flags are fixed.
 */
abstract class StreamDescriptor extends Descriptor {
    private final byte filetype;

    StreamDescriptor(long rights, byte filetype) {
        super(rights, 0, 0);
        this.filetype = filetype;
    }

    @Override
    final byte filetype() {
        return filetype;
    }

    @Override
    final boolean isStream() {
        return true;
    }

    @Override
    final void writeFilestat(byte[] m, int ptr) {
        HostStat.Stat s = new HostStat.Stat();
        s.filetype = filetype;
        s.write(m, ptr);
    }

    @Override
    final void setFdflags(int flags) {
        setFdflagsKeepingSync(flags);
    }
}
