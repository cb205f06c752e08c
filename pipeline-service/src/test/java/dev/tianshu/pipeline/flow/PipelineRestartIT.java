package dev.tianshu.pipeline.flow;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tianshu.common.testing.KafkaTestResource;
import dev.tianshu.common.testing.OpenAiChatStub;
import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.common.training.TrainingLoadCommand;
import dev.tianshu.pipeline.testing.BusinessDbs;
import dev.tianshu.pipeline.testing.FakeTrainingDataService;
import dev.tianshu.pipeline.testing.OpenAiChatStubDefaultAnswers;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service is killed (SIGKILL) in the middle of a step and started again: the step's lease runs out, the
 * step is requested again and re-run, and the task completes with nothing stored twice. The LLM (an
 * OpenAI-compatible stub answering after a delay) keeps step 2 busy long enough to be interrupted.
 */
class PipelineRestartIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final ObjectMapper JSON = new ObjectMapper();

    Process app;
    int port;

    @AfterEach
    void stop() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    @Test
    void killedMidStepTheTaskStillCompletesWithoutDuplicates() throws Exception {
        assertTrue(Files.exists(JAR), "run after package: " + JAR.toAbsolutePath());
        String serviceDb = PostgresTestResource.createDatabase("pipeline_it");
        try (OpenAiChatStub llm = OpenAiChatStub.start().withFallback(OpenAiChatStubDefaultAnswers::answer)
                .delay(Duration.ofMillis(1000));
                FakeTrainingDataService trainingData = new FakeTrainingDataService()) {
            List<String> config = config(serviceDb, llm);
            port = freePort();
            app = launch(config, "first");
            awaitReady();

            String id = api().contentType("application/json").body("{\"task_name\":\"重启测试\"}")
                    .post("/api/v0/data_pipeline/tasks").then().statusCode(200).extract().path("data.task_id");
            api().contentType("application/json").body(Map.of("tables", Tasks.HIGHWAY_TABLES))
                    .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200);
            api().contentType("application/json").body("{\"execution_mode\":\"complete\"}")
                    .post("/api/v0/data_pipeline/tasks/" + id + "/execute").then().statusCode(200);

            // wait until step 2 is running and has asked the LLM, then kill the process outright
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "qa_generation".equals(status(id).getString("data.current_step.step"))
                            && llm.calls().size() >= 2);
            app.destroyForcibly().waitFor();

            app = launch(config, "second");
            awaitReady();
            JsonPath end = Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(id), s -> Set.of("completed", "failed").contains(s.getString("data.status")));
            assertEquals("completed", end.getString("data.status"), end.prettify());
            int attempts = end.getInt("data.steps.find { it.step_name == 'qa_generation' }.attempt");
            assertTrue(attempts >= 2, "step 2 was run again: " + attempts);
            String log = api().get("/api/v0/data_pipeline/tasks/" + id + "/files/data_pipeline.log").asString();
            assertTrue(log.contains("上次执行未完成"), "the re-run is logged");

            // one current question-SQL file, and every item loaded exactly once
            List<String> files = api().get("/api/v0/data_pipeline/tasks/" + id + "/files").then().extract()
                    .path("data.files.file_name");
            List<String> pairFiles = files.stream().filter(f -> f.matches("qs_.*_pair\\.json")).toList();
            assertEquals(1, pairFiles.size(), files.toString());
            JsonNode pairs = JSON.readTree(api().get("/api/v0/data_pipeline/tasks/" + id + "/files/"
                    + pairFiles.get(0)).asString());
            Set<String> loadedSql = new HashSet<>();
            int sqlItems = 0;
            for (TrainingLoadCommand command : new ArrayList<>(trainingData.commands)) {
                if (id.equals(command.taskId())) {
                    for (var item : command.items()) {
                        if ("sql".equals(item.trainingDataType())) {
                            loadedSql.add(item.question() + "\n" + item.sql());
                            sqlItems++;
                        }
                    }
                }
            }
            assertEquals(pairs.size(), loadedSql.size(), "every pair of the final file, and only those");
            assertEquals(pairs.size(), sqlItems, "loaded once: step 4 ran once after the restart");
            trainingData.stored.values().forEach(n -> assertEquals(1, n.get()));
        }
    }

    private List<String> config(String serviceDb, OpenAiChatStub llm) {
        List<String> props = new ArrayList<>();
        PostgresTestResource.server().datasourceConfig(serviceDb).forEach((k, v) -> props.add("-D" + k + "=" + v));
        props.addAll(List.of(
                "-Dkafka.bootstrap.servers=" + KafkaTestResource.bootstrapServers(),
                "-Dkafka.session.timeout.ms=6000", "-Dkafka.heartbeat.interval.ms=1000",
                "-Dtianshu.pipeline.business-db-url=" + BusinessDbs.highway(),
                "-Dtianshu.llm.base-url=" + llm.baseUrl(), "-Dtianshu.llm.api-key=" + llm.key(),
                "-Dtianshu.llm.model=" + llm.model(), "-Dtianshu.llm.backoff=50ms",
                "-Dtianshu.pipeline.qa.max-concurrent-themes=1",
                "-Dtianshu.pipeline.execution.heartbeat=300ms", "-Dtianshu.pipeline.execution.lease=3s",
                "-Dtianshu.pipeline.execution.sweep-interval=500ms"));
        return props;
    }

    private Process launch(List<String> config, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dquarkus.http.port=" + port));
        cmd.addAll(config);
        cmd.addAll(List.of("-jar", JAR.toString()));
        Path logFile = Path.of("target", "restart-it-" + name + ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    private void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    if (!app.isAlive()) {
                        throw new AssertionError("the service stopped; see target/restart-it-*.log");
                    }
                    return api().get("/q/health/ready").statusCode() == 200;
                });
    }

    private RequestSpecification api() {
        return given().port(port);
    }

    private JsonPath status(String id) {
        return api().get("/api/v0/data_pipeline/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
