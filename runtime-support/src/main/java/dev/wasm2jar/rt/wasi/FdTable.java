package dev.wasm2jar.rt.wasi;

import java.util.Arrays;

/**
 * The guest's descriptor numbers. New descriptors take the lowest free number, as POSIX {@code open}
 * does, so a closed number is reused by the next open.
 */
final class FdTable {
    /** Upper bound on open descriptors; beyond it opens fail with EMFILE. */
    static final int MAX_FDS = 1 << 16;

    private Descriptor[] table = new Descriptor[16];

    Descriptor get(int fd) {
        Descriptor[] t = table;
        if (fd < 0 || fd >= t.length) {
            throw WasiException.BADF;
        }
        Descriptor d = t[fd];
        if (d == null) {
            throw WasiException.BADF;
        }
        return d;
    }

    /** The descriptor at {@code fd}, or null when that number is free or out of range. */
    Descriptor find(int fd) {
        return fd >= 0 && fd < table.length ? table[fd] : null;
    }

    /** Installs {@code d} at the lowest free number and returns that number. */
    int insert(Descriptor d) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == null) {
                table[i] = d;
                return i;
            }
        }
        int fd = table.length;
        if (fd >= MAX_FDS) {
            throw WasiException.of(Errno.EMFILE);
        }
        table = Arrays.copyOf(table, Math.min(table.length * 2, MAX_FDS));
        table[fd] = d;
        return fd;
    }

    /** Installs {@code d} at exactly {@code fd} (used while building the initial table). */
    void put(int fd, Descriptor d) {
        while (fd >= table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        table[fd] = d;
    }

    Descriptor remove(int fd) {
        Descriptor d = get(fd);
        table[fd] = null;
        return d;
    }

    /** The highest slot index plus one; slots may be null. */
    int capacity() {
        return table.length;
    }
}
