package dev.tianshu.pipeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Table lists, the task directory's files (upload in three overwrite modes, download, limits) and the task log. */
@QuarkusTest
class TaskFilesApiTest {

    static final String TABLES = "bss_car_day_count,bss_business_day_data,bss_company,bss_section_route,"
            + "bss_section_route_area_link,bss_service_area,bss_service_area_mapper";

    @Test
    void submittedTableListIsWrittenWithTheOriginalsHeader() {
        String id = TaskApiTest.create("{}");
        given().contentType("application/json").body("{\"tables\":\"" + TABLES + ",bss_company,public.bss_company\"}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(200)
                .body("data.filename", is("table_list.txt"))
                .body("data.original_count", is(9))
                .body("data.table_count", is(7))
                .body("data.unique_table_count", is(7))
                .body("data.response", is("表清单已成功创建，包含 7 个表"));
        String file = given().get("/api/v0/data_pipeline/tasks/" + id + "/files/table_list.txt").then()
                .statusCode(200).header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(file.startsWith("# 表清单文件\n# 生成时间: "), file);
        assertTrue(file.contains("# 表数量: 7\n\nbss_car_day_count\n"), file);
        given().get("/api/v0/data_pipeline/tasks/" + id + "/table-list-info").then().statusCode(200)
                .body("data.has_file", is(true)).body("data.exists", is(true))
                .body("data.table_count", is(7))
                .body("data.table_names", hasItem("public.bss_company"))
                .body("data.response", is("获取表清单文件信息成功"));
        given().contentType("application/json").body("{\"tables\":\"a;drop table x\"}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(400)
                .body("data.response", containsString("表名格式无效"));
        given().contentType("application/json").body("{\"tables\":[]}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/table-list").then().statusCode(400);
        given().contentType("application/json").body("{\"tables\":\"x\"}")
                .post("/api/v0/data_pipeline/tasks/task_19990101_000003/table-list").then().statusCode(404);
    }

    @Test
    void uploadedTableListAcceptsUtf8AndGbkTextOnly() {
        String id = TaskApiTest.create("{}");
        String text = "# 服务区相关表\nbss_company,bss_service_area\n-- 注释\nbss_car_day_count\n";
        given().multiPart("file", "tables.txt", text.getBytes(Charset.forName("GBK")), "text/plain")
                .post("/api/v0/data_pipeline/tasks/" + id + "/upload-table-list").then().statusCode(200)
                .body("data.filename", is("table_list.txt"))
                .body("data.response", is("表清单文件上传成功"));
        given().get("/api/v0/data_pipeline/tasks/" + id + "/table-list-info").then()
                .body("data.table_count", is(3));
        given().multiPart("file", "tables.csv", "a,b".getBytes(), "text/plain")
                .post("/api/v0/data_pipeline/tasks/" + id + "/upload-table-list").then().statusCode(400);
        given().multiPart("file", "tables.txt", new byte[0], "text/plain")
                .post("/api/v0/data_pipeline/tasks/" + id + "/upload-table-list").then().statusCode(400);
        given().multiPart("file", "tables.txt", "# only comments\n".getBytes(), "text/plain")
                .post("/api/v0/data_pipeline/tasks/" + id + "/upload-table-list").then().statusCode(400)
                .body("data.response", is("表清单文件中没有有效的表名"));
        given().multiPart("file", "tables.txt", new byte[2 * 1024 * 1024 + 1], "text/plain")
                .post("/api/v0/data_pipeline/tasks/" + id + "/upload-table-list").then().statusCode(400);
    }

    @Test
    void uploadInBackupReplaceAndSkipModes() {
        String id = TaskApiTest.create("{}");
        upload(id, "test.ddl", "create table a (id int);", null).then().statusCode(200)
                .body("data.uploaded_file.filename", is("test.ddl"))
                .body("data.uploaded_file.overwrite_mode", is("backup"))
                .body("data.uploaded_file.size", is(24))
                .body("data.backup_info", org.hamcrest.Matchers.nullValue())
                .body("data.response", is("文件上传成功"));
        upload(id, "test.ddl", "create table b (id int);", "backup").then().statusCode(200)
                .body("data.backup_info.backup_filename", is("test.ddl_bak1"))
                .body("data.backup_info.backup_version", is(1))
                .body("data.backup_info.had_existing_file", is(true));
        upload(id, "test.ddl", "create table c (id int);", "backup").then().statusCode(200)
                .body("data.backup_info.backup_filename", is("test.ddl_bak2"));
        assertEquals("create table a (id int);", download(id, "test.ddl_bak1").asString());
        assertEquals("create table b (id int);", download(id, "test.ddl_bak2").asString());
        upload(id, "test.ddl", "create table d (id int);", "replace").then().statusCode(200)
                .body("data.uploaded_file.overwrite_mode", is("replace"));
        assertEquals("create table d (id int);", download(id, "test.ddl").asString());
        upload(id, "test.ddl", "create table e (id int);", "skip").then().statusCode(200)
                .body("data.skipped", is(true))
                .body("data.uploaded_file.action", is("skipped"))
                .body("data.message", is("文件已存在，跳过上传: test.ddl"));
        assertEquals("create table d (id int);", download(id, "test.ddl").asString());
        upload(id, "new.md", "## x", "skip").then().statusCode(200).body("data.uploaded_file.size", is(4));
        List<String> names = given().get("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200)
                .body("data.directory_info.total_files", is(4))
                .body("data.files.find { it.file_name == 'test.ddl' }.file_type", is("ddl"))
                .body("data.files.find { it.file_name == 'new.md' }.file_type", is("markdown"))
                .extract().path("data.files.file_name");
        assertEquals(List.of("new.md", "test.ddl", "test.ddl_bak2", "test.ddl_bak1"), names, "newest first");
        upload(id, "x.ddl", "y", "sometimes").then().statusCode(400)
                .body("data.missing_params", hasItem("overwrite_mode"));
    }

    @Test
    void traversalOversizeAndWrongTypesAreRefused() {
        String id = TaskApiTest.create("{}");
        for (String name : List.of("../evil.ddl", "..\\evil.ddl", "/etc/passwd.txt", "a/b.ddl", ".hidden.ddl",
                "CON.txt", "a|b.sql", "x".repeat(300) + ".ddl")) {
            upload(id, name, "select 1;", null).then().statusCode(400);
        }
        upload(id, "run.sh", "rm -rf /", null).then().statusCode(400).body("data.response", containsString("不支持的文件类型"));
        upload(id, "big.sql", "x".repeat(10 * 1024 * 1024 + 1), null).then().statusCode(400)
                .body("data.response", containsString("10MB"));
        upload(id, "empty.sql", "", null).then().statusCode(400);
        given().multiPart("file", "latin.sql", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}, "text/plain")
                .post("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(400)
                .body("data.response", containsString("UTF-8"));
        for (String name : List.of("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..%5Ctask_config.json")) {
            given().urlEncodingEnabled(false).get("/api/v0/data_pipeline/tasks/" + id + "/files/" + name).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(400, 404));
        }
        download(id, "missing.ddl").then().statusCode(404).body("success", is(false));
        upload("task_19990101_000004", "a.ddl", "x", null).then().statusCode(404);
        given().get("/api/v0/data_pipeline/tasks/" + id + "/files").then().statusCode(200)
                .body("data.files.size()", is(0));
    }

    @Test
    void logsOfAnUnknownTaskAre404AndParametersAreChecked() {
        String id = TaskApiTest.create("{}");
        given().get("/api/v0/data_pipeline/tasks/" + id + "/logs").then().statusCode(200)
                .body("data.logs.size()", is(0)).body("data.source", is("file"));
        given().get("/api/v0/data_pipeline/tasks/" + id + "/logs?limit=0").then().statusCode(400);
        given().get("/api/v0/data_pipeline/tasks/" + id + "/logs?level=LOUD").then().statusCode(400);
        given().get("/api/v0/data_pipeline/tasks/task_19990101_000005/logs").then().statusCode(404);
        given().contentType("application/json").body("{\"page_size\":501}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/logs/query").then().statusCode(400);
        given().contentType("application/json").body("{\"sort_by\":\"message\"}")
                .post("/api/v0/data_pipeline/tasks/" + id + "/logs/query").then().statusCode(400);
    }

    static Response upload(String id, String name, String content, String mode) {
        var request = given().multiPart("file", name, content.getBytes(StandardCharsets.UTF_8), "text/plain");
        if (mode != null) {
            request = request.multiPart("overwrite_mode", mode);
        }
        return request.post("/api/v0/data_pipeline/tasks/" + id + "/files");
    }

    static Response download(String id, String name) {
        return given().get("/api/v0/data_pipeline/tasks/" + id + "/files/" + name);
    }
}
