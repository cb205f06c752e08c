package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.model.StepName;
import dev.tianshu.pipeline.testing.BusinessDbs;
import dev.tianshu.pipeline.testing.InMemoryTaskFiles;
import dev.tianshu.pipeline.service.TrackedProgress;
import dev.tianshu.pipeline.testing.RecordingTaskLog;
import dev.tianshu.pipeline.testing.StepContexts;
import io.quarkus.test.junit.QuarkusTest;

/** The step as the service wires it: CDI finds the engines, the configuration and the business-database pools. */
@QuarkusTest
class DdlGenerationStepBeanTest {

    @Inject
    DdlGenerationStep step;

    @Test
    void runsAsABean() {
        InMemoryTaskFiles files = new InMemoryTaskFiles().with("table_list.txt", "bss_company\nbss_service_area\n");
        TrackedProgress progress = new TrackedProgress();
        Map<String, Object> result = step.run(StepContexts.of(StepName.DDL_GENERATION,
                StepContexts.parameters(BusinessDbs.highway(), "高速公路服务区管理系统"), files, new RecordingTaskLog(),
                progress)).await().atMost(Duration.ofMinutes(2));
        assertEquals(StepName.DDL_GENERATION, step.name());
        assertEquals(2, result.get("processed_successfully"));
        assertEquals("builtin", result.get("engine"), "no LLM is configured in tests");
        assertEquals(2, progress.done());
        assertTrue(files.get("bss_service_area_detail.md").contains("- service_state 为枚举字段，包含取值："));
        assertTrue(files.get("bss_service_area.ddl").contains("create table public.bss_service_area ("));
    }
}
