package dev.wasm2jar.rt.specops;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a .wast script read as S-expressions: a parenthesised list, an atom (keyword, number,
 * {@code $id}) or a string literal (kept with its escapes, without the quotes). Comments are dropped.
 */
public abstract sealed class SExpr permits SExpr.ListNode, SExpr.Atom {
    /** 1-based line of the node's first character, for failure messages. */
    public final int line;

    SExpr(int line) {
        this.line = line;
    }

    public static final class ListNode extends SExpr {
        public final List<SExpr> items;

        ListNode(int line, List<SExpr> items) {
            super(line);
            this.items = items;
        }

        /** The leading keyword, e.g. "module" or "assert_return", or "" if the list does not start with one. */
        public String head() {
            return !items.isEmpty() && items.get(0) instanceof Atom a && !a.isString ? a.text : "";
        }

        public int size() {
            return items.size();
        }

        public SExpr get(int i) {
            return items.get(i);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(items.get(i));
            }
            return sb.append(')').toString();
        }
    }

    public static final class Atom extends SExpr {
        public final String text;
        public final boolean isString;

        Atom(int line, String text, boolean isString) {
            super(line);
            this.text = text;
            this.isString = isString;
        }

        @Override
        public String toString() {
            return isString ? '"' + text + '"' : text;
        }
    }

    /** Parses a whole script into its top-level forms. */
    public static List<SExpr> parseAll(String source) {
        return new Parser(source).parseTopLevel();
    }

    private static final class Parser {
        private final String src;
        private int pos;
        private int line = 1;

        Parser(String src) {
            this.src = src;
        }

        List<SExpr> parseTopLevel() {
            List<SExpr> forms = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (pos >= src.length()) return forms;
                forms.add(parseNode());
            }
        }

        private SExpr parseNode() {
            int startLine = line;
            char c = src.charAt(pos);
            if (c == '(') {
                pos++;
                List<SExpr> items = new ArrayList<>();
                while (true) {
                    skipSpaceAndComments();
                    if (pos >= src.length()) throw error("unclosed list opened on line " + startLine);
                    if (src.charAt(pos) == ')') {
                        pos++;
                        return new ListNode(startLine, items);
                    }
                    items.add(parseNode());
                }
            }
            if (c == ')') throw error("unexpected ')'");
            if (c == '"') return parseString(startLine);
            int start = pos;
            while (pos < src.length() && !isDelimiter(src.charAt(pos))) pos++;
            return new Atom(startLine, src.substring(start, pos), false);
        }

        private SExpr parseString(int startLine) {
            int start = ++pos;
            while (pos < src.length() && src.charAt(pos) != '"') {
                if (src.charAt(pos) == '\\') pos++;
                if (pos < src.length() && src.charAt(pos) == '\n') line++;
                pos++;
            }
            if (pos >= src.length()) throw error("unterminated string");
            String text = src.substring(start, pos++);
            return new Atom(startLine, text, true);
        }

        private static boolean isDelimiter(char c) {
            return c == '(' || c == ')' || c == '"' || c == ';' || Character.isWhitespace(c);
        }

        private void skipSpaceAndComments() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (src.startsWith(";;", pos)) {
                    while (pos < src.length() && src.charAt(pos) != '\n') pos++;
                } else if (src.startsWith("(;", pos)) {
                    skipBlockComment();
                } else {
                    return;
                }
            }
        }

        /** Block comments nest. */
        private void skipBlockComment() {
            int depth = 0;
            do {
                if (pos >= src.length()) throw error("unterminated block comment");
                if (src.startsWith("(;", pos)) {
                    depth++;
                    pos += 2;
                } else if (src.startsWith(";)", pos)) {
                    depth--;
                    pos += 2;
                } else {
                    if (src.charAt(pos) == '\n') line++;
                    pos++;
                }
            } while (depth > 0);
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("line " + line + ": " + message);
        }
    }
}
