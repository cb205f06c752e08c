package dev.tianshu.pipeline.step.qa.builtin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.pipeline.model.ColumnInfo;

/**
 * Decides the {@link ColumnRole} of a column from its name, type, comment and enum values, with the conventions of
 * business databases: audit columns (create_ts, updated_by, version, ...), soft-delete markers, identifiers, codes,
 * names, categories and measures.
 */
public final class ColumnClassifier {

    private static final Set<String> SOFT_DELETE_TIMES = Set.of("delete_ts", "deleted_ts", "deleted_at",
            "delete_at", "delete_time", "deleted_time", "delete_date", "deleted_date", "del_time", "gmt_deleted",
            "delete_timestamp", "deleted_on");
    private static final Set<String> SOFT_DELETE_FLAGS = Set.of("is_deleted", "deleted", "is_delete", "del_flag",
            "delete_flag", "deleted_flag", "is_del", "delflag", "isdeleted", "del_status", "delete_status");
    private static final Set<String> AUDIT_TIMES = Set.of("create_ts", "created_ts", "update_ts", "updated_ts",
            "created_at", "create_at", "updated_at", "update_at", "modified_at", "modify_at", "create_time",
            "created_time", "update_time", "updated_time", "modify_time", "modified_time", "last_update",
            "last_updated", "last_modified", "last_update_time", "gmt_create", "gmt_modified", "create_date",
            "created_date", "update_date", "updated_date", "modified_date", "created", "modified", "updated",
            "insert_time", "inserted_at", "etl_time", "load_time", "sync_time", "created_on", "updated_on");
    private static final Set<String> AUDIT_OTHERS = Set.of("created_by", "updated_by", "deleted_by", "create_by",
            "update_by", "delete_by", "modified_by", "modify_by", "creator", "modifier", "create_user",
            "update_user", "created_user", "updated_user", "last_update_by", "last_updated_by", "operator",
            "version", "row_version", "etl_batch", "batch_no", "create_user_id", "update_user_id", "tenant_id",
            "revision");
    /** Name parts of numeric columns that identify or classify rather than measure. */
    private static final Set<String> NOT_A_MEASURE = Set.of("id", "no", "code", "seq", "sort", "sn", "idx", "index",
            "year", "month", "day", "week", "hour", "minute", "status", "state", "type", "flag", "level", "grade",
            "lat", "lng", "lon", "latitude", "longitude", "zip", "postcode", "postal", "phone", "mobile", "tel",
            "rank", "is", "has", "sex", "gender", "active", "enabled", "valid", "version", "order_no", "category",
            "kind", "class", "mode", "source", "port", "ip");
    private static final List<String> NOT_A_MEASURE_COMMENTS = List.of("编码", "编号", "代码", "序号", "排序", "年份",
            "月份", "状态", "类型", "类别", "标志", "标识", "经度", "纬度", "电话", "邮编", "ID", "是否", "级别", "等级");
    private static final Set<String> FREE_TEXT = Set.of("desc", "description", "remark", "remarks", "memo", "note",
            "notes", "comment", "comments", "content", "address", "addr", "url", "uri", "link", "path", "position",
            "location", "coordinate", "coordinates", "geo", "lnglat", "json", "email", "phone", "mobile", "tel",
            "password", "pwd", "token", "image", "img", "photo", "picture", "icon", "fulltext", "html", "body",
            "detail", "details", "summary", "text", "username", "secret", "hash", "salt", "lat", "lng");
    private static final List<String> FREE_TEXT_COMMENTS = List.of("描述", "说明", "备注", "地址", "坐标", "经纬度",
            "链接", "路径", "电话", "手机", "邮箱", "密码", "图片", "内容", "详情", "摘要");
    private static final Set<String> CODE_PARTS = Set.of("no", "code", "sn", "number", "num", "cd");
    private static final List<String> CODE_COMMENTS = List.of("编码", "编号", "代码", "代号", "号码");
    private static final List<String> NAME_COMMENTS = List.of("名称", "姓名", "名字", "标题", "全称", "简称");
    private static final List<String> AMOUNT_COMMENTS = List.of("金额", "额", "元", "价", "费", "收入", "营收", "成本",
            "利润", "工资", "薪", "税", "款");
    private static final Set<String> AMOUNT_PARTS = Set.of("amount", "amt", "price", "cost", "fee", "revenue", "pay",
            "sales", "money", "income", "profit", "salary", "tax", "balance", "rate", "sum", "wx", "zfb", "rmb");
    private static final List<String> COUNT_COMMENTS = List.of("数", "量", "次");
    private static final Set<String> COUNT_PARTS = Set.of("count", "cnt", "qty", "quantity", "num", "number",
            "orders", "order", "times", "total", "visits", "users", "customers");

    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)");

    private ColumnClassifier() {
    }

    /** The role of {@code column}; {@code enumValues} are the verified enum values (empty if none). */
    public static ColumnRole classify(ColumnInfo column, String comment, List<String> enumValues) {
        String name = column.name().toLowerCase(Locale.ROOT);
        List<String> parts = Arrays.asList(name.split("_+"));
        String c = comment == null ? "" : comment;
        ColumnSemantics probe = new ColumnSemantics(column, ColumnRole.OTHER, "", MeasureKind.OTHER, List.of(),
                List.of());

        if ((SOFT_DELETE_TIMES.contains(name) && probe.isTemporal())
                || (SOFT_DELETE_FLAGS.contains(name) && (probe.isBoolean() || probe.isNumeric() || probe.isText()))) {
            return ColumnRole.SOFT_DELETE;
        }
        if (AUDIT_TIMES.contains(name) && probe.isTemporal()) {
            return ColumnRole.AUDIT_DATE;
        }
        if (AUDIT_OTHERS.contains(name)) {
            return ColumnRole.AUDIT;
        }
        if (column.isForeignKey()) {
            return ColumnRole.FOREIGN_KEY;
        }
        if (column.primaryKey() && probe.isTemporal()) {
            // a date in a composite key (partitioned facts: payment_date, payment_id) is still a business date
            return ColumnRole.BUSINESS_DATE;
        }
        if (column.primaryKey() || name.equals("id") || name.endsWith("_id") || name.equals("uuid")
                || name.equals("guid") || probe.baseType().equals("uuid") || c.contains("唯一标识")
                || c.startsWith("主键")) {
            return ColumnRole.KEY;
        }
        if (probe.isBoolean()) {
            return ColumnRole.BOOLEAN;
        }
        if (!enumValues.isEmpty() && !probe.isTemporal()) {
            boolean code = probe.isText() && (CODE_PARTS.contains(parts.get(parts.size() - 1))
                    || CODE_COMMENTS.stream().anyMatch(c::contains));
            return code ? ColumnRole.CODE : ColumnRole.CATEGORY;
        }
        if (probe.isTemporal()) {
            return ColumnRole.BUSINESS_DATE;
        }
        if (probe.isNumeric()) {
            boolean classifies = parts.stream().anyMatch(NOT_A_MEASURE::contains)
                    || NOT_A_MEASURE_COMMENTS.stream().anyMatch(c::contains);
            return classifies ? ColumnRole.OTHER : ColumnRole.MEASURE;
        }
        if (probe.isText()) {
            if (parts.stream().anyMatch(FREE_TEXT::contains) || FREE_TEXT_COMMENTS.stream().anyMatch(c::contains)) {
                return ColumnRole.OTHER;
            }
            if (CODE_PARTS.contains(parts.get(parts.size() - 1)) || CODE_COMMENTS.stream().anyMatch(c::contains)) {
                return ColumnRole.CODE;
            }
            if (parts.get(parts.size() - 1).equals("name") || parts.get(parts.size() - 1).equals("title")
                    || NAME_COMMENTS.stream().anyMatch(c::contains)) {
                return ColumnRole.NAME;
            }
            boolean longText = probe.baseType().equals("text") || length(column.dataType()) > 500;
            return longText ? ColumnRole.OTHER : ColumnRole.CATEGORY;
        }
        return ColumnRole.OTHER;
    }

    /** What a measure counts, from its comment and name. */
    public static MeasureKind measureKind(ColumnInfo column, String comment) {
        String c = comment == null ? "" : comment;
        List<String> parts = Arrays.asList(column.name().toLowerCase(Locale.ROOT).split("_+"));
        if (AMOUNT_COMMENTS.stream().anyMatch(c::contains)) {
            return MeasureKind.AMOUNT;
        }
        if (COUNT_COMMENTS.stream().anyMatch(c::contains)) {
            return MeasureKind.COUNT;
        }
        if (parts.stream().anyMatch(COUNT_PARTS::contains)) {
            return MeasureKind.COUNT;
        }
        if (parts.stream().anyMatch(AMOUNT_PARTS::contains)) {
            return MeasureKind.AMOUNT;
        }
        return MeasureKind.OTHER;
    }

    private static int length(String dataType) {
        Matcher m = LENGTH.matcher(dataType == null ? "" : dataType);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
