package dev.wasm2jar.compiler.cli;

import java.nio.file.Path;

/** Java names for generated classes: the default derived from the input file, and validation of user input. */
public final class ClassNames {
    private ClassNames() {}

    /**
     * The class name for a module file: the file name without {@code .wasm}, characters that cannot appear
     * in a Java identifier taken as word breaks, each word capitalised ({@code hello-world.wasm} gives
     * {@code HelloWorld}); {@code Wasm} is prefixed when it would start with a digit.
     */
    public static String fromFile(Path file) {
        String base = file.getFileName() == null ? "" : file.getFileName().toString();
        if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".wasm")) {
            base = base.substring(0, base.length() - ".wasm".length());
        }
        StringBuilder sb = new StringBuilder();
        boolean capitalise = true;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isJavaIdentifierPart(cp) && cp != '$' && !Character.isIdentifierIgnorable(cp)) {
                sb.appendCodePoint(capitalise ? Character.toUpperCase(cp) : cp);
                capitalise = false;
            } else {
                capitalise = true;
            }
        }
        if (sb.length() == 0) {
            return "WasmModule";
        }
        if (!Character.isJavaIdentifierStart(sb.codePointAt(0))) {
            sb.insert(0, "Wasm");
        }
        return sb.toString();
    }

    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || javax.lang.model.SourceVersion.isKeyword(s) || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
            return false;
        }
        return s.codePoints().allMatch(Character::isJavaIdentifierPart);
    }

    /** A dotted package name, or empty for the default package. */
    public static boolean isPackageName(String s) {
        if (s.isEmpty()) {
            return true;
        }
        for (String part : s.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }
}
