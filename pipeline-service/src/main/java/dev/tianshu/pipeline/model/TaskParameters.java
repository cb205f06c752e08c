package dev.tianshu.pipeline.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a task was created with (the seed's "parameters" object). {@code dbConnection} holds the password;
 * {@link #toMaskedMap()} is the only form that leaves the service.
 */
public record TaskParameters(
        DbConnection dbConnection,
        String dbName,
        String businessContext,
        String tableListFile,
        boolean fileUploadMode,
        boolean enableSqlValidation,
        boolean enableLlmRepair,
        boolean modifyOriginalFile,
        boolean enableTrainingDataLoad) {

    public static final String DEFAULT_BUSINESS_CONTEXT = "数据库管理系统";
    public static final String TABLE_LIST_FILE = "{task_directory}/table_list.txt";

    /** The seed's parameters object, password masked. */
    public Map<String, Object> toMaskedMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("business_context", businessContext);
        m.put("db_connection", dbConnection.masked());
        m.put("db_name", dbName);
        m.put("enable_llm_repair", enableLlmRepair);
        m.put("enable_sql_validation", enableSqlValidation);
        m.put("enable_training_data_load", enableTrainingDataLoad);
        m.put("file_upload_mode", fileUploadMode);
        m.put("modify_original_file", modifyOriginalFile);
        m.put("table_list_file", tableListFile);
        return m;
    }
}
