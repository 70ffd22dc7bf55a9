package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A snapshot of a host directory tree (names, types, sizes, contents, link targets, mtimes), for proving
 * that a refused operation changed nothing.
 */
final class HostTree {
    private HostTree() {}

    static Map<String, String> snapshot(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> out.put(root.relativize(p).toString(), describe(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String describe(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "link->" + Files.readSymbolicLink(p);
            }
            if (a.isDirectory()) {
                return "dir mtime=" + a.lastModifiedTime().toMillis();
            }
            return "file size=" + a.size() + " mtime=" + a.lastModifiedTime().toMillis()
                    + " hash=" + Arrays.hashCode(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
