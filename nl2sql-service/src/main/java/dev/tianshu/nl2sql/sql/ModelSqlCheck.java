package dev.tianshu.nl2sql.sql;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import dev.tianshu.common.sql.SqlNodes;
import dev.tianshu.common.sql.ReadOnlySql;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Checks SQL written for a conversation's semantic model — by the LLM, or adapted from stored examples — before it is
 * ever answered: it must be ONE read-only query ({@link ReadOnlySql}: a SELECT, WITH … SELECT or a set operation of
 * selects, nothing that writes, locks or calls a dangerous function), every table it reads must be a table of the
 * model, and every column it names must be a column of a table (or sub-query, CTE) in scope where it is named.
 *
 * <p>The problem, when there is one, is a short sentence meant to be handed back to the LLM to repair its answer,
 * e.g. {@code unknown column "foo" (table bss_car_day_count has: id, count_date, …)}.
 *
 * <p><b>Dialects.</b> {@link ReadOnlySql} lexes SQL by PostgreSQL's rules. For the model types that quote
 * identifiers with backticks (mysql, clickhouse, impala) the text is first rewritten token by token into the same
 * query spelled for PostgreSQL's lexer ({@link DialectText}): backtick identifiers become double-quoted ones,
 * double-quoted strings (mysql, impala) and backslash escapes become plain {@code '…'} literals, comments become
 * blanks; anything whose reading differs between that dialect and PostgreSQL (MySQL's executable comments
 * {@code /*! … *&#47;}, {@code --} without a following space, nested comments, {@code $} quoting) is refused. The
 * rewritten text is only checked; the SQL itself is answered as it was written.
 *
 * <p><b>Names.</b> The statement is parsed with JSqlParser; {@link TablesNamesFinder} lists the tables it reads
 * (CTE names excepted), then a walk of the syntax tree resolves every column: qualified ones through the aliases
 * and table names of the FROM clause (and of enclosing queries, for correlated sub-queries); unqualified ones
 * against every table in scope, the select list's aliases, CTE and sub-query output columns, and a few bare
 * keywords JSqlParser reads as columns ({@code DAY} in {@code TIMESTAMPDIFF(DAY, …)}, {@code CURRENT_DATE}, …).
 * Expressions are walked over the model's fields, so every clause — window definitions, CASE, INTERVAL, function
 * arguments, sub-queries in any position — is reached. Names compare case-insensitively, quoted or not.
 *
 * <p>Thread-safe; never throws.
 */
public final class ModelSqlCheck {

    /** Bare words JSqlParser may read as a column that are keywords of the dialects (when no column has the name). */
    static final Set<String> BARE_KEYWORDS = Set.of(
            "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "sysdate",
            "true", "false", "null", "unknown");

    /**
     * Date and time units, keywords where a function takes one as an argument ({@code TIMESTAMPDIFF(DAY, a, b)},
     * {@code DATE_TRUNC(month, d)}); JSqlParser reads them as columns. Accepted there only.
     */
    static final Set<String> UNITS = Set.of(
            "year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond",
            "nanosecond", "dayofweek", "dayofyear", "epoch", "isoyear", "isodow", "year_month", "day_hour",
            "day_minute", "day_second", "hour_minute", "hour_second", "minute_second");

    /**
     * Functions the other dialects offer that a query over the model must not call (PostgreSQL's are refused by
     * {@link ReadOnlySql}): sleeping and locks (denial of service), reading server files, other servers or
     * dictionaries outside the model. An entry ending in {@code *} matches every name starting with the rest.
     */
    static final Set<String> FORBIDDEN_FUNCTIONS = Set.of(
            "sleep", "sleepeachrow", "benchmark", "get_lock", "release_lock", "release_all_locks", "is_free_lock",
            "is_used_lock", "master_pos_wait", "source_pos_wait", "load_file", "sys_exec", "sys_eval",
            "dictget*", "dicthas", "dictisin", "joinget*", "file", "url", "remote", "remotesecure", "s3", "hdfs",
            "jdbc", "odbc", "executable", "input", "getsetting");

    private static final int MAX_LISTED_COLUMNS = 40;

    private ModelSqlCheck() {
    }

    /**
     * Empty when {@code sql} is one read-only query over {@code model}'s tables and columns; otherwise what is wrong
     * with it, in a sentence fit to send back to the LLM.
     */
    public static Optional<String> problem(String sql, SemanticModel model) {
        try {
            return Optional.ofNullable(check(sql, model));
        } catch (StackOverflowError e) {
            return Optional.of("the query is nested too deeply to be checked");
        } catch (RuntimeException e) {
            return Optional.of("the query could not be checked: " + shorten(String.valueOf(e.getMessage())));
        }
    }

    private static String check(String sql, SemanticModel model) {
        if (sql == null || sql.isBlank()) {
            return "the SQL is empty";
        }
        String text = sql;
        if (!"postgresql".equals(model.dialect())) {
            DialectText.Result lexed = DialectText.toPostgres(sql, model.dialect());
            if (lexed.error() != null) {
                return lexed.error();
            }
            text = lexed.text();
        }
        // one read-only SELECT, parsed once: the model check goes on from ReadOnlySql's statement
        ReadOnlySql.Checked checked = ReadOnlySql.checkParsed(text);
        if (!checked.verdict().allowed()) {
            return checked.verdict().message();
        }
        Statement statement = checked.statement();
        if (!(statement instanceof Select select)) {
            return "only a single SELECT query is allowed";
        }
        String tables = tables(statement, model);
        if (tables != null) {
            return tables;
        }
        Checker checker = new Checker(model);
        checker.query(select, null);
        return checker.problem;
    }

    /** The tables TablesNamesFinder sees (CTE names excluded) must all be model tables, without a schema. */
    private static String tables(Statement statement, SemanticModel model) {
        Set<String> names;
        try {
            names = new TablesNamesFinder<Void>().getTables(statement);
        } catch (RuntimeException e) {
            // some node types are not supported by the finder; the walk below checks every table reference too
            return null;
        }
        for (String name : names) {
            String plain = unquoteParts(name);
            if (plain.contains(".")) {
                return "table \"" + plain + "\" is not in the model: use the model's table names, without a "
                        + "database or schema (" + modelTables(model) + ")";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // scopes

    /** A table, sub-query or CTE a column can come from. {@code columns} lower-case name → name; open: any. */
    private record Source(String label, Map<String, String> columns, boolean open) {

        static Source of(String label, Collection<String> names) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (String n : names) {
                columns.putIfAbsent(key(n), n);
            }
            return new Source(label, columns, false);
        }

        static Source open(String label) {
            return new Source(label, Map.of(), true);
        }

        boolean has(String column) {
            return open || columns.containsKey(key(column));
        }

        String describe() {
            if (open) {
                return label;
            }
            List<String> names = new ArrayList<>(columns.values());
            String list = names.size() <= MAX_LISTED_COLUMNS ? String.join(", ", names)
                    : String.join(", ", names.subList(0, MAX_LISTED_COLUMNS)) + ", …";
            return label + " has: " + list;
        }
    }

    /** The names visible in one query level; {@code parent} is the enclosing query's (correlated references). */
    private static final class Scope {
        final Scope parent;
        /** alias (or table name when unaliased) → source */
        final Map<String, Source> named = new LinkedHashMap<>();
        final List<Source> sources = new ArrayList<>();
        /** table name → alias, for the hint "bss_x is aliased as t here" */
        final Map<String, String> aliasOf = new LinkedHashMap<>();
        final Map<String, Source> ctes = new LinkedHashMap<>();
        final Set<String> selectAliases = new java.util.HashSet<>();
        final Set<String> lambdaNames = new java.util.HashSet<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Source cte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Source cte = s.ctes.get(key(name));
                if (cte != null) {
                    return cte;
                }
            }
            return null;
        }

        void add(String name, Source source) {
            sources.add(source);
            if (name != null) {
                named.putIfAbsent(key(name), source);
            }
        }
    }

    /** The columns a query yields; open when not all of them are known. */
    private record Output(List<String> names, boolean open) {

        Source asSource(String label) {
            return open ? Source.open(label) : Source.of(label, names);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the walk

    private static final class Checker {

        private static final Set<String> SELECT_FIELDS_DONE = Set.of("withItemsList", "fromItem", "joins",
                "intoTables", "intoTempTable", "forUpdateTable", "alias", "selectItems");

        final SemanticModel model;
        final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        /** columns that are a function's direct argument (where a bare unit keyword may stand) */
        final Set<Object> functionArguments = Collections.newSetFromMap(new IdentityHashMap<>());
        String problem;

        Checker(SemanticModel model) {
            this.model = model;
        }

        void fail(String message) {
            if (problem == null) {
                problem = message;
            }
        }

        /** Checks a query (with its WITH list) in the context of {@code outer}; the columns it yields. */
        Output query(Select select, Scope outer) {
            if (problem != null || !seen.add(select)) {
                return new Output(List.of(), true);
            }
            Scope context = outer;
            List<WithItem<?>> with = select.getWithItemsList();
            if (with != null && !with.isEmpty()) {
                context = new Scope(outer);
                for (WithItem<?> item : with) {
                    cte(item, context);
                }
            }
            if (select.getPivot() != null || select.getUnPivot() != null) {
                fail("PIVOT/UNPIVOT is not supported");
            }
            if (select instanceof PlainSelect plain) {
                return plain(plain, context);
            }
            if (select instanceof SetOperationList set) {
                Output first = null;
                for (Select branch : set.getSelects()) {
                    Output out = query(branch, context);
                    if (first == null) {
                        first = out;
                    }
                }
                Output result = first == null ? new Output(List.of(), true) : first;
                tail(select, context, result);
                return result;
            }
            if (select instanceof ParenthesedSelect parenthesed) {
                Output out = query(parenthesed.getSelect(), context);
                tail(select, context, out);
                return out;
            }
            if (select instanceof Values values) {
                walk(values.getExpressions(), context == null ? new Scope(null) : context);
                return new Output(List.of(), true);
            }
            fail("unsupported query form: " + select.getClass().getSimpleName());
            return new Output(List.of(), true);
        }

        /** ORDER BY / LIMIT / OFFSET / FETCH of a set operation or parenthesised query: over its output columns. */
        private void tail(Select select, Scope context, Output output) {
            Scope scope = new Scope(context);
            scope.add(null, output.asSource("the query's result"));
            walk(select.getOrderByElements(), scope);
            walk(select.getLimit(), scope);
            walk(select.getOffset(), scope);
            walk(select.getFetch(), scope);
        }

        private void cte(WithItem<?> item, Scope context) {
            String name = unquote(item.getAliasName());
            ParenthesedSelect body = item.getSelect();
            if (body == null) {
                fail("WITH \"" + name + "\" must be a SELECT");
                return;
            }
            List<String> declared = null;
            if (item.getWithItemList() != null && !item.getWithItemList().isEmpty()) {
                declared = new ArrayList<>();
                for (SelectItem<?> column : item.getWithItemList()) {
                    declared.add(unquote(String.valueOf(column.getExpression())));
                }
            }
            String label = "CTE " + name;
            // a recursive CTE may name itself: visible while its body is checked
            context.ctes.put(key(name), declared != null ? Source.of(label, declared) : Source.open(label));
            Output out = query(body, context);
            context.ctes.put(key(name), declared != null ? Source.of(label, declared) : out.asSource(label));
        }

        private Output plain(PlainSelect select, Scope context) {
            Scope scope = new Scope(context);
            List<Join> joins = new ArrayList<>();
            if (select.getFromItem() != null) {
                from(select.getFromItem(), scope, context, joins);
            }
            if (select.getJoins() != null) {
                for (Join join : select.getJoins()) {
                    from(join.getFromItem(), scope, context, joins);
                    joins.add(join);
                }
            }
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null) {
                    scope.selectAliases.add(key(unquote(item.getAlias().getName())));
                }
            }
            for (Join join : joins) {
                walk(join.getOnExpressions(), scope);
                for (Column using : join.getUsingColumns()) {
                    String name = unquote(using.getColumnName());
                    if (scope.sources.stream().noneMatch(s -> s.has(name))) {
                        fail("unknown column \"" + name + "\" in USING (" + describeAll(scope) + ")");
                    }
                }
            }
            List<String> names = new ArrayList<>();
            boolean open = false;
            for (SelectItem<?> item : select.getSelectItems()) {
                Expression expression = item.getExpression();
                walk(expression, scope);
                if (item.getAlias() != null) {
                    names.add(unquote(item.getAlias().getName()));
                } else if (expression instanceof AllTableColumns all) {
                    Source source = qualifier(all.getTable(), scope, all.toString());
                    if (source == null || source.open()) {
                        open = true;
                    } else {
                        names.addAll(source.columns().values());
                    }
                } else if (expression instanceof AllColumns) {
                    for (Source source : scope.sources) {
                        open |= source.open();
                        names.addAll(source.columns().values());
                    }
                } else if (expression instanceof Column column) {
                    names.add(unquote(column.getColumnName()));
                } else {
                    names.add(String.valueOf(expression));
                }
            }
            // every other part of the select: WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY, windows, LIMIT, …
            walkFields(select, scope, SELECT_FIELDS_DONE);
            return new Output(names, open);
        }

        /** Adds a FROM item (and, for a parenthesised join, its parts) to {@code scope}. */
        private void from(FromItem item, Scope scope, Scope context, List<Join> joins) {
            if (item instanceof Table table) {
                if (table.getPivot() != null || table.getUnPivot() != null) {
                    fail("PIVOT/UNPIVOT is not supported");
                }
                String alias = aliasName(table.getAlias());
                Source source = table(table, scope);
                if (source != null) {
                    String name = unquote(table.getName());
                    scope.add(alias != null ? alias : name, source);
                    if (alias != null) {
                        scope.aliasOf.put(key(name), alias);
                    }
                }
            } else if (item instanceof LateralSubSelect lateral) {
                Output out = query(lateral, scope);
                addDerived(lateral.getAlias(), out, scope);
            } else if (item instanceof ParenthesedSelect parenthesed) {
                Output out = query(parenthesed, context);
                addDerived(parenthesed.getAlias(), out, scope);
            } else if (item instanceof ParenthesedFromItem parenthesed) {
                from(parenthesed.getFromItem(), scope, context, joins);
                if (parenthesed.getJoins() != null) {
                    for (Join join : parenthesed.getJoins()) {
                        from(join.getFromItem(), scope, context, joins);
                        joins.add(join);
                    }
                }
            } else if (item instanceof TableFunction function) {
                String name = function.getFunction() != null ? function.getFunction().getName() : function.getName();
                fail("table function \"" + name + "\" is not allowed: query the model's tables ("
                        + modelTables(model) + ")");
            } else if (item instanceof Values values) {
                walk(values.getExpressions(), scope);
                addDerived(values.getAlias(), new Output(List.of(), true), scope);
            } else {
                fail("unsupported FROM item: " + item);
            }
        }

        private void addDerived(Alias alias, Output out, Scope scope) {
            String name = aliasName(alias);
            String label = name == null ? "the sub-query" : "sub-query " + name;
            Source source = out.asSource(label);
            if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                List<String> names = new ArrayList<>();
                for (Alias.AliasColumn column : alias.getAliasColumns()) {
                    names.add(unquote(column.name));
                }
                source = Source.of(label, names);
            }
            scope.add(name, source);
        }

        /** The source a table reference of a FROM clause reads: a CTE in scope or a model table; null if neither. */
        private Source table(Table table, Scope scope) {
            String full = unquoteParts(table.getFullyQualifiedName());
            if (table.getNameParts().size() > 1) {
                fail("table \"" + full + "\" is not in the model: use the model's table names, without a database "
                        + "or schema (" + modelTables(model) + ")");
                return null;
            }
            String name = unquote(table.getName());
            Source cte = scope.cte(name);
            if (cte != null) {
                return cte;
            }
            Optional<SemanticModel.Table> modelTable = model.table(name);
            if (modelTable.isEmpty()) {
                fail("unknown table \"" + name + "\" (the model has: " + modelTables(model) + ")");
                return null;
            }
            return Source.of("table " + modelTable.get().tableName(),
                    modelTable.get().columns().stream().map(SemanticModel.Column::columnName).toList());
        }

        /** The source a qualifier ({@code t} of {@code t.col} or {@code t.*}) names, searching outwards. */
        private Source qualifier(Table table, Scope scope, String reference) {
            String full = unquoteParts(table.getFullyQualifiedName());
            if (table.getNameParts().size() > 1) {
                fail("\"" + reference + "\": refer to columns as alias.column or table.column, without a database "
                        + "or schema");
                return null;
            }
            String name = unquote(table.getName());
            for (Scope s = scope; s != null; s = s.parent) {
                Source source = s.named.get(key(name));
                if (source != null) {
                    return source;
                }
            }
            String hint = "";
            for (Scope s = scope; s != null; s = s.parent) {
                String alias = s.aliasOf.get(key(name));
                if (alias != null) {
                    hint = ": table " + name + " is aliased as \"" + alias + "\" here";
                    break;
                }
            }
            if (hint.isEmpty()) {
                List<String> visible = new ArrayList<>();
                for (Scope s = scope; s != null; s = s.parent) {
                    s.named.keySet().forEach(visible::add);
                }
                hint = visible.isEmpty() ? ": no table is in scope here"
                        : " (tables and aliases in scope: " + String.join(", ", visible) + ")";
            }
            fail("unknown table or alias \"" + full + "\" in \"" + reference + "\"" + hint);
            return null;
        }

        private void column(Column column, Scope scope) {
            String name = unquote(column.getColumnName());
            Table table = column.getTable();
            if (table != null && table.getName() != null && !table.getName().isEmpty()) {
                Source source = qualifier(table, scope, unquoteParts(column.getFullyQualifiedName()));
                if (source != null && !source.has(name)) {
                    fail("unknown column \"" + unquoteParts(column.getFullyQualifiedName()) + "\" ("
                            + source.describe() + ")");
                }
                return;
            }
            for (Scope s = scope; s != null; s = s.parent) {
                if (s.lambdaNames.contains(key(name)) || s.selectAliases.contains(key(name))) {
                    return;
                }
                for (Source source : s.sources) {
                    if (source.has(name)) {
                        return;
                    }
                }
            }
            if (BARE_KEYWORDS.contains(key(name))
                    || (UNITS.contains(key(name)) && functionArguments.contains(column))) {
                return;
            }
            fail("unknown column \"" + name + "\" (" + describeAll(scope) + ")");
        }

        private static String describeAll(Scope scope) {
            List<String> parts = new ArrayList<>();
            for (Scope s = scope; s != null; s = s.parent) {
                for (Source source : s.sources) {
                    parts.add(source.describe());
                }
            }
            return parts.isEmpty() ? "no table is in scope here" : String.join("; ", parts);
        }

        /** Walks an expression (or any part of a query) in {@code scope}. */
        void walk(Object node, Scope scope) {
            if (node == null || problem != null || SqlNodes.isLeaf(node)) {
                return;
            }
            if (SqlNodes.forEachElement(node, element -> walk(element, scope))) {
                return;
            }
            String type = node.getClass().getName();
            if (!type.startsWith("net.sf.jsqlparser.") || type.startsWith("net.sf.jsqlparser.parser.")) {
                return;
            }
            if (node instanceof Select select) {
                query(select, scope);
                return;
            }
            if (!seen.add(node)) {
                return;
            }
            if (node instanceof Column column) {
                column(column, scope);
                return;
            }
            if (node instanceof AllTableColumns all) {
                qualifier(all.getTable(), scope, all.toString());
                return;
            }
            if (node instanceof Table table) {
                // a table anywhere but in FROM (JSqlParser keeps few there): it must still be known
                table(table, scope);
                return;
            }
            if (node instanceof Function function) {
                String name = lastPart(function.getName());
                if (forbidden(name)) {
                    fail("function \"" + name + "\" is not allowed");
                    return;
                }
                if (function.getParameters() != null) {
                    for (Expression argument : function.getParameters()) {
                        if (argument instanceof Column) {
                            functionArguments.add(argument);
                        }
                    }
                }
            }
            if (node instanceof LambdaExpression lambda) {
                Scope inner = new Scope(scope);
                lambda.getIdentifiers().forEach(id -> inner.lambdaNames.add(key(unquote(id))));
                walk(lambda.getExpression(), inner);
                return;
            }
            walkFields(node, scope, Set.of());
        }

        private void walkFields(Object node, Scope scope, Set<String> skip) {
            for (Field field : SqlNodes.fields(node.getClass())) {
                if (skip.contains(field.getName())) {
                    continue;
                }
                walk(SqlNodes.value(field, node), scope);
            }
        }
    }

    static boolean forbidden(String function) {
        if (function == null) {
            return false;
        }
        String name = key(unquote(function));
        for (String entry : FORBIDDEN_FUNCTIONS) {
            if (entry.endsWith("*") ? name.startsWith(entry.substring(0, entry.length() - 1)) : name.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // names

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String aliasName(Alias alias) {
        return alias == null || alias.getName() == null ? null : unquote(alias.getName());
    }

    /** An identifier without its quotes ({@code "x"}, {@code `x`}, {@code [x]}); doubled quotes undone. */
    static String unquote(String identifier) {
        if (identifier == null) {
            return "";
        }
        String s = identifier.strip();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
                String q = String.valueOf(first);
                return s.substring(1, s.length() - 1).replace(q + q, q);
            }
            if (first == '[' && last == ']') {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /** A dotted name with each part unquoted (quotes of a part never contain a dot in model names). */
    private static String unquoteParts(String name) {
        if (name == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quote != 0) {
                part.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
                part.append(c);
            } else if (c == '.') {
                parts.add(unquote(part.toString()));
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(unquote(part.toString()));
        return String.join(".", parts);
    }

    private static String lastPart(String name) {
        String plain = unquoteParts(name);
        int dot = plain.lastIndexOf('.');
        return dot < 0 ? plain : plain.substring(dot + 1);
    }

    private static String modelTables(SemanticModel model) {
        List<String> names = model.tables().stream().map(SemanticModel.Table::tableName).toList();
        return names.size() <= MAX_LISTED_COLUMNS ? String.join(", ", names)
                : String.join(", ", names.subList(0, MAX_LISTED_COLUMNS)) + ", …";
    }

    private static String shorten(String message) {
        String line = message.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl);
        }
        line = line.replaceFirst("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    // ---------------------------------------------------------------------------------------------------------
    // dialects

    /**
     * Rewrites SQL of a backtick-quoting dialect (mysql, clickhouse, impala) into the same tokens as PostgreSQL's
     * lexer reads them, for checking only: {@code `name`} becomes {@code "name"}; string literals (with backslash
     * escapes, and — in mysql and impala — double-quoted ones) become plain {@code '…'} literals whose content has no
     * backslash; comments become blanks (line breaks kept). Refused, because the dialect and PostgreSQL would not
     * split the text the same way: MySQL's executable comments ({@code /*!}, {@code /*M!}), {@code --} not followed
     * by a blank in MySQL, a comment opening inside a block comment, {@code $} outside a MySQL identifier, a
     * backslash outside a literal, {@code #} outside MySQL, unterminated literals and comments.
     */
    static final class DialectText {

        record Result(String text, String error) {
        }

        private DialectText() {
        }

        static Result toPostgres(String sql, String dialect) {
            boolean mysql = "mysql".equals(dialect);
            boolean doubleQuotedStrings = mysql || "impala".equals(dialect);
            StringBuilder out = new StringBuilder(sql.length() + 16);
            int n = sql.length();
            int i = 0;
            while (i < n) {
                char c = sql.charAt(i);
                char next = i + 1 < n ? sql.charAt(i + 1) : 0;
                if (c == '\'' || (c == '"' && doubleQuotedStrings)) {
                    int end = literalEnd(sql, i);
                    if (end < 0) {
                        return error("unterminated string literal (missing " + c + ")");
                    }
                    out.append('\'').append(plainBody(sql, i + 1, end - 1, c)).append('\'');
                    i = end;
                } else if (c == '"') {
                    int end = literalEnd(sql, i);
                    if (end < 0) {
                        return error("unterminated quoted identifier (missing \")");
                    }
                    String body = decoded(sql, i + 1, end - 1, '"');
                    if (body.isEmpty()) {
                        return error("empty quoted identifier");
                    }
                    out.append('"').append(body.replace("\"", "\"\"")).append('"');
                    i = end;
                } else if (c == '`') {
                    StringBuilder body = new StringBuilder();
                    int j = i + 1;
                    while (true) {
                        if (j >= n) {
                            return error("unterminated identifier (missing `)");
                        }
                        char x = sql.charAt(j);
                        if (x == '`') {
                            if (j + 1 < n && sql.charAt(j + 1) == '`') {
                                body.append('`');
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        body.append(x);
                        j++;
                    }
                    if (body.length() == 0) {
                        return error("empty identifier ``");
                    }
                    out.append('"').append(body.toString().replace("\"", "\"\"")).append('"');
                    i = j + 1;
                } else if (c == '-' && next == '-') {
                    char after = i + 2 < n ? sql.charAt(i + 2) : ' ';
                    if (mysql && !Character.isWhitespace(after)) {
                        return error("\"--\" must be followed by a space (a comment) or written \"- -\"");
                    }
                    i = blankLine(sql, i, out);
                } else if (c == '#') {
                    if (!mysql) {
                        return error("unexpected character #");
                    }
                    i = blankLine(sql, i, out);
                } else if (c == '/' && next == '*') {
                    if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                        return error("executable comments (/*! … */) are not allowed");
                    }
                    int close = sql.indexOf("*/", i + 2);
                    if (close < 0) {
                        return error("unterminated comment (missing */)");
                    }
                    if (sql.substring(i + 2, close).contains("/*")) {
                        return error("nested comments are not allowed");
                    }
                    for (int k = i; k < close + 2; k++) {
                        char x = sql.charAt(k);
                        out.append(x == '\n' || x == '\r' ? x : ' ');
                    }
                    i = close + 2;
                } else if (c == '$') {
                    char before = out.length() == 0 ? ' ' : out.charAt(out.length() - 1);
                    if (!mysql || !(Character.isLetterOrDigit(before) || before == '_')) {
                        return error("unexpected character $");
                    }
                    out.append(c);
                    i++;
                } else if (c == '\\') {
                    return error("unexpected backslash outside a string literal");
                } else {
                    out.append(c);
                    i++;
                }
            }
            return new Result(out.toString(), null);
        }

        private static Result error(String message) {
            return new Result(null, message);
        }

        /** The index after the closing quote of the literal opening at {@code start}; -1 if unterminated. */
        private static int literalEnd(String sql, int start) {
            char quote = sql.charAt(start);
            int j = start + 1;
            while (j < sql.length()) {
                char x = sql.charAt(j);
                if (x == '\\') {
                    j += 2;
                    continue;
                }
                if (x == quote) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return -1;
        }

        /** The content of a literal between {@code from} and {@code to}, escapes and doubled quotes resolved. */
        private static String decoded(String sql, int from, int to, char quote) {
            StringBuilder b = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                char x = sql.charAt(k);
                if (x == '\\' && k + 1 < to) {
                    b.append(sql.charAt(++k));
                } else if (x == quote && k + 1 < to && sql.charAt(k + 1) == quote) {
                    b.append(quote);
                    k++;
                } else {
                    b.append(x);
                }
            }
            return b.toString();
        }

        /** A literal's content as the body of a plain PostgreSQL literal: quotes doubled, no backslashes. */
        private static String plainBody(String sql, int from, int to, char quote) {
            return decoded(sql, from, to, quote).replace('\\', '/').replace("'", "''");
        }

        private static int blankLine(String sql, int i, StringBuilder out) {
            int j = i;
            while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                out.append(' ');
                j++;
            }
            return j;
        }
    }
}
