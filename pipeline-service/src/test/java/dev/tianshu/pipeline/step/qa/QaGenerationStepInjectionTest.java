package dev.tianshu.pipeline.step.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.testing.InMemoryTaskFiles;
import dev.tianshu.pipeline.service.TrackedProgress;
import dev.tianshu.pipeline.testing.RecordingTaskLog;
import dev.tianshu.pipeline.testing.StepContexts;
import io.quarkus.test.junit.QuarkusTest;

/** The step as the application wires it (configuration, engines found through CDI). */
@QuarkusTest
class QaGenerationStepInjectionTest {

    @Inject
    QaGenerationStep step;

    @Test
    void runsAsWired() {
        assumeTrue(ExampleRunDocs.available(), "needs ../shared beside the clone");
        InMemoryTaskFiles files = new InMemoryTaskFiles().with("table_list.txt", ExampleRunDocs.read("table_list.txt"));
        for (String table : ExampleRunDocs.TABLES) {
            files.with(table + ".ddl", ExampleRunDocs.read(table + ".ddl"));
        }
        ExampleRunDocs.markdownWithForeignKeys().forEach(files::with);
        RecordingTaskLog log = new RecordingTaskLog();
        Map<String, Object> artefact = step.run(StepContexts.of(StepName.QA_GENERATION,
                StepContexts.parameters("postgresql://u@localhost:5432/highway_db", "高速公路服务区管理系统"), files, log,
                new TrackedProgress())).await().atMost(Duration.ofMinutes(2));
        assertEquals(StepName.QA_GENERATION, step.name());
        assertTrue((Integer) artefact.get("total_questions") > 0, artefact.toString());
        assertNotNull(files.get((String) artefact.get("output_file")));
        assertNotNull(artefact.get("engine"));
    }
}
