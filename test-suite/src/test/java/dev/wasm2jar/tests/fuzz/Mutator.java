package dev.wasm2jar.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a well-formed module into a hostile one. Byte-level strategies (bit flips, interesting bytes,
 * truncation, inserted/deleted/duplicated ranges, splices from another module) and structure-aware ones
 * that keep the file parseable far enough to reach deeper code: section shuffles, drops and duplicates,
 * section sizes off by a little, and huge or overlong LEB128 values written over a section size, a vector
 * count or any LEB-looking position. One to three strategies are stacked per mutation.
 */
final class Mutator {
    /** A mutated file and the strategies that made it (for the report). */
    record Mutation(byte[] bytes, String description) {}

    private static final byte[] INTERESTING = {0x00, 0x01, 0x02, 0x7f, (byte) 0x80, (byte) 0xff, 0x40, 0x41, 0x60, 0x70, 0x6f, 0x0b, 0x10, 0x11};
    /** LEB128 encodings of values a decoder must survive: 2^32-1, 2^31, 2^28, overlong zero, 6 bytes, too long for u32. */
    private static final byte[][] HUGE_LEBS = {
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00},
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
        {(byte) 0xff, (byte) 0xff, 0x03},
        {(byte) 0xe8, 0x07},
    };

    private final List<byte[]> corpus;

    Mutator(List<byte[]> corpus) {
        this.corpus = corpus;
    }

    Mutation mutate(byte[] original, SplittableRandom r) {
        byte[] b = original;
        StringBuilder what = new StringBuilder();
        int rounds = 1 + (r.nextInt(4) == 0 ? r.nextInt(1, 3) : 0);
        for (int i = 0; i < rounds; i++) {
            int s = r.nextInt(12);
            String name;
            switch (s) {
                case 0: b = flipBits(b, r); name = "bitflip"; break;
                case 1: b = interestingBytes(b, r); name = "bytes"; break;
                case 2: b = truncate(b, r); name = "truncate"; break;
                case 3: b = insertRandom(b, r); name = "insert"; break;
                case 4: b = deleteRange(b, r); name = "delete"; break;
                case 5: b = duplicateRange(b, r); name = "duplicate"; break;
                case 6: b = splice(b, r); name = "splice"; break;
                case 7: b = shuffleSections(b, r); name = "section-shuffle"; break;
                case 8: b = dropOrRepeatSection(b, r); name = "section-drop-or-repeat"; break;
                case 9: b = nudgeSectionSize(b, r); name = "section-size"; break;
                case 10: b = hugeCount(b, r); name = "huge-count"; break;
                default: b = hugeLebAnywhere(b, r); name = "huge-leb"; break;
            }
            what.append(i == 0 ? "" : "+").append(name);
        }
        return new Mutation(b, what.toString());
    }

    // ------------------------------------------------------------------ byte level

    private static byte[] flipBits(byte[] b, SplittableRandom r) {
        byte[] c = b.clone();
        if (c.length == 0) {
            return c;
        }
        for (int n = r.nextInt(1, 9); n > 0; n--) {
            int i = r.nextInt(c.length);
            c[i] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
    }

    private static byte[] interestingBytes(byte[] b, SplittableRandom r) {
        byte[] c = b.clone();
        if (c.length == 0) {
            return c;
        }
        for (int n = r.nextInt(1, 5); n > 0; n--) {
            c[r.nextInt(c.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
        }
        return c;
    }

    private static byte[] truncate(byte[] b, SplittableRandom r) {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
    }

    private static byte[] insertRandom(byte[] b, SplittableRandom r) {
        byte[] add = new byte[r.nextInt(1, 17)];
        r.nextBytes(add);
        return insert(b, r.nextInt(b.length + 1), add);
    }

    private static byte[] deleteRange(byte[] b, SplittableRandom r) {
        if (b.length < 2) {
            return b;
        }
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + r.nextInt(1, 33));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, from);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private static byte[] duplicateRange(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int len = Math.min(b.length - from, r.nextInt(1, 65));
        byte[] piece = java.util.Arrays.copyOfRange(b, from, from + len);
        return insert(b, r.nextInt(b.length + 1), piece);
    }

    private byte[] splice(byte[] b, SplittableRandom r) {
        byte[] other = corpus.get(r.nextInt(corpus.size()));
        List<Section> mine = Section.parse(b);
        List<Section> theirs = Section.parse(other);
        if (mine == null || theirs == null || theirs.isEmpty()) {
            // raw splice: our head, their tail
            int cut = b.length == 0 ? 0 : r.nextInt(b.length);
            int from = other.length == 0 ? 0 : r.nextInt(other.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, cut);
            out.write(other, from, other.length - from);
            return out.toByteArray();
        }
        // put one of their sections in place of (or next to) one of ours
        List<Section> s = new ArrayList<>(mine);
        Section add = theirs.get(r.nextInt(theirs.size()));
        if (s.isEmpty() || r.nextBoolean()) {
            s.add(s.isEmpty() ? 0 : r.nextInt(s.size() + 1), add);
        } else {
            s.set(r.nextInt(s.size()), add);
        }
        return Section.write(s);
    }

    // ------------------------------------------------------------------ section level

    private static byte[] shuffleSections(byte[] b, SplittableRandom r) {
        List<Section> s = Section.parse(b);
        if (s == null || s.size() < 2) {
            return flipBits(b, r);
        }
        s = new ArrayList<>(s);
        if (r.nextBoolean()) {
            Collections.swap(s, r.nextInt(s.size()), r.nextInt(s.size()));
        } else {
            Collections.shuffle(s, new java.util.Random(r.nextLong()));
        }
        return Section.write(s);
    }

    private static byte[] dropOrRepeatSection(byte[] b, SplittableRandom r) {
        List<Section> s = Section.parse(b);
        if (s == null || s.isEmpty()) {
            return truncate(b, r);
        }
        s = new ArrayList<>(s);
        int i = r.nextInt(s.size());
        if (r.nextBoolean()) {
            s.remove(i);
        } else {
            s.add(r.nextInt(s.size() + 1), s.get(i));
        }
        return Section.write(s);
    }

    /** Rewrites one section's size field by a small delta (payload unchanged). */
    private static byte[] nudgeSectionSize(byte[] b, SplittableRandom r) {
        List<Section> s = Section.parse(b);
        if (s == null || s.isEmpty()) {
            return flipBits(b, r);
        }
        int i = r.nextInt(s.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, 8);
        for (int k = 0; k < s.size(); k++) {
            Section sec = s.get(k);
            out.write(sec.id);
            int size = sec.payload.length;
            if (k == i) {
                size = Math.max(0, size + r.nextInt(-3, 4));
            }
            writeLeb(out, size);
            out.write(sec.payload, 0, sec.payload.length);
        }
        return out.toByteArray();
    }

    /** Overwrites the vector count at the start of a section's payload with a huge LEB128. */
    private static byte[] hugeCount(byte[] b, SplittableRandom r) {
        List<Section> s = Section.parse(b);
        if (s == null || s.isEmpty()) {
            return hugeLebAnywhere(b, r);
        }
        s = new ArrayList<>(s);
        int i = r.nextInt(s.size());
        Section sec = s.get(i);
        byte[] p = sec.payload;
        int lebLen = lebLength(p, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] huge = HUGE_LEBS[r.nextInt(HUGE_LEBS.length)];
        out.write(huge, 0, huge.length);
        out.write(p, lebLen, p.length - lebLen);
        s.set(i, new Section(sec.id, out.toByteArray()));
        return Section.write(s);
    }

    /** Replaces the LEB128 starting at a random position with a huge one. */
    private static byte[] hugeLebAnywhere(byte[] b, SplittableRandom r) {
        if (b.length < 9) {
            return insertRandom(b, r);
        }
        int at = r.nextInt(8, b.length);
        int len = lebLength(b, at);
        byte[] huge = HUGE_LEBS[r.nextInt(HUGE_LEBS.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(huge, 0, huge.length);
        out.write(b, at + len, b.length - at - len);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ helpers

    private static int lebLength(byte[] b, int at) {
        int n = 0;
        while (at + n < b.length && n < 5 && (b[at + n] & 0x80) != 0) {
            n++;
        }
        return Math.min(n + 1, b.length - at);
    }

    static void writeLeb(ByteArrayOutputStream out, long v) {
        do {
            int x = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? x | 0x80 : x);
        } while (v != 0);
    }

    private static byte[] insert(byte[] b, int at, byte[] add) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(add, 0, add.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    /** A top-level section: id and payload; the 8-byte header is implied. */
    record Section(int id, byte[] payload) {
        /** The sections of a well-formed file, or null when its framing is already broken. */
        static List<Section> parse(byte[] b) {
            if (b.length < 8) {
                return null;
            }
            List<Section> out = new ArrayList<>();
            int p = 8;
            while (p < b.length) {
                int id = b[p++] & 0xff;
                long size = 0;
                int shift = 0;
                int c;
                do {
                    if (p >= b.length || shift > 28) {
                        return null;
                    }
                    c = b[p++] & 0xff;
                    size |= (long) (c & 0x7f) << shift;
                    shift += 7;
                } while ((c & 0x80) != 0);
                if (p + size > b.length) {
                    return null;
                }
                out.add(new Section(id, java.util.Arrays.copyOfRange(b, p, p + (int) size)));
                p += (int) size;
            }
            return out;
        }

        static byte[] write(List<Section> sections) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}, 0, 8);
            for (Section s : sections) {
                out.write(s.id);
                writeLeb(out, s.payload.length);
                out.write(s.payload, 0, s.payload.length);
            }
            return out.toByteArray();
        }
    }
}
