package dev.tianshu.trainingdata.rest;

import dev.tianshu.common.testing.SharedDatasets;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tianshu.trainingdata.TrainingDataTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Uploading task files (the original pipeline's formats) creates their items once; bad uploads are refused. */
@QuarkusTest
class UploadTest {

    static final Path TASK_DIR = SharedDatasets.path("highway_db", "example_pipeline_run");

    @Inject
    TrainingDataTestSupport support;

    @BeforeEach
    void emptyStore() {
        support.reset();
    }

    static ValidatableResponse upload(String fileName, byte[] content, String fileType) {
        var request = given().multiPart("file", fileName, content, "application/octet-stream");
        if (fileType != null) {
            request = request.multiPart("file_type", fileType);
        }
        return request.post("/api/v0/training_data/upload").then();
    }

    @Test
    void uploadsTheOriginalTaskFiles() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TASK_DIR), "../shared datasets beside the project");
        byte[] ddl = Files.readAllBytes(TASK_DIR.resolve("bss_service_area.ddl"));
        byte[] md = Files.readAllBytes(TASK_DIR.resolve("bss_service_area_detail.md"));
        byte[] pairs = Files.readAllBytes(TASK_DIR.resolve("qs_highway_db_20250721_203452_pair.json"));

        upload("bss_service_area.ddl", ddl, "ddl").statusCode(200)
                .body("success", is(true))
                .body("data.filename", is("bss_service_area.ddl"))
                .body("data.file_type", is("ddl"))
                .body("data.file_size", is(ddl.length))
                .body("data.status", is("completed"))
                .body("data.successfully_created", is(1))
                .body("data.summary.ddl", is(1))
                .body("data.response", is("文件上传并训练成功: bss_service_area.ddl"));
        upload("bss_service_area_detail.md", md, "markdown").statusCode(200)
                .body("data.summary.documentation", is(1));
        upload("qs_highway_db_20250721_203452_pair.json", pairs, "sql_pair_json").statusCode(200)
                .body("data.total_requested", is(45))
                .body("data.failed_count", is(0))
                .body("data.summary.sql", is(45));
        assertEquals(47, support.rows("SELECT count(*) FROM training_item"));
        assertEquals(45, support.rows("SELECT count(*) FROM training_item WHERE source LIKE 'upload:qs_highway_db%'"));

        // the same file again adds nothing
        upload("qs_highway_db_20250721_203452_pair.json", pairs, "sql_pair_json").statusCode(200)
                .body("data.unchanged_count", is(45))
                .body("data.results.existed", everyItem(is(true)));
        assertEquals(47, support.rows("SELECT count(*) FROM training_item"));
    }

    @Test
    void questionSqlPairText() {
        String text = "Question: 查询所有服务区\nSQL: SELECT * FROM bss_service_area;\n\nQuestion: 删除数据\nSQL: DELETE FROM bss_service_area;\n";
        upload("pairs.sql", text.getBytes(StandardCharsets.UTF_8), "sql_pair").statusCode(200)
                .body("data.successfully_created", is(1))
                .body("data.failed_count", is(1))
                .body("data.results[1].error", is("在训练集中禁止使用\"UPDATE,DELETE,ALERT,DROP\""));
    }

    @Test
    void refusals() {
        byte[] ok = "CREATE TABLE a (id int);".getBytes(StandardCharsets.UTF_8);
        upload("a.ddl", ok, null).statusCode(400).body("data.missing_params[0]", is("file_type"));
        upload("a.ddl", ok, "csv").statusCode(400).body("data.response", containsString("不支持的文件类型: csv"));
        upload("a.exe", ok, "ddl").statusCode(400).body("data.response", containsString("不支持的文件扩展名: exe"));
        upload("a.txt", ok, "markdown").statusCode(400).body("data.response", containsString("不支持的文件扩展名"));
        upload("big.ddl", new byte[512_001], "ddl").statusCode(400).body("data.response", is("文件大小不能超过500KB"));
        upload("latin1.ddl", new byte[] { 'C', (byte) 0xE9, (byte) 0xFF }, "ddl").statusCode(400)
                .body("data.response", is("文件必须是UTF-8编码的文本"));
        upload("bad.json", "{not json".getBytes(StandardCharsets.UTF_8), "sql_pair_json").statusCode(400)
                .body("data.response", containsString("文件中没有可导入的训练数据"));
        given().multiPart("file_type", "ddl").post("/api/v0/training_data/upload").then().statusCode(400)
                .body("data.response", is("未提供文件"));
        // a client-sent path never reaches the stored name
        upload("../../etc/a.ddl", ok, "ddl").statusCode(200).body("data.filename", is("a.ddl"));
        assertEquals(1, support.rows("SELECT count(*) FROM training_item"));
    }
}
