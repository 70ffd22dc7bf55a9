package dev.wasm2jar.compiler.cli;

import dev.wasm2jar.rt.LaunchConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The WASI flags shared by {@code compile} (baked into the jar) and {@code run}. */
final class WasiOptions {
    @Option(names = "--dir", paramLabel = "HOST::GUEST", converter = DirConverter.class,
            description = "Preopen host directory HOST as GUEST in the guest (DIR alone means DIR::DIR). "
                    + "Relative host paths resolve against the working directory when the module runs. Repeatable.")
    List<LaunchConfig.Dir> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", converter = EnvConverter.class,
            description = "Set an environment variable for the guest. Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--inherit-env", description = "Pass the host's environment variables to the guest (--env ones win).")
    boolean inheritEnv;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest linear memory the guest may have, e.g. 256m or 1g; memory.grow beyond it fails.")
    long maxMemory = -1;

    @Option(names = "--stack-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Stack of the thread that runs the guest (default 64m); deeper recursion needs more, "
                    + "exhausting it is the trap 'call stack exhausted'.")
    long stackSize = -1;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "Interrupt the guest after this many seconds (trap 'interrupted', exit 134).")
    long timeoutMillis = -1;

    boolean isEmpty() {
        return dirs.isEmpty() && env.isEmpty() && !inheritEnv && maxMemory < 0 && stackSize < 0 && timeoutMillis < 0;
    }

    LaunchConfig toLaunchConfig() {
        LaunchConfig cfg = new LaunchConfig().inheritEnv(inheritEnv).maxMemoryBytes(maxMemory).stackSizeBytes(stackSize)
                .timeoutMillis(timeoutMillis);
        dirs.forEach(cfg::addDir);
        env.forEach(cfg::addEnv);
        return cfg;
    }

    static final class DirConverter implements ITypeConverter<LaunchConfig.Dir> {
        @Override
        public LaunchConfig.Dir convert(String value) {
            try {
                return LaunchConfig.Dir.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SecondsConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return LaunchConfig.parseSeconds(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return LaunchConfig.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Checks the shape at parse time so a bad value is a usage error. */
    static final class EnvConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                new LaunchConfig().addEnv(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        }
    }
}
