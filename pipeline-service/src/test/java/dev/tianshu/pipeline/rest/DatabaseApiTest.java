package dev.tianshu.pipeline.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.testing.BusinessDbs;
import io.quarkus.test.junit.QuarkusTest;

/** POST /api/v0/database/tables on the configured database and on one given per request. */
@QuarkusTest
class DatabaseApiTest {

    @Test
    void theSeedsExample() {
        given().contentType("application/json").body("{\"schema\":\"public,ods,dw\",\"table_name_pattern\":\"*_area*\"}")
                .post("/api/v0/database/tables").then().statusCode(200)
                .body("data.tables", is(List.of("public.bss_section_route_area_link", "public.bss_service_area",
                        "public.bss_service_area_mapper")))
                .body("data.total", is(3))
                .body("data.schemas", is(List.of("public", "ods", "dw")))
                .body("data.table_name_pattern", is("*_area*"))
                .body("data.db_connection_info.database", is(BusinessDbs.highwayName()))
                .body("data.response", is("获取表列表成功"));
        given().contentType("application/json").body("{}").post("/api/v0/database/tables").then().statusCode(200)
                .body("data.total", is(8));
    }

    @Test
    void aGivenDatabaseAndBadInput() {
        given().contentType("application/json").body("{\"db_connection\":\"" + BusinessDbs.url(BusinessDbs.highwayName())
                + "\",\"table_name_pattern\":\"bss_company\"}").post("/api/v0/database/tables").then().statusCode(200)
                .body("data.tables", is(List.of("public.bss_company")));
        given().contentType("application/json").body("{\"schema\":\"public; drop\"}")
                .post("/api/v0/database/tables").then().statusCode(400)
                .body("data.missing_params", hasItem("schema"));
        given().contentType("application/json")
                .body("{\"db_connection\":\"postgresql://u:topsecret@127.0.0.1:1/x\"}")
                .post("/api/v0/database/tables").then().statusCode(400)
                .body("data.response", containsString("无法连接"))
                .body("data.response", not(containsString("topsecret")));
    }
}
