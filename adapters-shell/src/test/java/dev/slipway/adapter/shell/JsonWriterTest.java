package dev.slipway.adapter.shell;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTest {

    record Inner(String text, Double seconds, boolean flag, List<String> items) {}

    record Outer(String name, Inner inner, List<Inner> inners, Map<String, Object> extra) {}

    private static JsonNode readBack(Object value) {
        return JsonMapper.builder().build().readTree(JsonWriter.write(value));
    }

    @Test
    void escapesEverythingAStringMayHoldSoAnyParserReadsItBack() {
        String nasty = "quote \" backslash \\ newline \n tab \t bell \u0007 line separator \u2028 check ✓ emoji \uD83D\uDE80";

        JsonNode json = readBack(Map.of("text", nasty));

        assertThat(json.get("text").asString()).isEqualTo(nasty);
    }

    @Test
    void writesRecordsAsObjectsInDeclarationOrderWithNullsKept() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("count", 3);
        extra.put("none", null);
        Outer outer = new Outer("hello", new Inner(null, 3.2, true, List.of("a", "b")), List.of(), extra);

        String text = JsonWriter.write(outer);
        JsonNode json = readBack(outer);

        assertThat(text).startsWith("{\n  \"name\": \"hello\",\n  \"inner\": {\n    \"text\": null,\n    \"seconds\": 3.2,");
        assertThat(json.get("inner").get("text").isNull()).isTrue();
        assertThat(json.get("inner").get("flag").asBoolean()).isTrue();
        assertThat(json.get("inner").get("items").get(1).asString()).isEqualTo("b");
        assertThat(json.get("inners").isArray()).isTrue();
        assertThat(json.get("extra").get("count").asInt()).isEqualTo(3);
        assertThat(json.get("extra").has("none")).isTrue();
    }

    @Test
    void leavesOutTheTopLevelSectionsADocumentDoesNotHave() {
        String text = JsonDocument.of("ok", ExitCode.SUCCEEDED, "1 environment").build().toJson();

        assertThat(text).isEqualTo("""
                {
                  "schemaVersion": 1,
                  "outcome": "ok",
                  "exitCode": 0,
                  "message": "1 environment"
                }
                """);
        assertThat(Arrays.asList(JsonDocument.class.getRecordComponents())).hasSizeGreaterThan(3);
    }
}
