package dev.tianshu.pipeline.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.api.ApiException;
import dev.tianshu.common.api.Params;
import dev.tianshu.common.api.V0Response;
import dev.tianshu.pipeline.client.BusinessDatabases;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.service.TaskService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * POST /api/v0/database/tables: the tables of a business database, by schema and name pattern (partitions of a
 * partitioned table are not listed: their parent is).
 */
@Path("/api/v0/database")
@Produces(MediaType.APPLICATION_JSON)
public class DatabaseResource {

    private final BusinessDatabases databases;
    private final TaskService tasks;

    DatabaseResource(BusinessDatabases databases, TaskService tasks) {
        this.databases = databases;
        this.tasks = tasks;
    }

    @POST
    @Path("/tables")
    public Uni<Map<String, Object>> tables(JsonNode body) {
        Params p = Params.of(body);
        DbConnection connection = tasks.connection(p.text("db_connection").orElse(null), null);
        List<String> schemas = new ArrayList<>();
        for (String s : p.text("schema").orElse("public").split(",")) {
            if (!s.isBlank()) {
                if (!s.strip().matches("^[A-Za-z_][A-Za-z0-9_$]{0,62}$")) {
                    throw ApiException.invalidParams("无效的schema名称: " + s.strip(), "schema");
                }
                schemas.add(s.strip());
            }
        }
        if (schemas.isEmpty()) {
            schemas.add("public");
        }
        String pattern = p.text("table_name_pattern").orElse(null);
        if (pattern != null && pattern.length() > 128) {
            throw ApiException.invalidParams("table_name_pattern 过长", "table_name_pattern");
        }
        String like = pattern == null ? null : pattern.strip().replace('*', '%');
        var pool = databases.open(connection, 1);
        return pool.preparedQuery("SELECT n.nspname || '.' || c.relname AS name FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
                + "AND n.nspname = ANY($1) AND ($2::text IS NULL OR c.relname LIKE $2) "
                + "AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1")
                .execute(Tuple.of(schemas.toArray(new String[0]), like))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(r -> names.add(r.getString("name")));
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("db_connection_info", Map.of("database", connection.database()));
                    data.put("schemas", schemas);
                    if (pattern != null) {
                        data.put("table_name_pattern", pattern);
                    }
                    data.put("tables", names);
                    data.put("total", names.size());
                    return V0Response.ok(data, "获取表列表成功");
                })
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> ApiException.invalidParams(
                        "无法连接数据库或查询失败: " + DbConnection.maskAll(e.getMessage()), "db_connection"))
                .eventually(() -> pool.close());
    }
}
