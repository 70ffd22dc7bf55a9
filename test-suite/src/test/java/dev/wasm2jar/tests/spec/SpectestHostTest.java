package dev.wasm2jar.tests.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.rt.Global;
import dev.wasm2jar.rt.Imports;
import dev.wasm2jar.rt.LinkException;
import dev.wasm2jar.rt.Linking;
import dev.wasm2jar.rt.Memory;
import dev.wasm2jar.rt.Table;
import dev.wasm2jar.rt.WasmFunction;
import org.junit.jupiter.api.Test;

class SpectestHostTest {
    private final Imports imports = SpectestHost.addTo(new Imports.Builder());

    @Test
    void globalsHaveTheReferenceInterpretersValues() {
        assertEquals(666, ((Global) imports.resolve("spectest", "global_i32")).get());
        assertEquals(666L, ((Global) imports.resolve("spectest", "global_i64")).get());
        // The bit patterns in the README are those of the literals 666.6f / 666.6
        assertEquals(Float.floatToRawIntBits(666.6f), Float.floatToRawIntBits((Float) ((Global) imports.resolve("spectest", "global_f32")).get()));
        assertEquals(Double.doubleToRawLongBits(666.6), Double.doubleToRawLongBits((Double) ((Global) imports.resolve("spectest", "global_f64")).get()));
        for (String g : new String[] {"global_i32", "global_i64", "global_f32", "global_f64"}) {
            assertEquals(false, ((Global) imports.resolve("spectest", g)).mutable, g);
        }
    }

    @Test
    void memoryAndTableHaveTheSpecLimits() {
        Memory m = (Memory) imports.resolve("spectest", "memory");
        assertEquals(1, m.pages());
        assertEquals(2, m.declaredMaxPages());
        Table t = (Table) imports.resolve("spectest", "table");
        assertEquals(10, t.size());
        assertEquals(20, t.declaredMax());
        assertTrue(t.isFuncref());
        assertNull(t.get(9));
    }

    @Test
    void linksLikeTheSpecExpects() {
        assertSame(imports.resolve("spectest", "memory"), Linking.memory(imports, "spectest", "memory", 1, -1));
        assertSame(imports.resolve("spectest", "memory"), Linking.memory(imports, "spectest", "memory", 0, 2));
        assertThrows(LinkException.class, () -> Linking.memory(imports, "spectest", "memory", 2, -1));
        assertThrows(LinkException.class, () -> Linking.memory(imports, "spectest", "memory", 1, 1));
        Linking.table(imports, "spectest", "table", true, 10, 20);
        assertThrows(LinkException.class, () -> Linking.table(imports, "spectest", "table", true, 11, -1));
        assertThrows(LinkException.class, () -> Linking.table(imports, "spectest", "table", false, 10, -1));
        Linking.global(imports, "spectest", "global_i32", 'i', false);
        assertThrows(LinkException.class, () -> Linking.global(imports, "spectest", "global_i32", 'l', false));
        assertThrows(LinkException.class, () -> Linking.global(imports, "spectest", "global_i32", 'i', true));
        Linking.function(imports, "spectest", "print_i32", "i>");
        Linking.function(imports, "spectest", "print_i32_f32", "if>");
        Linking.function(imports, "spectest", "print_f64_f64", "dd>");
        Linking.function(imports, "spectest", "print", ">");
        assertThrows(LinkException.class, () -> Linking.function(imports, "spectest", "print_i32", "l>"));
        assertThrows(LinkException.class, () -> Linking.function(imports, "spectest", "unknown", ">"));
    }

    @Test
    void printFunctionsAreCallable() {
        Object[] none = ((WasmFunction) imports.resolve("spectest", "print_i32_f32")).call(1, 2.5f);
        assertEquals(0, none.length);
        ((WasmFunction) imports.resolve("spectest", "print_i64")).call(7L);
        ((WasmFunction) imports.resolve("spectest", "print")).call();
    }

    @Test
    void everyScriptGetsItsOwnInstance() {
        Imports other = SpectestHost.addTo(new Imports.Builder());
        assertTrue(other.resolve("spectest", "memory") != imports.resolve("spectest", "memory"));
    }
}
