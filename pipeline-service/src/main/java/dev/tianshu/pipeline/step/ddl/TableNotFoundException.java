package dev.tianshu.pipeline.step.ddl;

import dev.tianshu.pipeline.model.TableRef;

/** A listed table is not a table (or partitioned table) of the database, or the user may not read it. */
public class TableNotFoundException extends RuntimeException {

    private final TableRef table;

    public TableNotFoundException(TableRef table) {
        super("表 " + table.qualified() + " 不存在或无权限访问");
        this.table = table;
    }

    public TableRef table() {
        return table;
    }
}
