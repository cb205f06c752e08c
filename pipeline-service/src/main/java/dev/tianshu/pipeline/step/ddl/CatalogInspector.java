package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tianshu.pipeline.config.PipelineConfig;
import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.ForeignKeyRef;
import dev.tianshu.pipeline.model.TableInfo;
import dev.tianshu.pipeline.model.TableRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Describes one table from the live catalog of a business database (pg_catalog, read-only queries): columns with
 * types, nullability, defaults and comments, primary and foreign keys, table comment, row count and size, sample
 * rows and verified enum columns. Independent queries of the table run concurrently.
 */
@ApplicationScoped
public class CatalogInspector {

    /** The relation, if it is a table or partitioned table the session may read; sizes over all partitions. */
    private static final String RELATION = """
            SELECT c.oid::int8 AS oid, c.relkind::text AS kind,
                   obj_description(c.oid, 'pg_class') AS comment,
                   has_table_privilege(c.oid, 'SELECT') AS readable,
                   CASE WHEN c.relkind = 'p' THEN
                        (SELECT CASE WHEN bool_or(l.reltuples < 0) THEN -1 ELSE coalesce(sum(l.reltuples), 0) END
                           FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf)
                        ELSE c.reltuples END::float8 AS estimate,
                   CASE WHEN c.relkind = 'p' THEN
                        (SELECT coalesce(sum(l.relpages), 0) FROM pg_partition_tree(c.oid) t
                           JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf)
                        ELSE c.relpages END::float8 AS pages,
                   pg_size_pretty(CASE WHEN c.relkind = 'p' THEN
                        (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t)
                        ELSE pg_total_relation_size(c.oid) END::int8) AS size
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')
            """;

    private static final String COLUMNS = """
            SELECT a.attnum::int AS position, a.attname::text AS name,
                   format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                   pg_get_expr(d.adbin, d.adrelid) AS default_value, a.attgenerated::text AS generated,
                   col_description(a.attrelid, a.attnum) AS comment,
                   coalesce(bt.typname, t.typname)::text AS base_type,
                   coalesce(bt.typtype, t.typtype)::text AS type_kind
              FROM pg_attribute a
              JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = $1::int8::oid AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum
            """;

    /**
     * Primary-key and foreign-key columns in key order. A partitioned table also gets the foreign keys declared on
     * its partitions (pagila declares them there).
     */
    private static final String KEYS = """
            SELECT con.contype::text AS kind, con.conname::text AS name, k.ord::int AS ord,
                   a.attname::text AS col, cardinality(con.conkey)::int AS width,
                   fn.nspname::text AS ref_schema, fc.relname::text AS ref_table, fa.attname::text AS ref_col,
                   (con.conrelid = $1::int8::oid) AS own
              FROM pg_constraint con
             CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
              LEFT JOIN pg_class fc ON fc.oid = con.confrelid
              LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
              LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
             WHERE (con.conrelid = $1::int8::oid AND con.contype IN ('p', 'f'))
                OR ($2 AND con.contype = 'f'
                    AND con.conrelid IN (SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = $1::int8::oid))
             ORDER BY own DESC, kind DESC, name, ord
            """;

    private final TableSampler sampler;
    private final EnumDetector enums;

    public CatalogInspector() {
        this(new TableSampler(), new EnumDetector());
    }

    CatalogInspector(TableSampler sampler, EnumDetector enums) {
        this.sampler = sampler;
        this.enums = enums;
    }

    private record Relation(long oid, boolean partitioned, String comment, double estimate, double pages,
            String size) {
    }

    private record Keys(List<String> primaryKey, Map<String, ForeignKeyRef> foreignKeys) {
    }

    private record RowCount(long rows, boolean large) {
    }

    /** Fails with {@link TableNotFoundException} when the table does not exist or may not be read. */
    public Uni<TableInfo> inspect(Pool pool, TableRef ref, PipelineConfig.Ddl config) {
        return relation(pool, ref).chain(relation -> Uni.combine().all()
                .unis(columns(pool, relation), keys(pool, relation), rowCount(pool, ref, relation, config))
                .asTuple()
                .chain(facts -> describe(pool, ref, config, relation, facts.getItem1(), facts.getItem2(),
                        facts.getItem3())));
    }

    private Uni<TableInfo> describe(Pool pool, TableRef ref, PipelineConfig.Ddl config, Relation relation,
            List<EnumDetector.TypedColumn> rawColumns, Keys keys, RowCount count) {
        List<EnumDetector.TypedColumn> typed = new ArrayList<>();
        for (EnumDetector.TypedColumn raw : rawColumns) {
            ColumnInfo c = raw.column();
            ColumnInfo full = new ColumnInfo(c.position(), c.name(), c.dataType(), c.nullable(), c.defaultValue(),
                    c.comment(), keys.primaryKey().contains(c.name()), keys.foreignKeys().get(c.name()));
            typed.add(new EnumDetector.TypedColumn(full, raw.baseType(), raw.enumType()));
        }
        List<ColumnInfo> columns = typed.stream().map(EnumDetector.TypedColumn::column).toList();
        List<ForeignKeyRef> foreignKeys = columns.stream().filter(ColumnInfo::isForeignKey)
                .map(ColumnInfo::foreignKey).toList();
        TableSampler.Extent extent = new TableSampler.Extent(count.rows(), relation.pages());
        return sampler.sample(pool, ref, columns, keys.primaryKey(), config.sampleRows(), count.large(), extent)
                .chain(samples -> enums.verify(pool, ref, enums.candidates(typed, samples), config.enumMaxDistinct())
                        .map(found -> new TableInfo(ref, relation.comment(), columns, keys.primaryKey(), foreignKeys,
                                count.rows(), relation.size(), samples, found)));
    }

    private static Uni<Relation> relation(Pool pool, TableRef ref) {
        return pool.preparedQuery(RELATION).execute(Tuple.of(ref.schema(), ref.name())).map(rows -> {
            if (rows.size() == 0) {
                throw new TableNotFoundException(ref);
            }
            Row row = rows.iterator().next();
            if (!Boolean.TRUE.equals(row.getBoolean("readable"))) {
                throw new TableNotFoundException(ref);
            }
            return new Relation(row.getLong("oid"), "p".equals(row.getString("kind")), row.getString("comment"),
                    row.getDouble("estimate"), row.getDouble("pages"), row.getString("size"));
        });
    }

    private static Uni<List<EnumDetector.TypedColumn>> columns(Pool pool, Relation relation) {
        return pool.preparedQuery(COLUMNS).execute(Tuple.of(relation.oid())).map(rows -> {
            List<EnumDetector.TypedColumn> columns = new ArrayList<>();
            for (Row row : rows) {
                boolean generated = row.getString("generated") != null && !row.getString("generated").isEmpty();
                String defaultValue = generated ? null : CatalogFormats.defaultValue(row.getString("default_value"));
                ColumnInfo column = new ColumnInfo(row.getInteger("position"), row.getString("name"),
                        CatalogFormats.type(row.getString("type")), !row.getBoolean("not_null"), defaultValue,
                        row.getString("comment"), false, null);
                columns.add(new EnumDetector.TypedColumn(column, row.getString("base_type"),
                        "e".equals(row.getString("type_kind"))));
            }
            return columns;
        });
    }

    private static Uni<Keys> keys(Pool pool, Relation relation) {
        return pool.preparedQuery(KEYS).execute(Tuple.of(relation.oid(), relation.partitioned())).map(rows -> {
            List<String> primaryKey = new ArrayList<>();
            Map<String, ForeignKeyRef> foreignKeys = new LinkedHashMap<>();
            for (Row row : rows) {
                String column = row.getString("col");
                if ("p".equals(row.getString("kind"))) {
                    if (Boolean.TRUE.equals(row.getBoolean("own"))) {
                        primaryKey.add(column);
                    }
                } else if (row.getInteger("width") == 1 && row.getString("ref_table") != null) {
                    foreignKeys.putIfAbsent(column, new ForeignKeyRef(column,
                            new TableRef(row.getString("ref_schema"), row.getString("ref_table")),
                            row.getString("ref_col")));
                }
            }
            return new Keys(List.copyOf(primaryKey), Collections.unmodifiableMap(foreignKeys));
        });
    }

    /** Exact for tables the planner does not take to be large (or has not counted yet), else its estimate. */
    private static Uni<RowCount> rowCount(Pool pool, TableRef ref, Relation relation, PipelineConfig.Ddl config) {
        if (relation.estimate() >= 0 && relation.estimate() > config.largeTableRows()) {
            return Uni.createFrom().item(new RowCount(Math.round(relation.estimate()), true));
        }
        return pool.query("SELECT count(*) FROM " + ref.quoted()).execute().map(rows -> {
            long exact = rows.iterator().next().getLong(0);
            return new RowCount(exact, exact > config.largeTableRows());
        });
    }
}
