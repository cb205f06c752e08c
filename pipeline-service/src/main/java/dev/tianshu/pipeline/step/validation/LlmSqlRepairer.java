package dev.tianshu.pipeline.step.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.pipeline.llm.LlmAnswerException;
import dev.tianshu.pipeline.llm.LlmClient;
import dev.tianshu.pipeline.llm.LlmEngine;
import dev.tianshu.pipeline.llm.LlmJson;
import dev.tianshu.pipeline.llm.Prompt;
import dev.tianshu.pipeline.llm.Prompts;
import dev.tianshu.pipeline.llm.SqlOneLine;
import io.smallrye.mutiny.Uni;

/**
 * Step 3's repairer: one LLM request for the statements it is given (the caller makes the batches). The prompt
 * carries, for each failing statement, its question, the SQL and the database's error, and the DDL of the tables
 * involved. The answer {@code {"repaired_sqls":[…]}} must have exactly one statement per input, in order —
 * otherwise the attempt failed; each is written on one line ending with ';'.
 */
@ApplicationScoped
public class LlmSqlRepairer extends LlmEngine implements SqlRepairer {


    LlmSqlRepairer(LlmClient llm) {
        super(llm);
    }

    @Override
    public Uni<List<String>> repair(List<FailedSql> failed, String ddl) {
        if (failed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < failed.size(); i++) {
            FailedSql f = failed.get(i);
            items.add(Prompts.fragment(Prompts.SQL_REPAIR_ITEM, Map.of(
                    "index", i + 1,
                    "question", text(f.question()),
                    "sql", f.sql() == null ? "" : f.sql().strip(),
                    "error", text(f.error()))));
        }
        Prompt prompt = Prompts.render(Prompts.SQL_REPAIR, Map.of(
                "count", failed.size(),
                "ddl", ddl == null || ddl.isBlank() ? "（无）" : ddl.strip(),
                "items", String.join("\n\n", items)));
        return llm.chatJson(prompt.system(), prompt.user(), root -> readRepairs(root, failed.size()));
    }

    static List<String> readRepairs(JsonNode root, int expected) {
        JsonNode repaired = LlmJson.array(LlmJson.object(root, null), "repaired_sqls");
        if (repaired.size() != expected) {
            throw new LlmAnswerException("LLM返回了" + repaired.size() + "条修复后的SQL，应为" + expected + "条");
        }
        List<String> sqls = new ArrayList<>();
        for (JsonNode sql : repaired) {
            String one = sql.isTextual() ? SqlOneLine.normalize(sql.asText()) : "";
            if (one.isEmpty()) {
                throw new LlmAnswerException("LLM返回的第" + (sqls.size() + 1) + "条修复后的SQL为空或不是文本");
            }
            sqls.add(one);
        }
        return sqls;
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? "（无）" : s.replaceAll("\\s+", " ").strip();
    }
}
