package dev.tianshu.pipeline.step.qa.builtin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tianshu.pipeline.model.ColumnInfo;
import dev.tianshu.pipeline.model.TableDoc;
import dev.tianshu.pipeline.model.TableRef;
import dev.tianshu.pipeline.step.qa.SchemaDocs;

/**
 * The tables of a task with their meaning and the foreign keys between them (only keys whose target is another table
 * of the task count). Built from {@link SchemaDocs}; deterministic for the same input.
 */
public final class SchemaSemantics {

    private final String businessContext;
    private final List<TableSemantics> tables;
    private final Map<TableRef, TableSemantics> byRef = new LinkedHashMap<>();

    private SchemaSemantics(String businessContext, List<TableSemantics> tables) {
        this.businessContext = businessContext;
        this.tables = tables;
        tables.forEach(t -> byRef.putIfAbsent(t.ref(), t));
    }

    public static SchemaSemantics of(SchemaDocs docs, String businessContext) {
        List<TableDoc> tableDocs = docs.tables() == null ? List.of() : docs.tables();
        Map<TableRef, String> labels = TableLabels.of(tableDocs, businessContext);
        List<TableSemantics> tables = new ArrayList<>();
        for (TableDoc doc : tableDocs) {
            tables.add(TableSemantics.of(doc, labels.get(doc.table().ref())));
        }
        SchemaSemantics schema = new SchemaSemantics(businessContext, List.copyOf(tables));
        schema.assignAliases();
        schema.linkForeignKeys();
        return schema;
    }

    public String businessContext() {
        return businessContext == null || businessContext.isBlank() ? "数据库管理系统" : businessContext.strip();
    }

    public List<TableSemantics> tables() {
        return tables;
    }

    /** A table by {@code schema.name}, or by {@code name} for public tables. */
    public Optional<TableSemantics> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.strip().replace("\"", "");
        for (TableSemantics t : tables) {
            if (t.ref().qualified().equals(n) || (t.ref().schema().equals("public") && t.ref().name().equals(n))) {
                return Optional.of(t);
            }
        }
        return tables.stream().filter(t -> t.ref().name().equals(n)).findFirst();
    }

    /** The foreign keys that point at {@code parent}, in table order. */
    public List<ForeignLink> children(TableSemantics parent) {
        List<ForeignLink> links = new ArrayList<>();
        for (TableSemantics t : tables) {
            for (ForeignLink l : t.parents()) {
                if (l.parent().equals(parent)) {
                    links.add(l);
                }
            }
        }
        return links;
    }

    private void linkForeignKeys() {
        for (TableSemantics t : tables) {
            for (ColumnSemantics c : t.columns()) {
                ColumnInfo info = c.column();
                if (info.foreignKey() == null) {
                    continue;
                }
                TableSemantics parent = byRef.get(info.foreignKey().table());
                if (parent != null && !parent.equals(t)) {
                    t.addParent(new ForeignLink(t, c, parent, info.foreignKey().referencedColumn()));
                }
            }
        }
    }

    /**
     * Initials of the name's parts ({@code bss_service_area} → {@code sa} when every table starts with
     * {@code bss_}), made unique in the schema and never a key word.
     */
    private void assignAliases() {
        Map<String, Integer> firstParts = new LinkedHashMap<>();
        for (TableSemantics t : tables) {
            firstParts.merge(TableSemantics.parts(t.ref().name()).get(0), 1, Integer::sum);
        }
        Set<String> used = new HashSet<>();
        for (TableSemantics t : tables) {
            List<String> parts = new ArrayList<>(TableSemantics.parts(t.ref().name()));
            parts.removeIf(String::isEmpty);
            if (parts.size() > 1 && firstParts.get(parts.get(0)) * 2 > tables.size()) {
                parts.remove(0);
            }
            StringBuilder initials = new StringBuilder();
            for (String p : parts) {
                char ch = p.charAt(0);
                if (ch >= 'a' && ch <= 'z') {
                    initials.append(ch);
                }
            }
            String base = initials.length() == 0 ? "t" : initials.toString();
            if (parts.size() == 1 && parts.get(0).length() >= 2 && parts.get(0).matches("[a-z]+")
                    && used.contains(base)) {
                base = parts.get(0).substring(0, 2);
            }
            String alias = base;
            for (int i = 2; used.contains(alias) || !SqlText.identifier(alias).equals(alias) || isKeyword(alias); i++) {
                alias = base + i;
            }
            used.add(alias);
            t.alias(alias);
        }
    }

    private static boolean isKeyword(String alias) {
        return Set.of("as", "at", "by", "do", "if", "in", "is", "of", "on", "or", "to", "no", "go").contains(alias);
    }
}
