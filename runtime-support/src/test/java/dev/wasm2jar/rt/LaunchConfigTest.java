package dev.wasm2jar.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchConfigTest {

    @Test
    void dirSpecSplitsHostAndGuestOnDoubleColon() {
        assertEquals(new LaunchConfig.Dir("./data", "/data"), LaunchConfig.Dir.parse("./data::/data"));
        assertEquals(new LaunchConfig.Dir("C:\\tmp", "/tmp"), LaunchConfig.Dir.parse("C:\\tmp::/tmp"));
    }

    @Test
    void dirWithoutSeparatorMeansSamePathOnBothSides() {
        assertEquals(new LaunchConfig.Dir("work", "work"), LaunchConfig.Dir.parse("work"));
    }

    @Test
    void emptyDirSidesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.Dir.parse("::/x"));
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.Dir.parse("/x::"));
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.Dir.parse(""));
    }

    @Test
    void envValueKeepsFurtherEqualsSigns() {
        LaunchConfig c = new LaunchConfig().addEnv("A=b=c").addEnv("EMPTY=");
        assertEquals(Map.of("A", "b=c", "EMPTY", ""), c.env());
    }

    @Test
    void envWithoutNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().addEnv("=x"));
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().addEnv("NOVALUE"));
    }

    @Test
    void propertiesRoundTripKeepsOrderAndSpecialCharacters() throws IOException {
        LaunchConfig c = new LaunchConfig()
                .moduleClass("com.acme.Hello")
                .programName("hello.wasm")
                .inheritEnv(true)
                .addDir("in::/in")
                .addDir("/tmp")
                .addEnv("Z=last # not a comment")
                .addEnv("A=ünïcode=\\path");
        Properties p = new Properties();
        p.load(new StringReader(c.toPropertiesText()));
        LaunchConfig back = LaunchConfig.fromProperties(p);
        assertEquals("com.acme.Hello", back.moduleClass());
        assertEquals("hello.wasm", back.programName());
        assertTrue(back.inheritEnv());
        assertEquals(List.of(new LaunchConfig.Dir("in", "/in"), new LaunchConfig.Dir("/tmp", "/tmp")), back.dirs());
        assertEquals(List.of("Z", "A"), List.copyOf(back.env().keySet()));
        assertEquals("ünïcode=\\path", back.env().get("A"));
        assertEquals("last # not a comment", back.env().get("Z"));
    }

    @Test
    void propertiesTextIsStableAndHasNoDate() {
        LaunchConfig c = new LaunchConfig().moduleClass("M").addEnv("B=1").addDir("x");
        String text = c.toPropertiesText();
        assertEquals(text, new LaunchConfig().moduleClass("M").addEnv("B=1").addDir("x").toPropertiesText());
        assertEquals("# wasm2jar launch settings\ndir.0=x\\:\\:x\nenv.0=B\\=1\nmodule.class=M\n", text);
    }

    @Test
    void tokenizeHandlesBlanksAndQuotes() {
        assertEquals(List.of("--env", "A=hello world", "--dir", "a b::/c"),
                LaunchConfig.tokenize("  --env 'A=hello world'\t--dir \"a b::/c\"  "));
        assertEquals(List.of("it's", "say \"hi\"", "a\\b", "x y"),
                LaunchConfig.tokenize("it\\'s \"say \\\"hi\\\"\" 'a\\b' x\\ y"));
        assertEquals(List.of("A=", "B=''"), LaunchConfig.tokenize("A=\"\" \"B=''\""));
        assertEquals(List.of(), LaunchConfig.tokenize("   "));
    }

    @Test
    void tokenizeRejectsUnterminatedQuotes() {
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.tokenize("--env 'A=b"));
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.tokenize("--env \"A=b"));
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.tokenize("x\\"));
    }

    @Test
    void optionsAcceptSeparateAndAttachedValues() {
        LaunchConfig c = new LaunchConfig().applyOptions("--dir a::/a --dir=b --env X=1 --env=Y=2=3 --inherit-env");
        assertEquals(List.of(new LaunchConfig.Dir("a", "/a"), new LaunchConfig.Dir("b", "b")), c.dirs());
        assertEquals(Map.of("X", "1", "Y", "2=3"), c.env());
        assertTrue(c.inheritEnv());
    }

    @Test
    void optionsRejectUnknownFlagsAndMissingValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().applyOptions("--mapdir x"));
        assertTrue(e.getMessage().contains("--mapdir"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().applyOptions("--env"));
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().applyOptions("--dir"));
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().applyOptions("--inherit-env=yes"));
        assertThrows(IllegalArgumentException.class, () -> new LaunchConfig().applyOptions("stray"));
    }

    @Test
    void runTimeOptionsAddToBakedOnesAndOverrideSameNames(@TempDir Path jarRoot) throws IOException {
        LaunchConfig baked = new LaunchConfig()
                .moduleClass("p.Mod").programName("mod.wasm")
                .addDir("baked::/baked").addDir("old::/data")
                .addEnv("KEEP=1").addEnv("OVERRIDE=baked");
        Path resource = jarRoot.resolve(LaunchConfig.RESOURCE);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, baked.toPropertiesText(), StandardCharsets.ISO_8859_1);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jarRoot.toUri().toURL()}, null)) {
            LaunchConfig merged = LaunchConfig.load(loader, Map.of(LaunchConfig.OPTS_VARIABLE,
                    "--env OVERRIDE='run time' --env NEW=2 --dir new::/new --dir replaced::/data --inherit-env"));
            assertEquals("p.Mod", merged.moduleClass());
            assertEquals("mod.wasm", merged.programName());
            assertEquals(List.of(new LaunchConfig.Dir("baked", "/baked"), new LaunchConfig.Dir("replaced", "/data"),
                    new LaunchConfig.Dir("new", "/new")), merged.dirs());
            assertEquals(List.of("KEEP", "OVERRIDE", "NEW"), List.copyOf(merged.env().keySet()));
            assertEquals("run time", merged.env().get("OVERRIDE"));
            assertTrue(merged.inheritEnv());

            LaunchConfig unchanged = LaunchConfig.load(loader, Map.of());
            assertFalse(unchanged.inheritEnv());
            assertEquals(2, unchanged.dirs().size());

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LaunchConfig.load(loader, Map.of(LaunchConfig.OPTS_VARIABLE, "--bogus")));
            assertTrue(e.getMessage().startsWith("WASM2JAR_OPTS: "), e.getMessage());
        }
    }

    @Test
    void missingResourceGivesEmptyConfig() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            LaunchConfig c = LaunchConfig.load(loader, Map.of(LaunchConfig.OPTS_VARIABLE, "--env A=1"));
            assertNull(c.moduleClass());
            assertEquals(Map.of("A", "1"), c.env());
        }
    }

    @Test
    void effectiveEnvPutsExplicitVariablesOverInheritedOnes() {
        Map<String, String> host = Map.of("HOME", "/root", "LANG", "C");
        LaunchConfig c = new LaunchConfig().addEnv("LANG=en_US.UTF-8").addEnv("X=1");
        assertEquals(Map.of("LANG", "en_US.UTF-8", "X", "1"), c.effectiveEnv(host));
        c.inheritEnv(true);
        Map<String, String> env = c.effectiveEnv(host);
        assertEquals(List.of("HOME", "LANG", "X"), List.copyOf(env.keySet()));
        assertEquals("en_US.UTF-8", env.get("LANG"));
    }
}
