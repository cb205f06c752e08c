package dev.tianshu.pipeline.step.qa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.DbConnection;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;

/**
 * Table docs read straight from a test database's catalog (a quick stand-in for step 1): columns with their types,
 * comments, primary and single-column foreign keys, three sample rows, and enum values for columns with at most 20
 * distinct values.
 */
final class CatalogDocs {

    private CatalogDocs() {
    }

    static SchemaDocs read(String url, List<String> tables) throws SQLException {
        List<TableDoc> docs = new ArrayList<>();
        try (Connection c = PostgresTestResource.server().connect(DbConnection.parse(url).database())) {
            for (String table : tables) {
                docs.add(doc(c, TableRef.parse(table)));
            }
        }
        return new SchemaDocs(DbConnection.parse(url).database(), docs, "");
    }

    private static TableDoc doc(Connection c, TableRef ref) throws SQLException {
        String regclass = ref.quoted();
        List<String> pk = strings(c, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + regclass + "'::regclass AND i.indisprimary", 1);
        Map<String, ForeignKeyRef> fks = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a.attname, n.nspname, t.relname, "
                + "fa.attname FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
                + "JOIN pg_class t ON t.oid = k.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1] "
                + "WHERE k.contype = 'f' AND k.conrelid = '" + regclass + "'::regclass AND cardinality(k.conkey) = 1")) {
            while (rs.next()) {
                fks.put(rs.getString(1), new ForeignKeyRef(rs.getString(1), new TableRef(rs.getString(2),
                        rs.getString(3)), rs.getString(4)));
            }
        }
        List<ColumnInfo> columns = new ArrayList<>();
        Map<String, String> comments = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a.attnum, a.attname, "
                + "format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, col_description(a.attrelid, a.attnum) "
                + "FROM pg_attribute a WHERE a.attrelid = '" + regclass + "'::regclass AND a.attnum > 0 "
                + "AND NOT a.attisdropped ORDER BY a.attnum")) {
            while (rs.next()) {
                String name = rs.getString(2);
                columns.add(new ColumnInfo(rs.getInt(1), name, rs.getString(3), rs.getBoolean(4), null,
                        rs.getString(5), pk.contains(name), fks.get(name)));
                comments.put(name, rs.getString(5) == null ? "" : rs.getString(5));
            }
        }
        List<Map<String, String>> samples = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + regclass + " LIMIT 3")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getString(i));
                }
                samples.add(row);
            }
        }
        Map<String, List<String>> enums = new LinkedHashMap<>();
        for (ColumnInfo col : columns) {
            boolean candidate = !col.primaryKey() && col.foreignKey() == null
                    && col.dataType().matches("character varying.*|text|character\\(.*|smallint|integer|USER-DEFINED|mpaa_rating|boolean");
            if (!candidate) {
                continue;
            }
            List<String> values = strings(c, "SELECT " + TableRef.quote(col.name()) + "::text FROM " + regclass
                    + " WHERE " + TableRef.quote(col.name()) + " IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 21", 1);
            if (!values.isEmpty() && values.size() <= 20) {
                enums.put(col.name(), values);
            }
        }
        String comment = strings(c, "SELECT coalesce(obj_description('" + regclass + "'::regclass, 'pg_class'), '')", 1)
                .get(0);
        TableInfo info = new TableInfo(ref, comment.isEmpty() ? null : comment, columns, pk,
                List.copyOf(fks.values()), -1, null, samples, enums);
        return new TableDoc(info, comment, comments, "catalog");
    }

    private static List<String> strings(Connection c, String sql, int column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(column));
            }
        }
        return values;
    }
}
