package dev.tianshu.pipeline.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


class PrettyJsonTest {

    @Test
    void writesLikePythonsJsonDumpWithIndentTwo() {
        assertEquals("[\n  {\n    \"question\": \"最近7天的营收？\",\n    \"sql\": \"SELECT 1;\"\n  }\n]",
                PrettyJson.write(List.of(new QaPair("最近7天的营收？", "SELECT 1;"))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("主要字段", List.of("a", "b"));
        m.put("空", List.of());
        m.put("对象", Map.of());
        assertEquals("{\n  \"主要字段\": [\n    \"a\",\n    \"b\"\n  ],\n  \"空\": [],\n  \"对象\": {}\n}",
                PrettyJson.write(m));
        assertEquals("[]", PrettyJson.write(List.of()));
    }
}
