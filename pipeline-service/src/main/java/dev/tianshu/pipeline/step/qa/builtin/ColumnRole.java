package dev.tianshu.pipeline.step.qa.builtin;

/** What a column means for the questions asked about its table. */
public enum ColumnRole {
    /** The table's own key or another identifier (id, uuid, *_id without a known target). */
    KEY,
    /** A column pointing at another table of the task. */
    FOREIGN_KEY,
    /** A numeric quantity worth summing or averaging: amounts, counts, quantities. */
    MEASURE,
    /** What a row is called: names and titles. */
    NAME,
    /** A categorical value: enum columns and short categorical text. */
    CATEGORY,
    /** A code or number identifying something (编码, 编号). */
    CODE,
    /** A yes/no column. */
    BOOLEAN,
    /** A business date or time (not an audit column). */
    BUSINESS_DATE,
    /** When a row was created or changed (create_ts, updated_at, last_update, ...). */
    AUDIT_DATE,
    /** Who changed a row, row versions. */
    AUDIT,
    /** Marks a row as logically deleted (delete_ts, deleted_at, is_deleted, del_flag). */
    SOFT_DELETE,
    /** Everything the generator does not ask about: free text, coordinates, binary, JSON, ... */
    OTHER
}
