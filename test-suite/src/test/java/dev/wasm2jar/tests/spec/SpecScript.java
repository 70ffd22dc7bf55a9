package dev.wasm2jar.tests.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A converted spec script: the command list of one {@code foo.json} written by wast2json, with the folder
 * its module files ({@code foo.N.wasm}) are relative to.
 *
 * @param wastName  the script's file name, e.g. {@code i32.wast}
 * @param directory folder of the .json (module file names are relative to it)
 * @param commands  in script order
 */
public record SpecScript(String wastName, Path directory, List<SpecCommand> commands) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SpecScript read(Path json) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(json));
        String fileName = json.getFileName().toString();
        String wastName = text(root, "source_filename");
        if (wastName == null) {
            wastName = fileName.substring(0, fileName.length() - ".json".length()) + ".wast";
        }
        return new SpecScript(Path.of(wastName).getFileName().toString(), json.toAbsolutePath().getParent(), parseCommands(root.get("commands")));
    }

    static List<SpecCommand> parseCommands(JsonNode commands) {
        if (commands == null || !commands.isArray()) {
            throw new IllegalArgumentException("no \"commands\" array");
        }
        List<SpecCommand> out = new ArrayList<>(commands.size());
        for (JsonNode c : commands) {
            out.add(parseCommand(c));
        }
        return out;
    }

    static SpecCommand parseCommand(JsonNode c) {
        String type = text(c, "type");
        if (type == null || !c.has("line")) {
            throw new IllegalArgumentException("command without type or line: " + c);
        }
        JsonNode actionNode = c.get("action");
        SpecCommand.Action action = actionNode == null ? null : new SpecCommand.Action(
                text(actionNode, "type"), text(actionNode, "module"), text(actionNode, "field"), values(actionNode.get("args")));
        return new SpecCommand(type, c.get("line").asInt(), text(c, "filename"), text(c, "name"), text(c, "as"),
                text(c, "text"), text(c, "module_type"), action, values(c.get("expected")));
    }

    static List<SpecValue> values(JsonNode array) {
        List<SpecValue> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (JsonNode v : array) {
            out.add(value(v));
        }
        return out;
    }

    static SpecValue value(JsonNode v) {
        String type = text(v, "type");
        JsonNode value = v.get("value");
        if (value != null && value.isArray()) {
            List<String> lanes = new ArrayList<>(value.size());
            for (JsonNode lane : value) {
                lanes.add(lane.asText());
            }
            return new SpecValue(type, null, text(v, "lane_type"), lanes);
        }
        return new SpecValue(type, value == null ? null : value.asText(), null, null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode f = n.get(field);
        return f == null || f.isNull() ? null : f.asText();
    }
}
