package dev.wasm2jar.rt;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The WASI settings a command module is launched with: preopened directories, environment variables and
 * the program name (argv[0]). A runnable jar carries the settings given at compile time in
 * {@link #RESOURCE}; at run time the {@link #OPTS_VARIABLE} environment variable adds to them, using the
 * same flags as the CLI ({@code --dir HOST::GUEST}, {@code --env NAME=VALUE}, {@code --inherit-env}).
 *
 * <p>Merging rules: run-time directories are added after the baked ones, except that a run-time directory
 * with the same guest path replaces the baked one (wasi-libc resolves a path against the first matching
 * preopen, so a duplicate would silently be ignored); a run-time variable replaces a baked one of the same
 * name; {@code --inherit-env} can only be switched on.
 */
public final class LaunchConfig {
    /** Class-path resource of a runnable jar holding the baked settings. */
    public static final String RESOURCE = "META-INF/wasm2jar/launch.properties";
    /** Environment variable with run-time options. */
    public static final String OPTS_VARIABLE = "WASM2JAR_OPTS";

    // Property keys. Lists are stored as indexed keys (dir.0, dir.1, ...) so values need no extra escaping.
    public static final String KEY_MODULE_CLASS = "module.class";
    public static final String KEY_PROGRAM_NAME = "program.name";
    public static final String KEY_INHERIT_ENV = "inherit.env";
    public static final String KEY_DIR_PREFIX = "dir.";
    public static final String KEY_ENV_PREFIX = "env.";
    public static final String KEY_MAX_MEMORY = "max.memory";
    public static final String KEY_STACK_SIZE = "stack.size";
    public static final String KEY_TIMEOUT = "timeout";

    /** A preopened directory: {@code host} as given (resolved against the working directory at launch). */
    public record Dir(String host, String guest) {
        /** Parses {@code HOST::GUEST}, or {@code DIR} meaning {@code DIR::DIR}. */
        public static Dir parse(String spec) {
            int sep = spec.indexOf("::");
            String host = sep < 0 ? spec : spec.substring(0, sep);
            String guest = sep < 0 ? spec : spec.substring(sep + 2);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new IllegalArgumentException("--dir expects HOST::GUEST or DIR, got '" + spec + "'");
            }
            return new Dir(host, guest);
        }

        @Override
        public String toString() {
            return host + "::" + guest;
        }
    }

    private final List<Dir> dirs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean inheritEnv;
    private String programName;
    private String moduleClass;
    /** Resource limits; -1 means none (the default). */
    private long maxMemoryBytes = -1;
    private long stackSizeBytes = -1;
    private long timeoutMillis = -1;

    /** The guest's memory limit in bytes ({@code --max-memory}), or -1. */
    public long maxMemoryBytes() { return maxMemoryBytes; }
    public LaunchConfig maxMemoryBytes(long v) { this.maxMemoryBytes = v; return this; }
    /** The guest thread's stack size in bytes ({@code --stack-size}), or -1 for the default. */
    public long stackSizeBytes() { return stackSizeBytes; }
    public LaunchConfig stackSizeBytes(long v) { this.stackSizeBytes = v; return this; }
    /** Wall-clock limit after which the guest is interrupted ({@code --timeout}), or -1. */
    public long timeoutMillis() { return timeoutMillis; }
    public LaunchConfig timeoutMillis(long v) { this.timeoutMillis = v; return this; }

    /** Parses a size: bytes, or a number with suffix k, m or g (powers of 1024). */
    public static long parseSize(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) { unit = 1L << 10; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { unit = 1L << 20; t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("g")) { unit = 1L << 30; t = t.substring(0, t.length() - 1); }
        try {
            long v = Long.parseLong(t);
            if (v <= 0 || v > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a size such as 65536, 64k, 256m or 2g, got '" + text + "'");
        }
    }

    /** Parses a duration in seconds (decimals allowed) into milliseconds. */
    public static long parseSeconds(String text) {
        try {
            double seconds = Double.parseDouble(text.trim());
            if (!(seconds > 0) || seconds > 1e9) {
                throw new NumberFormatException();
            }
            return Math.max(1, (long) (seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a positive number of seconds, got '" + text + "'");
        }
    }

    public List<Dir> dirs() {
        return Collections.unmodifiableList(dirs);
    }

    /** Explicit variables in the order given; they override inherited ones of the same name. */
    public Map<String, String> env() {
        return Collections.unmodifiableMap(env);
    }

    public boolean inheritEnv() {
        return inheritEnv;
    }

    /** argv[0] for the guest; null means "use a default". */
    public String programName() {
        return programName;
    }

    /** Binary name of the generated module class (runnable jars only). */
    public String moduleClass() {
        return moduleClass;
    }

    /** Adds a directory; one with the same guest path is replaced in place. */
    public LaunchConfig addDir(Dir dir) {
        for (int i = 0; i < dirs.size(); i++) {
            if (dirs.get(i).guest().equals(dir.guest())) {
                dirs.set(i, dir);
                return this;
            }
        }
        dirs.add(dir);
        return this;
    }

    public LaunchConfig addDir(String spec) {
        return addDir(Dir.parse(spec));
    }

    public LaunchConfig putEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Adds {@code NAME=VALUE}; the value may contain further '=' signs. */
    public LaunchConfig addEnv(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--env expects NAME=VALUE, got '" + assignment + "'");
        }
        return putEnv(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    public LaunchConfig inheritEnv(boolean inherit) {
        this.inheritEnv = inherit;
        return this;
    }

    public LaunchConfig programName(String name) {
        this.programName = name;
        return this;
    }

    public LaunchConfig moduleClass(String binaryName) {
        this.moduleClass = binaryName;
        return this;
    }

    /**
     * The environment the guest sees: the host's environment (sorted by name, so runs are reproducible)
     * when inheriting, then the explicit variables on top.
     */
    public Map<String, String> effectiveEnv(Map<String, String> hostEnv) {
        Map<String, String> result = new LinkedHashMap<>();
        if (inheritEnv) {
            result.putAll(new TreeMap<>(hostEnv));
        }
        result.putAll(env);
        return result;
    }

    // ---------------------------------------------------------------- properties

    public static LaunchConfig fromProperties(Properties p) {
        LaunchConfig c = new LaunchConfig();
        c.moduleClass = p.getProperty(KEY_MODULE_CLASS);
        c.programName = p.getProperty(KEY_PROGRAM_NAME);
        c.inheritEnv = Boolean.parseBoolean(p.getProperty(KEY_INHERIT_ENV, "false"));
        for (int i = 0; p.getProperty(KEY_DIR_PREFIX + i) != null; i++) {
            c.addDir(p.getProperty(KEY_DIR_PREFIX + i));
        }
        c.maxMemoryBytes = Long.parseLong(p.getProperty(KEY_MAX_MEMORY, "-1"));
        c.stackSizeBytes = Long.parseLong(p.getProperty(KEY_STACK_SIZE, "-1"));
        c.timeoutMillis = Long.parseLong(p.getProperty(KEY_TIMEOUT, "-1"));
        for (int i = 0; p.getProperty(KEY_ENV_PREFIX + i) != null; i++) {
            c.addEnv(p.getProperty(KEY_ENV_PREFIX + i));
        }
        return c;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        if (moduleClass != null) {
            p.setProperty(KEY_MODULE_CLASS, moduleClass);
        }
        if (programName != null) {
            p.setProperty(KEY_PROGRAM_NAME, programName);
        }
        if (inheritEnv) {
            p.setProperty(KEY_INHERIT_ENV, "true");
        }
        if (maxMemoryBytes > 0) {
            p.setProperty(KEY_MAX_MEMORY, Long.toString(maxMemoryBytes));
        }
        if (stackSizeBytes > 0) {
            p.setProperty(KEY_STACK_SIZE, Long.toString(stackSizeBytes));
        }
        if (timeoutMillis > 0) {
            p.setProperty(KEY_TIMEOUT, Long.toString(timeoutMillis));
        }
        for (int i = 0; i < dirs.size(); i++) {
            p.setProperty(KEY_DIR_PREFIX + i, dirs.get(i).toString());
        }
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            p.setProperty(KEY_ENV_PREFIX + i++, e.getKey() + "=" + e.getValue());
        }
        return p;
    }

    /**
     * The properties file text with keys sorted and no date comment, so the same settings always give the
     * same bytes (jars are built reproducibly).
     */
    public String toPropertiesText() {
        Properties p = toProperties();
        StringBuilder sb = new StringBuilder("# wasm2jar launch settings\n");
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Properties one = new Properties();
            one.setProperty(key, p.getProperty(key));
            StringWriter w = new StringWriter();
            try {
                one.store(w, null); // reuse the JDK's escaping; drop its date comment below
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : w.toString().split("\\R")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    sb.append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Reads {@link #RESOURCE} through {@code loader}; an empty config when it is absent. */
    public static LaunchConfig fromResource(ClassLoader loader) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return fromProperties(p);
    }

    // ---------------------------------------------------------------- run-time options

    /** Applies the options in {@code WASM2JAR_OPTS}-syntax text (shell-like quoting) to this config. */
    public LaunchConfig applyOptions(String text) {
        return applyOptions(tokenize(text));
    }

    /**
     * Applies {@code --dir SPEC}, {@code --env N=V} (also as {@code --dir=SPEC}, {@code --env=N=V}) and
     * {@code --inherit-env}.
     *
     * @throws IllegalArgumentException for an unknown option or a missing or malformed value
     */
    public LaunchConfig applyOptions(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String option = token;
            String value = null;
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0) {
                option = token.substring(0, eq);
                value = token.substring(eq + 1);
            }
            switch (option) {
                case "--inherit-env":
                    if (value != null) {
                        throw new IllegalArgumentException("--inherit-env takes no value");
                    }
                    inheritEnv = true;
                    break;
                case "--max-memory":
                case "--stack-size":
                case "--timeout":
                    if (value == null) {
                        if (i + 1 >= tokens.size()) {
                            throw new IllegalArgumentException(option + " needs a value");
                        }
                        value = tokens.get(++i);
                    }
                    if (option.equals("--max-memory")) {
                        maxMemoryBytes = parseSize(value);
                    } else if (option.equals("--stack-size")) {
                        stackSizeBytes = parseSize(value);
                    } else {
                        timeoutMillis = parseSeconds(value);
                    }
                    break;
                case "--dir":
                case "--env":
                    if (value == null) {
                        if (i + 1 >= tokens.size()) {
                            throw new IllegalArgumentException(option + " needs a value");
                        }
                        value = tokens.get(++i);
                    }
                    if (option.equals("--dir")) {
                        addDir(value);
                    } else {
                        addEnv(value);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + token
                            + "' (expected --dir, --env, --inherit-env, --max-memory, --stack-size or --timeout)");
            }
        }
        return this;
    }

    /**
     * Splits text into words like a POSIX shell would, without expansions: blanks separate words;
     * {@code '...'} is literal; inside {@code "..."} a backslash escapes {@code "}, {@code \}, {@code $} and
     * {@code `}; outside quotes a backslash escapes any character.
     */
    public static List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote");
                }
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated \" quote");
                    }
                    char d = text.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        d = text.charAt(++i);
                    }
                    word.append(d);
                    i++;
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash");
                }
                word.append(text.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The settings a runnable jar starts with: the baked resource plus the run-time options from
     * {@code environment} (normally {@link System#getenv()}).
     */
    public static LaunchConfig load(ClassLoader loader, Map<String, String> environment) {
        LaunchConfig c = fromResource(loader);
        String opts = environment.get(OPTS_VARIABLE);
        if (opts != null && !opts.isBlank()) {
            try {
                c.applyOptions(opts);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(OPTS_VARIABLE + ": " + e.getMessage(), e);
            }
        }
        return c;
    }
}
