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

    boolean isEmpty() {
        return dirs.isEmpty() && env.isEmpty() && !inheritEnv;
    }

    LaunchConfig toLaunchConfig() {
        LaunchConfig cfg = new LaunchConfig().inheritEnv(inheritEnv);
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
