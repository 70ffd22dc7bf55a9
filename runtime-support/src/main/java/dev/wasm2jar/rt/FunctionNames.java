package dev.wasm2jar.rt;

/**
 * Recovers the Wasm function a trap happened in from the JVM stack trace: generated methods are named
 * {@code f<index>} or {@code f<index>_<sanitised name>} (region methods add {@code $r<id>}), so no
 * bookkeeping runs on the hot path.
 */
final class FunctionNames {
    private FunctionNames() {}

    static String innermostWasmFunction(Throwable t) {
        Throwable cur = t;
        while (cur != null) {
            for (StackTraceElement e : cur.getStackTrace()) {
                String m = e.getMethodName();
                if (m.length() > 1 && m.charAt(0) == 'f' && Character.isDigit(m.charAt(1))) {
                    int end = 1;
                    while (end < m.length() && Character.isDigit(m.charAt(end))) {
                        end++;
                    }
                    String index = m.substring(1, end);
                    int region = m.indexOf("$r");
                    String base = region > 0 ? m.substring(0, region) : m;
                    if (end < base.length() && base.charAt(end) == '_' && base.length() > end + 1) {
                        return base.substring(end + 1);
                    }
                    return "func[" + index + "]";
                }
            }
            cur = cur.getCause();
        }
        return null;
    }
}
