package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An open directory. Its host path is also the sandbox root for every path resolved through it: a
 * directory descriptor is a capability for that directory and what lies below, never above (see
 * {@link SandboxResolver}).
 */
final class DirectoryDescriptor extends Descriptor {
    /** Absolute, symlink-free host path of the directory. */
    final Path path;
    /** The guest name for a preopened directory ({@code fd_prestat_dir_name}), or null. */
    final String preopenName;

    /** One {@code fd_readdir} entry. */
    static final class Entry {
        final byte[] name;
        final long ino;
        final byte type;

        Entry(byte[] name, long ino, byte type) {
            this.name = name;
            this.ino = ino;
            this.type = type;
        }
    }

    /**
     * The listing that cookies index into. It is taken afresh whenever a read starts at cookie 0, so a
     * directory read from the start sees current contents and cookies stay stable within one pass.
     */
    private List<Entry> listing;

    DirectoryDescriptor(Path path, String preopenName, long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting, 0);
        this.path = path;
        this.preopenName = preopenName;
    }

    @Override
    byte filetype() {
        return Abi.FILETYPE_DIRECTORY;
    }

    /** The entries for a read starting at {@code cookie}: ".", "..", then the names in sorted order. */
    List<Entry> listing(long cookie) throws IOException {
        if (cookie == 0 || listing == null) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    names.add(p.getFileName().toString());
                }
            }
            Collections.sort(names);
            List<Entry> entries = new ArrayList<>(names.size() + 2);
            entries.add(new Entry(new byte[] {'.'}, HostStat.inode(path), Abi.FILETYPE_DIRECTORY));
            Path parent = path.getParent();
            entries.add(new Entry(new byte[] {'.', '.'}, HostStat.inode(parent == null ? path : parent), Abi.FILETYPE_DIRECTORY));
            for (String name : names) {
                Path p = path.resolve(name);
                entries.add(new Entry(name.getBytes(StandardCharsets.UTF_8), HostStat.inode(p), HostStat.filetypeOf(p)));
            }
            listing = entries;
        }
        return listing;
    }

    @Override
    void writeFilestat(byte[] m, int ptr) throws IOException {
        HostStat.lstat(path).write(m, ptr);
    }

    @Override
    void setTimes(FileTime atime, FileTime mtime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, atime, null);
    }
}
