package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checked read/write helpers embedders use on guest memory: results, byte order, bounds. */
class MemoryEmbedderAccessTest {
    private final Memory memory = new Memory(1, -1);
    private static final int END = Memory.PAGE_SIZE;

    @Test
    void bytesRoundTripAndAreCopies() {
        memory.writeBytes(10, new byte[] {1, 2, 3});
        byte[] read = memory.readBytes(9, 5);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, read);
        read[1] = 99;
        assertEquals(1, memory.bytes[10], "readBytes returns a copy");
        assertArrayEquals(new byte[0], memory.readBytes(END, 0), "an empty read at the end is in bounds");
    }

    @Test
    void utf8StringsRoundTrip() {
        String text = "gr\u00fc\u00df \u20ac \ud83d\ude00";
        int n = memory.writeUtf8(100, text);
        assertEquals(Memory.utf8Length(text), n);
        assertEquals(15, n, "1+1+2+2+1+3+1+4 bytes");
        assertEquals(text, memory.readUtf8(100, n));
        assertEquals(0, memory.bytes[100 + n], "writeUtf8 writes no terminator");

        assertEquals(6, memory.writeCString(200, "abcde"));
        assertEquals("abcde", memory.readCString(200));
        assertEquals("", memory.readCString(205 + 1));
    }

    @Test
    void integersAreLittleEndian() {
        memory.writeInt(0, 0x01020304);
        assertArrayEquals(new byte[] {4, 3, 2, 1}, memory.readBytes(0, 4));
        assertEquals(0x01020304, memory.readInt(0));
        memory.writeLong(8, 0x0102030405060708L);
        assertEquals(8, memory.bytes[8]);
        assertEquals(0x0102030405060708L, memory.readLong(8));
    }

    @Test
    void outOfBoundsAccessTrapsAndWritesNothing() {
        assertTrap(() -> memory.readBytes(END - 1, 2));
        assertTrap(() -> memory.readBytes(-1, 1));
        assertTrap(() -> memory.readBytes(0, -1));
        assertTrap(() -> memory.writeBytes(END - 2, new byte[] {7, 7, 7}));
        assertEquals(0, memory.bytes[END - 2], "a failed write leaves memory unchanged");
        assertTrap(() -> memory.readUtf8(END, 1));
        assertTrap(() -> memory.writeUtf8(END - 1, "ab"));
        assertTrap(() -> memory.writeCString(END - 2, "ab"));
        assertEquals(0, memory.bytes[END - 2]);
        assertTrap(() -> memory.readInt(END - 3));
        assertTrap(() -> memory.writeLong(END - 7, 1));
        assertTrap(() -> memory.readInt(Integer.MIN_VALUE));
        memory.bytes[END - 1] = 'x';
        assertTrap(() -> memory.readCString(END - 1));
    }

    private static void assertTrap(Runnable access) {
        Trap t = assertThrows(Trap.class, access::run);
        assertEquals(Trap.OUT_OF_BOUNDS_MEMORY, t.getMessage());
    }
}
