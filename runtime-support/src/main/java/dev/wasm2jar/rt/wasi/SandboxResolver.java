package dev.wasm2jar.rt.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a guest path relative to a directory descriptor without ever leaving that directory.
 *
 * <p>Resolution walks the path one component at a time, the way a kernel does, instead of normalising
 * the string: {@code ..} pops the last component actually entered, and every symlink met on the way
 * (in the middle of the path always; at the end when asked to follow) is read and its target spliced
 * into the remaining components, so a chain of links is checked link by link. The walk fails with
 * ENOTCAPABLE (76) when
 * <ul>
 *   <li>the guest path is absolute,</li>
 *   <li>a {@code ..} would climb above the descriptor's directory, or</li>
 *   <li>a followed symlink has an absolute target or one whose {@code ..}s climb above it.</li>
 * </ul>
 * More than {@link #MAX_SYMLINKS} links give ELOOP; a missing middle component ENOENT; a middle component
 * that is not a directory ENOTDIR. Each intermediate component entered is checked to be a real directory,
 * so the returned host path is the root plus plain names with no symlink in between.
 *
 * <p>Java has no {@code openat}, so the check and the later use are separate system calls: a host
 * process racing to swap a checked directory for a symlink could still redirect the access. Guests alone
 * cannot, since every path they pass goes through this walk.
 */
final class SandboxResolver {
    private SandboxResolver() {}

    /** Linux's limit on symlinks followed in one lookup. */
    static final int MAX_SYMLINKS = 40;

    /** How the final component is treated. */
    enum Final {
        /** Follow a final symlink (lookups with {@code LOOKUPFLAGS_SYMLINK_FOLLOW}). */
        FOLLOW,
        /** Keep a final symlink, except that a trailing slash asks for the directory it names. */
        NOFOLLOW,
        /**
         * Keep a final symlink even with a trailing slash: the operation works on the directory entry
         * itself (unlink, rmdir, rename, link and symlink targets); callers check the trailing slash.
         */
        ENTRY
    }

    /** What the last component of the path was. */
    enum LastKind { NAME, DOT, DOTDOT }

    /** A resolved path: host location plus what callers need to give POSIX's answers. */
    static final class Resolved {
        final Path host;
        /** Components below the root, i.e. 0 when {@link #host} is the root itself. */
        final int depth;
        final LastKind lastKind;
        /** The guest path (or the last symlink target spliced into it) ended with '/'. */
        final boolean trailingSlash;

        Resolved(Path host, int depth, LastKind lastKind, boolean trailingSlash) {
            this.host = host;
            this.depth = depth;
            this.lastKind = lastKind;
            this.trailingSlash = trailingSlash;
        }

        boolean isRoot() {
            return depth == 0;
        }
    }

    static Resolved resolve(DirectoryDescriptor dir, String guestPath, Final mode) throws IOException {
        if (guestPath.isEmpty()) {
            throw WasiException.of(Errno.ENOENT);
        }
        if (guestPath.charAt(0) == '/') {
            throw WasiException.NOTCAPABLE;
        }
        if (guestPath.indexOf('\0') >= 0) {
            throw WasiException.INVAL;
        }
        Deque<String> pending = new ArrayDeque<>();
        splitInto(guestPath, pending);
        boolean trailingSlash = guestPath.endsWith("/");

        Path current = dir.path;
        int depth = 0;
        LastKind lastKind = LastKind.DOT;
        int linksFollowed = 0;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            boolean last = pending.isEmpty();
            if (c.equals(".")) {
                lastKind = LastKind.DOT;
                continue;
            }
            if (c.equals("..")) {
                if (depth == 0) {
                    throw WasiException.NOTCAPABLE;
                }
                current = current.getParent();
                depth--;
                lastKind = LastKind.DOTDOT;
                continue;
            }
            Path candidate = current.resolve(c);
            BasicFileAttributes attrs = HostStat.lstatOrNull(candidate);
            if (attrs == null) {
                if (!last) {
                    throw WasiException.of(Errno.ENOENT);
                }
            } else if (attrs.isSymbolicLink() && (!last || followsFinal(mode, trailingSlash))) {
                if (++linksFollowed > MAX_SYMLINKS) {
                    throw WasiException.of(Errno.ELOOP);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.isEmpty()) {
                    throw WasiException.of(Errno.ENOENT);
                }
                if (target.charAt(0) == '/') {
                    throw WasiException.NOTCAPABLE;
                }
                Deque<String> spliced = new ArrayDeque<>();
                splitInto(target, spliced);
                if (last && target.endsWith("/")) {
                    trailingSlash = true;
                }
                while (!spliced.isEmpty()) {
                    pending.addFirst(spliced.pollLast());
                }
                continue;
            } else if (!last && !attrs.isDirectory()) {
                throw WasiException.of(Errno.ENOTDIR);
            }
            current = candidate;
            depth++;
            lastKind = LastKind.NAME;
        }
        return new Resolved(current, depth, lastKind, trailingSlash);
    }

    private static boolean followsFinal(Final mode, boolean trailingSlash) {
        switch (mode) {
            case FOLLOW: return true;
            case NOFOLLOW: return trailingSlash;
            default: return false;
        }
    }

    /** Appends the non-empty components of {@code path} ('/' separated; repeated slashes collapse). */
    static void splitInto(String path, Deque<String> out) {
        int start = 0;
        int n = path.length();
        while (start < n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            if (end > start) {
                out.addLast(path.substring(start, end));
            }
            start = end + 1;
        }
    }

    /**
     * Whether a symlink with this target, placed {@code linkDepth} components below the root (counting
     * the link's own directory entries, not the link), stays inside the root when read lexically. Used to
     * refuse creating links that could only ever point outside.
     */
    static boolean targetStaysInside(String target, int linkDepth) {
        if (target.startsWith("/")) {
            return false;
        }
        Deque<String> parts = new ArrayDeque<>();
        splitInto(target, parts);
        int depth = linkDepth;
        for (String p : parts) {
            if (p.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else if (!p.equals(".")) {
                depth++;
            }
        }
        return true;
    }
}
