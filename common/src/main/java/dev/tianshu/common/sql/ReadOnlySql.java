package dev.tianshu.common.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Block;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.DeclareStatement;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.IfElseStatement;
import net.sf.jsqlparser.statement.PurgeStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterSession;
import net.sf.jsqlparser.statement.alter.AlterSystemStatement;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.show.ShowIndexStatement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Decides whether a piece of SQL is one read-only PostgreSQL {@code SELECT} — the gate for training data (a
 * question–SQL pair must hold exactly one read-only query) and for generated text-to-SQL (only queries may run).
 *
 * <p>The decision is made on the syntax tree built by JSqlParser, never by matching keywords in the text:
 * <ol>
 *     <li><b>PostgreSQL lexical layer.</b> JSqlParser's lexer does not split text exactly like PostgreSQL's (it knows
 *     no nested block comments, no {@code E'\''} escape strings, treats {@code $$…$$} as an identifier,
 *     {@code //} as a comment, backticks as quotes, and {@code #}/{@code @} as identifier characters). Such differences
 *     would let text that PostgreSQL executes hide inside what JSqlParser takes for a comment or a literal. So the
 *     input is first tokenised with PostgreSQL's rules ({@link PgLexer}): comments become blanks, every string
 *     literal (escape, dollar-quoted, Unicode, bit strings) is rewritten as a plain {@code '…'} literal,
 *     identifiers containing {@code $} are quoted, and constructs whose meaning depends on server settings or on
 *     lexer differences are refused. JSqlParser then parses text whose token boundaries are PostgreSQL's own.</li>
 *     <li><b>Parse</b> with JSqlParser (with a time-out and an input length limit); the input must be exactly one
 *     statement and that statement a {@code SELECT} (plain, set operation, parenthesised, {@code WITH [RECURSIVE]}).</li>
 *     <li><b>Walk the whole tree</b>: every node reachable from the statement — CTEs, sub-queries in any clause,
 *     set-operation branches, lateral joins, window definitions, function arguments… — is visited (see
 *     {@link TreeScan} for why this is done over the model's fields instead of JSqlParser's visitor adapters), and
 *     the query is refused if it contains a data-modifying statement (e.g. {@code WITH d AS (DELETE … RETURNING *)}),
 *     {@code SELECT … INTO}, a locking clause ({@code FOR UPDATE/SHARE/…}) or a call of a function in
 *     {@link #FORBIDDEN_FUNCTIONS}.</li>
 * </ol>
 *
 * <p>This is a guard in front of, not a replacement for, a read-only database role and a statement time-out on the
 * connection that finally runs the SQL.
 *
 * <p>{@link #check(String)} is thread-safe and never throws. The tree walk reads JSqlParser's model through
 * reflection, which needs the parser on the class path (as in Quarkus JVM mode); if that ever fails the SQL is
 * refused, never allowed.
 */
public final class ReadOnlySql {

    /** Longest SQL text checked; longer input is refused with {@link Kind#TOO_LONG}. */
    public static final int MAX_LENGTH = 100_000;

    /** Time JSqlParser may spend on one parse attempt before the SQL is refused as unparsable. */
    public static final long PARSE_TIMEOUT_MILLIS = 3_000;

    /**
     * Functions a read-only query may not call, matched case-insensitively on the last part of the function name
     * (so {@code pg_catalog.pg_sleep} and {@code "PG_SLEEP"} match too). An entry ending in {@code *} matches every
     * name starting with the part before it. Why each group is here:
     * <ul>
     *     <li>denial of service: sleeping, blocking on locks, killing or cancelling other sessions;</li>
     *     <li>side effects a SELECT must not have: sequences, configuration, notifications, WAL, replication slots,
     *     statistics resets, transaction ids, large objects (which also write server files);</li>
     *     <li>exfiltration and escapes from the query's own scope: reading server files and directories, connecting
     *     to other databases ({@code dblink}), and functions that run SQL handed to them as text
     *     ({@code query_to_xml}, {@code ts_stat}, …) — that SQL is never seen by this check and may even modify
     *     data.</li>
     * </ul>
     */
    public static final Set<String> FORBIDDEN_FUNCTIONS = Set.of(
            // denial of service: sleeping, advisory locks, other sessions
            "pg_sleep", "pg_sleep_for", "pg_sleep_until",
            "pg_advisory_*", "pg_try_advisory_*",
            "pg_terminate_backend", "pg_cancel_backend", "pg_signal_backend",
            "pg_log_backend_memory_contexts",
            // connections to other servers / databases
            "dblink", "dblink_*",
            // server files and directories
            "pg_read_file", "pg_read_binary_file", "pg_ls_*", "pg_stat_file",
            "pg_file_*", "copy_*",
            // large objects: lo_import/lo_export read and write server files
            "lo_*", "loread", "lowrite",
            // server administration and side effects
            "pg_reload_conf", "pg_rotate_logfile", "set_config",
            "pg_switch_wal", "pg_switch_xlog", "pg_create_restore_point", "pg_logical_emit_message",
            "pg_create_*", "pg_drop_*", "pg_copy_*", "pg_replication_origin_*", "pg_logical_slot_*",
            "pg_replication_slot_advance", "pg_promote", "pg_wal_replay_*", "pg_backup_*",
            "pg_start_backup", "pg_stop_backup", "pg_stat_reset*", "pg_stat_statements_reset",
            "pg_import_system_collations", "pg_nextoid", "pg_extension_config_dump", "binary_upgrade_*",
            // sequences and transaction ids (writes)
            "nextval", "setval", "txid_current", "pg_current_xact_id",
            // notifications
            "pg_notify",
            // functions that execute SQL given as text, or dump whole tables / schemas / databases
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema",
            "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
            "cursor_to_xml", "cursor_to_xmlschema",
            "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema",
            "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema",
            "ts_stat", "ts_rewrite");

    /** What {@link #check(String)} found. */
    public enum Kind {
        /** One read-only SELECT. */
        ALLOWED,
        /** Null, blank, or nothing but comments. */
        EMPTY,
        /** Longer than {@link #MAX_LENGTH} characters. */
        TOO_LONG,
        /** Not valid SQL (for JSqlParser or for PostgreSQL's lexical rules), or parsing timed out. */
        UNPARSABLE,
        /** More than one statement. */
        MULTIPLE_STATEMENTS,
        /** UPDATE, DELETE, MERGE, UPSERT, REPLACE — also inside a CTE. */
        MODIFIES_DATA,
        /** DROP, ALTER, RENAME, COMMENT ON. */
        MODIFIES_SCHEMA,
        /** INSERT (also inside a CTE), SELECT … INTO. */
        INSERTS_DATA,
        /** TRUNCATE. */
        TRUNCATES,
        /** CREATE TABLE / VIEW / INDEX / FUNCTION / EXTENSION / …. */
        CREATES,
        /** GRANT, REVOKE. */
        GRANTS,
        /** COPY. */
        COPIES,
        /** SELECT … FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE, LOCK. */
        LOCKS,
        /** A call of a function in {@link #FORBIDDEN_FUNCTIONS}. */
        FORBIDDEN_FUNCTION,
        /** Any other statement that is not a SELECT: EXPLAIN, SET, SHOW, CALL, EXECUTE, VALUES, DO, VACUUM, …. */
        NOT_A_QUERY
    }

    /**
     * The outcome of a check.
     *
     * @param kind          what was found
     * @param message       a sentence for the user, in Chinese
     * @param statementType the offending (or, when allowed, the checked) statement's type such as {@code SELECT},
     *                      {@code INSERT}, {@code DROP}; for a data-modifying CTE the type of the CTE's statement;
     *                      {@code null} when not applicable (empty, too long, unparsable, several statements)
     */
    public record Verdict(Kind kind, String message, String statementType) {

        public Verdict {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        public boolean allowed() {
            return kind == Kind.ALLOWED;
        }

        /**
         * Whether the SQL is an UPDATE, DELETE, MERGE, DROP or ALTER (also as a data-modifying CTE) — the statements
         * the training-data API answers with one fixed message.
         */
        public boolean isUpdateDeleteDropOrAlter() {
            return (kind == Kind.MODIFIES_DATA || kind == Kind.MODIFIES_SCHEMA)
                    && statementType != null
                    && UPDATE_DELETE_DROP_ALTER.contains(statementType);
        }
    }

    private static final Set<String> UPDATE_DELETE_DROP_ALTER = Set.of("UPDATE", "DELETE", "MERGE", "DROP", "ALTER");

    /** Statement type → kind, for statements that are refused as a whole. Anything absent is NOT_A_QUERY. */
    private static final Map<String, Kind> KIND_OF_TYPE = Map.ofEntries(
            Map.entry("INSERT", Kind.INSERTS_DATA),
            Map.entry("UPDATE", Kind.MODIFIES_DATA),
            Map.entry("DELETE", Kind.MODIFIES_DATA),
            Map.entry("MERGE", Kind.MODIFIES_DATA),
            Map.entry("UPSERT", Kind.MODIFIES_DATA),
            Map.entry("REPLACE", Kind.MODIFIES_DATA),
            Map.entry("DROP", Kind.MODIFIES_SCHEMA),
            Map.entry("ALTER", Kind.MODIFIES_SCHEMA),
            Map.entry("RENAME", Kind.MODIFIES_SCHEMA),
            Map.entry("COMMENT", Kind.MODIFIES_SCHEMA),
            Map.entry("TRUNCATE", Kind.TRUNCATES),
            Map.entry("CREATE", Kind.CREATES),
            Map.entry("GRANT", Kind.GRANTS),
            Map.entry("REVOKE", Kind.GRANTS),
            Map.entry("COPY", Kind.COPIES),
            Map.entry("LOCK", Kind.LOCKS));

    /**
     * PostgreSQL commands JSqlParser cannot parse (it reports them as a syntax error or an "unsupported statement")
     * that are still recognised by their leading keyword, so that e.g. {@code COPY …} is reported as COPIES rather
     * than as a syntax error. The keyword only names the refusal; such statements are refused either way because the
     * parser did not produce a SELECT.
     */
    private static final Set<String> KNOWN_COMMANDS = Set.of(
            "ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT",
            "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXECUTE",
            "EXPLAIN", "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY",
            "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RENAME", "REPLACE", "RESET", "REVOKE", "ROLLBACK",
            "SAVEPOINT", "SECURITY", "SET", "SHOW", "START", "TRUNCATE", "UNLISTEN", "UPDATE", "UPSERT", "VACUUM");

    private static final ExecutorService PARSER_POOL = newParserPool();

    private ReadOnlySql() {
    }

    /**
     * Checks that {@code sql} is exactly one read-only SELECT. Thread-safe; never throws.
     */
    public static Verdict check(String sql) {
        return checkParsed(sql).verdict();
    }

    /** A verdict and, when the SQL is allowed, its parsed statement (for checks that go on from there). */
    public record Checked(Verdict verdict, Statement statement) {
    }

    /** Like {@link #check}, also giving the parsed statement when the SQL is allowed. Thread-safe; never throws. */
    public static Checked checkParsed(String sql) {
        Statement[] parsed = new Statement[1];
        Verdict verdict;
        try {
            verdict = doCheck(sql, parsed);
        } catch (Throwable e) {
            // fail closed, whatever happened
            verdict = new Verdict(Kind.UNPARSABLE, "SQL检查失败，无法确认该SQL是只读查询: " + describe(e), null);
        }
        return new Checked(verdict, verdict.allowed() ? parsed[0] : null);
    }

    private static Verdict doCheck(String sql, Statement[] parsed) {
        if (sql == null || sql.isBlank()) {
            return new Verdict(Kind.EMPTY, "SQL不能为空", null);
        }
        if (sql.length() > MAX_LENGTH) {
            return new Verdict(Kind.TOO_LONG,
                    "SQL过长: 共" + sql.length() + "个字符，最多允许" + MAX_LENGTH + "个字符", null);
        }
        PgLexer.Result lexed = PgLexer.normalize(sql);
        if (lexed.error() != null) {
            return unparsable(lexed.error());
        }
        String text = lexed.sql();
        if (lexed.statements() == 0) {
            return new Verdict(Kind.EMPTY, "SQL不能为空（只有注释或分号）", null);
        }

        Statements statements;
        try {
            statements = parse(text);
        } catch (JSQLParserException e) {
            return classifyUnparsable(lexed, e);
        } catch (RejectedExecutionException e) {
            return unparsable("SQL解析繁忙，请稍后重试");
        }
        if (statements == null || statements.isEmpty()) {
            // JSqlParser quirk: when the plain parse fails and the text nests more than 10 levels deep it skips the
            // retry and returns null instead of throwing. The lexer saw a statement, so this is a failure, not EMPTY.
            return unparsable("无法解析（语句嵌套过深或不完整）");
        }
        List<Statement> list = statements;
        if (list.size() > 1) {
            return multiple(list.size());
        }
        parsed[0] = list.get(0);
        return checkSingle(list.get(0), lexed.firstKeyword());
    }

    private static Statements parse(String text) throws JSQLParserException {
        return CCJSqlParserUtil.parseStatements(text, PARSER_POOL, parser -> parser
                .withTimeOut(PARSE_TIMEOUT_MILLIS)
                .withSquareBracketQuotation(false)
                .withBackslashEscapeCharacter(false)
                .withUnsupportedStatements(false));
    }

    /**
     * JSqlParser could not parse the text, so it is refused. To tell the user more than "syntax error" for
     * PostgreSQL commands JSqlParser does not know (COPY, LOCK, REVOKE, VACUUM, DO, …) or for several statements
     * of which one is unknown, the refusal is named after the PostgreSQL lexer's view: the number of
     * {@code ;}-separated statements and the leading keyword. (JSqlParser's own "unsupported statements" mode is of
     * no help here: it cannot wrap a first statement and drops leading keywords.) Anything else — including every
     * SELECT JSqlParser cannot parse — is reported with the parser's error.
     */
    private static Verdict classifyUnparsable(PgLexer.Result lexed, JSQLParserException error) {
        if (isTimeout(error)) {
            return unparsable(parserReason(error));
        }
        if (lexed.statements() > 1) {
            return multiple(lexed.statements());
        }
        Verdict verdict = refuseByKeyword(lexed.firstKeyword());
        return verdict != null ? verdict : unparsable(parserReason(error));
    }

    private static Verdict checkSingle(Statement statement, String firstKeyword) {
        if (statement instanceof PlainSelect || statement instanceof SetOperationList
                || statement instanceof ParenthesedSelect) {
            return TreeScan.scan(statement);
        }
        if (statement instanceof UnsupportedStatement) {
            // e.g. ALTER ROLE …, which JSqlParser accepts without understanding it
            Verdict verdict = refuseByKeyword(firstKeyword);
            return verdict != null ? verdict : unparsable("无法识别的语句");
        }
        return refuseWholeStatement(statementType(statement));
    }

    private static Verdict refuseByKeyword(String keyword) {
        return keyword != null && KNOWN_COMMANDS.contains(keyword) ? refuseWholeStatement(keyword) : null;
    }

    /** The verdict for a statement of the given type, which is not a SELECT. */
    private static Verdict refuseWholeStatement(String type) {
        Kind kind = KIND_OF_TYPE.getOrDefault(type, Kind.NOT_A_QUERY);
        String message = switch (kind) {
            case NOT_A_QUERY -> "不支持" + type + "语句: 只允许只读的SELECT查询";
            default -> "禁止使用" + type + "语句: 只允许只读的SELECT查询";
        };
        return new Verdict(kind, message, type);
    }

    /** SELECT, INSERT, DROP, …, named after JSqlParser's model class. */
    static String statementType(Statement st) {
        if (st instanceof UnsupportedStatement) {
            return "UNSUPPORTED";
        }
        if (st instanceof Values) {
            return "VALUES";
        }
        if (st instanceof TableStatement) {
            return "TABLE";
        }
        if (st instanceof Select) {
            return st instanceof PlainSelect || st instanceof SetOperationList || st instanceof ParenthesedSelect
                    ? "SELECT" : "FROM";
        }
        if (st instanceof Insert) {
            return "INSERT";
        }
        if (st instanceof Update) {
            return "UPDATE";
        }
        if (st instanceof Delete) {
            return "DELETE";
        }
        if (st instanceof Merge) {
            return "MERGE";
        }
        if (st instanceof Upsert upsert) {
            return upsert.getUpsertType() != null && upsert.getUpsertType().name().contains("REPLACE")
                    ? "REPLACE" : "UPSERT";
        }
        if (st instanceof Drop) {
            return "DROP";
        }
        if (st instanceof Alter || st instanceof AlterView || st instanceof AlterSequence
                || st instanceof AlterSession || st instanceof AlterSystemStatement) {
            return "ALTER";
        }
        if (st instanceof RenameTableStatement) {
            return "RENAME";
        }
        if (st instanceof Comment) {
            return "COMMENT";
        }
        if (st instanceof Truncate) {
            return "TRUNCATE";
        }
        if (st.getClass().getName().startsWith("net.sf.jsqlparser.statement.create.")) {
            return "CREATE";
        }
        if (st instanceof Grant) {
            return "GRANT";
        }
        if (st instanceof Execute execute) {
            return execute.getExecType() != null ? execute.getExecType().name() : "EXECUTE";
        }
        if (st instanceof SetStatement) {
            return "SET";
        }
        if (st instanceof ResetStatement) {
            return "RESET";
        }
        if (st instanceof ShowStatement || st instanceof ShowColumnsStatement || st instanceof ShowTablesStatement
                || st instanceof ShowIndexStatement) {
            return "SHOW";
        }
        if (st instanceof ExplainStatement) {
            return "EXPLAIN";
        }
        if (st instanceof DescribeStatement) {
            return "DESCRIBE";
        }
        if (st instanceof UseStatement) {
            return "USE";
        }
        if (st instanceof Commit) {
            return "COMMIT";
        }
        if (st instanceof RollbackStatement) {
            return "ROLLBACK";
        }
        if (st instanceof SavepointStatement) {
            return "SAVEPOINT";
        }
        if (st instanceof DeclareStatement) {
            return "DECLARE";
        }
        if (st instanceof Block) {
            return "BEGIN";
        }
        if (st instanceof IfElseStatement) {
            return "IF";
        }
        if (st instanceof Analyze) {
            return "ANALYZE";
        }
        if (st instanceof RefreshMaterializedViewStatement) {
            return "REFRESH";
        }
        if (st instanceof PurgeStatement) {
            return "PURGE";
        }
        String name = st.getClass().getSimpleName().toUpperCase(Locale.ROOT);
        return name.endsWith("STATEMENT") && name.length() > "STATEMENT".length()
                ? name.substring(0, name.length() - "STATEMENT".length()) : name;
    }

    private static Verdict multiple(int count) {
        return new Verdict(Kind.MULTIPLE_STATEMENTS, "SQL只能包含一条语句，检测到" + count + "条", null);
    }

    private static Verdict unparsable(String reason) {
        return new Verdict(Kind.UNPARSABLE, "SQL语法错误: " + reason, null);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The parser's reason, first line only, without exception class names. */
    private static String parserReason(JSQLParserException e) {
        if (isTimeout(e)) {
            return "解析超时（超过" + PARSE_TIMEOUT_MILLIS + "毫秒），语句过于复杂";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof StackOverflowError) {
            return "语句嵌套过深";
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message == null ? "无法解析" : shortReason(message);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : shortReason(e.getMessage());
    }

    private static String shortReason(String message) {
        String line = message.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl);
        }
        // "net.sf.jsqlparser.parser.ParseException: Encountered …" → "Encountered …"
        line = line.replaceFirst("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "").strip();
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static boolean isForbiddenFunction(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (FORBIDDEN_FUNCTIONS.contains(n)) {
            return true;
        }
        for (String entry : FORBIDDEN_FUNCTIONS) {
            if (entry.endsWith("*") && n.startsWith(entry.substring(0, entry.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * JSqlParser enforces its time-out by parsing on an executor thread. Its convenience overload creates a
     * non-daemon single-thread executor per call and does not shut it down when parsing fails, leaking a thread per
     * syntax error, hence this shared pool of daemon threads. It is bounded: when 64 parses run at once, further
     * checks are refused ("busy") rather than queued past their time-out.
     */
    private static ExecutorService newParserPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "readonly-sql-parser-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return pool;
    }

    /**
     * Walks every object reachable from a SELECT's model and records what makes it not read-only.
     *
     * <p>JSqlParser's visitor adapters are shallow ({@code SelectVisitorAdapter} does nothing) and its deparsers print
     * some parts with {@code toString()} instead of visiting them (window {@code PARTITION BY}/{@code ORDER BY},
     * JSON expressions, …), so a function call there would go unseen. Following the model's fields reaches every
     * node whatever its type, including node types added by later JSqlParser versions.
     */
    static final class TreeScan {

        private static final int MAX_NODES = 2_000_000;


        private Verdict nestedStatement;
        private Verdict selectInto;
        private Verdict lock;
        private Verdict forbiddenFunction;

        static Verdict scan(Statement root) {
            TreeScan scan = new TreeScan();
            scan.walk(root);
            if (scan.nestedStatement != null) {
                return scan.nestedStatement;
            }
            if (scan.selectInto != null) {
                return scan.selectInto;
            }
            if (scan.lock != null) {
                return scan.lock;
            }
            if (scan.forbiddenFunction != null) {
                return scan.forbiddenFunction;
            }
            return new Verdict(Kind.ALLOWED, "只读SELECT查询，允许执行", "SELECT");
        }

        private void walk(Statement root) {
            // the parser's tokens, AST nodes and configuration are not part of the model; lambdas hold none; an
            // unknown holder could hide part of the query: refused rather than skipped
            SqlNodes.walk(root, MAX_NODES, true, node -> inspect(node, node == root));
        }

        private void inspect(Object node, boolean isRoot) {
            if (node instanceof Function function) {
                checkFunction(function.getMultipartName(), function.getName());
            } else if (node instanceof AnalyticExpression analytic) {
                checkFunction(null, analytic.getName());
            } else if (node instanceof NextValExpression nextVal) {
                // NEXTVAL FOR s / NEXT VALUE FOR s
                checkFunction(List.of("nextval"), nextVal.getName());
            }
            if (node instanceof Statement statement && !(statement instanceof Select) && !isRoot
                    && nestedStatement == null) {
                String type = statementType(statement);
                Kind kind = KIND_OF_TYPE.getOrDefault(type, Kind.NOT_A_QUERY);
                nestedStatement = new Verdict(kind,
                        "禁止在WITH子句或子查询中使用" + type + "语句: 只允许只读的SELECT查询", type);
            }
            if (node instanceof Select select && lock == null
                    && (select.getForMode() != null || select.getForUpdateTable() != null || select.isNoWait()
                    || select.isSkipLocked() || select.getWait() != null)) {
                String mode = select.getForMode() != null ? select.getForMode().getValue() : "UPDATE";
                lock = new Verdict(Kind.LOCKS,
                        "禁止使用SELECT ... FOR " + mode + " 加锁: 只允许不加锁的只读SELECT查询", "SELECT");
            }
            if (node instanceof PlainSelect plain && selectInto == null
                    && ((plain.getIntoTables() != null && !plain.getIntoTables().isEmpty())
                    || plain.getIntoTempTable() != null)) {
                selectInto = new Verdict(Kind.INSERTS_DATA,
                        "禁止使用SELECT ... INTO: SELECT INTO会创建新表并写入数据，只允许只读的SELECT查询", "SELECT");
            }
        }

        private void checkFunction(List<String> multipartName, String name) {
            if (forbiddenFunction != null) {
                return;
            }
            String last = lastNamePart(multipartName, name);
            if (isForbiddenFunction(last)) {
                forbiddenFunction = new Verdict(Kind.FORBIDDEN_FUNCTION,
                        "禁止调用函数 " + last.toLowerCase(Locale.ROOT) + ": 该函数有副作用或可能泄露数据、拖垮数据库",
                        "SELECT");
            }
        }

        private static String lastNamePart(List<String> multipartName, String name) {
            String last = null;
            if (multipartName != null && !multipartName.isEmpty()) {
                last = multipartName.get(multipartName.size() - 1);
            }
            if (last == null && name != null) {
                int dot = name.lastIndexOf('.');
                last = dot >= 0 ? name.substring(dot + 1) : name;
            }
            if (last == null) {
                return null;
            }
            last = last.strip();
            if (last.length() >= 2 && last.startsWith("\"") && last.endsWith("\"")) {
                last = last.substring(1, last.length() - 1).replace("\"\"", "\"");
            }
            return last;
        }
    }

    /**
     * Tokenises SQL with PostgreSQL's lexical rules and produces text for JSqlParser with the same token boundaries
     * (see the class comment). Comments are replaced by blanks of the same length, so positions mostly survive.
     */
    static final class PgLexer {

        /**
         * @param sql          the text for JSqlParser
         * @param error        why the text is refused, or null
         * @param statements   the number of non-empty {@code ;}-separated statements
         * @param firstKeyword the first token of the text, upper case, if it is a word; otherwise null
         */
        record Result(String sql, String error, int statements, String firstKeyword) {
        }

        private enum StringMode { STANDARD, ESCAPE, UNICODE, BIT }

        private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";

        private final String s;
        private final int n;
        private final StringBuilder out;
        private int i;
        private boolean previousIsWord;
        private int statements;
        private boolean tokenInStatement;
        private String firstKeyword;
        private boolean firstTokenSeen;

        private PgLexer(String s) {
            this.s = s;
            this.n = s.length();
            this.out = new StringBuilder(n + 32);
        }

        static Result normalize(String sql) {
            PgLexer lexer = new PgLexer(sql);
            String error = lexer.run();
            if (error != null) {
                return new Result(null, error, 0, null);
            }
            if (lexer.tokenInStatement) {
                lexer.statements++;
            }
            return new Result(lexer.out.toString(), null, lexer.statements, lexer.firstKeyword);
        }

        private char at(int k) {
            return k < n ? s.charAt(k) : '\0';
        }

        private String run() {
            while (i < n) {
                char c = s.charAt(i);
                char d = at(i + 1);
                if (c == '\0') {
                    return "SQL中包含NUL字符";
                }
                if (c == '-' && d == '-') {
                    skipLineComment();
                    continue;
                }
                if (c == '/' && d == '*') {
                    if (!skipBlockComment()) {
                        return "块注释未结束（缺少 */）";
                    }
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    out.append(c);
                    i++;
                    previousIsWord = false;
                    continue;
                }
                if (c == '\f' || c == '\u000B') {
                    out.append(' ');
                    i++;
                    previousIsWord = false;
                    continue;
                }
                if (c == ';') {
                    // an empty statement (";;", a leading ";") is nothing to PostgreSQL, but a syntax error to JSqlParser
                    out.append(tokenInStatement ? ';' : ' ');
                    if (tokenInStatement) {
                        statements++;
                    }
                    tokenInStatement = false;
                    i++;
                    previousIsWord = false;
                    continue;
                }
                tokenInStatement = true;
                if (!firstTokenSeen) {
                    firstTokenSeen = true;
                    if (isIdentStart(c)) {
                        int j = i + 1;
                        while (j < n && isIdentPart(s.charAt(j))) {
                            j++;
                        }
                        firstKeyword = asciiLower(s.substring(i, j)).toUpperCase(Locale.ROOT);
                    }
                }
                String error;
                if (c == '\'') {
                    error = string(i, 0, StringMode.STANDARD);
                } else if (c == '"') {
                    error = quotedIdentifier();
                } else if (c == '$') {
                    error = dollar();
                } else if (isIdentStart(c)) {
                    error = identifier();
                } else if (c >= '0' && c <= '9') {
                    error = number();
                } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                    error = operator();
                } else {
                    out.append(c);
                    i++;
                    previousIsWord = false;
                    error = null;
                }
                if (error != null) {
                    return error;
                }
            }
            return null;
        }

        private void skipLineComment() {
            int j = i;
            while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
                j++;
            }
            blank(i, j);
            i = j;
        }

        /** PostgreSQL block comments nest. */
        private boolean skipBlockComment() {
            int j = i + 2;
            int depth = 1;
            while (j < n && depth > 0) {
                char x = s.charAt(j);
                char y = at(j + 1);
                if (x == '/' && y == '*') {
                    depth++;
                    j += 2;
                } else if (x == '*' && y == '/') {
                    depth--;
                    j += 2;
                } else {
                    j++;
                }
            }
            if (depth > 0) {
                return false;
            }
            blank(i, j);
            i = j;
            return true;
        }

        private void blank(int from, int to) {
            for (int k = from; k < to; k++) {
                char x = s.charAt(k);
                out.append(x == '\n' || x == '\r' ? x : ' ');
            }
            previousIsWord = false;
        }

        /**
         * A string literal whose opening quote is at {@code quote}; {@code prefixLength} characters before it (E, N,
         * B, X, U&) belong to it. Emitted as a plain literal; the segments of a literal continued over a newline
         * ({@code 'a'\n'b'}) are lexed in the same mode, as PostgreSQL does.
         */
        private String string(int quote, int prefixLength, StringMode mode) {
            if (previousIsWord) {
                // keeps JSqlParser from reading "word'…'" as one of its prefixed literals (q'[…]', R'…', …)
                out.append(' ');
            }
            for (int k = 0; k < prefixLength; k++) {
                out.append(' ');
            }
            int start = quote;
            while (true) {
                int end = stringEnd(start, mode);
                if (end == -2) {
                    return "字符串中反斜杠紧挨单引号，在不同的standard_conforming_strings设置下含义不同，请改写";
                }
                if (end < 0) {
                    return "字符串常量未结束（缺少单引号）";
                }
                String body = s.substring(start + 1, end - 1);
                if (mode == StringMode.STANDARD) {
                    out.append(s, start, end);
                } else {
                    out.append('\'').append(plainBody(body, mode)).append('\'');
                }
                int next = continuation(end);
                if (next < 0) {
                    i = end;
                    break;
                }
                // the whitespace and "--" comments between the segments
                for (int k = end; k < next; k++) {
                    out.append(s.charAt(k));
                }
                blankLineComments(out.length() - (next - end), out.length());
                start = next;
            }
            previousIsWord = false;
            return null;
        }

        private void blankLineComments(int from, int to) {
            boolean inComment = false;
            for (int k = from; k < to; k++) {
                char x = out.charAt(k);
                if (!inComment && x == '-' && k + 1 < to && out.charAt(k + 1) == '-') {
                    inComment = true;
                }
                if (x == '\n' || x == '\r') {
                    inComment = false;
                } else if (inComment) {
                    out.setCharAt(k, ' ');
                }
            }
        }

        /**
         * The index just after the closing quote of the literal segment opening at {@code start}; -1 if unterminated;
         * -2 if a backslash stands right before a quote of a standard literal (its meaning would depend on
         * standard_conforming_strings, and JSqlParser ends literals at the first backslash-quote).
         */
        private int stringEnd(int start, StringMode mode) {
            int j = start + 1;
            while (j < n) {
                char x = s.charAt(j);
                if (mode == StringMode.ESCAPE && x == '\\') {
                    j += 2;
                    continue;
                }
                if (x == '\'') {
                    boolean doubled = mode != StringMode.BIT && at(j + 1) == '\'';
                    if (mode == StringMode.STANDARD && s.charAt(j - 1) == '\\') {
                        int run = 0;
                        for (int k = j - 1; k > start && s.charAt(k) == '\\'; k--) {
                            run++;
                        }
                        if (doubled || run % 2 == 1) {
                            return -2;
                        }
                    }
                    if (doubled) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return -1;
        }

        /**
         * Where a literal continues after the segment ending before {@code end}: PostgreSQL joins two literals
         * separated by whitespace containing a newline (and possibly "--" comments). -1 if it does not continue.
         */
        private int continuation(int end) {
            int j = end;
            boolean newline = false;
            while (j < n) {
                char x = s.charAt(j);
                if (x == '\n' || x == '\r') {
                    newline = true;
                    j++;
                } else if (x == ' ' || x == '\t' || x == '\f' || x == '\u000B') {
                    j++;
                } else if (x == '-' && at(j + 1) == '-') {
                    while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
                        j++;
                    }
                } else {
                    break;
                }
            }
            return newline && j < n && s.charAt(j) == '\'' ? j : -1;
        }

        /** The body of a converted literal as a plain literal: quotes doubled, no backslash next to a quote. */
        private static String plainBody(String body, StringMode mode) {
            StringBuilder b = new StringBuilder(body.length() + 8);
            for (int k = 0; k < body.length(); k++) {
                char x = body.charAt(k);
                if (mode == StringMode.ESCAPE && x == '\\' && k + 1 < body.length()) {
                    char y = body.charAt(++k);
                    switch (y) {
                        case '\'' -> b.append("''");
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case '\\' -> b.append('/');
                        default -> b.append(y);
                    }
                } else if (x == '\\') {
                    // the content does not matter for the check; a backslash next to a quote would confuse JSqlParser
                    b.append('/');
                } else if (x == '\'') {
                    // already doubled in STANDARD/UNICODE bodies ('' → ''), single in dollar-quoted bodies
                    b.append(mode == StringMode.BIT ? "''" : "'");
                } else {
                    b.append(x);
                }
            }
            return b.toString();
        }

        private String quotedIdentifier() {
            int j = i + 1;
            while (true) {
                if (j >= n) {
                    return "带双引号的标识符未结束（缺少双引号）";
                }
                if (s.charAt(j) == '"') {
                    if (at(j + 1) == '"') {
                        j += 2;
                        continue;
                    }
                    j++;
                    break;
                }
                j++;
            }
            if (j - i == 2) {
                return "带双引号的标识符不能为空";
            }
            out.append(s, i, j);
            i = j;
            previousIsWord = true;
            return null;
        }

        /** {@code $1} parameters and dollar-quoted strings; any other {@code $} is refused. */
        private String dollar() {
            int j = i + 1;
            if (isDigit(at(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                out.append(s, i, j);
                i = j;
                previousIsWord = true;
                return null;
            }
            if (j < n && isDollarTagStart(s.charAt(j))) {
                j++;
                while (j < n && isDollarTagPart(s.charAt(j))) {
                    j++;
                }
            }
            if (at(j) != '$') {
                return "无法识别的$符号";
            }
            String delimiter = s.substring(i, j + 1);
            int close = s.indexOf(delimiter, j + 1);
            if (close < 0) {
                return "美元符号引用的字符串未结束（缺少" + delimiter + "）";
            }
            String body = s.substring(j + 1, close);
            if (previousIsWord) {
                out.append(' ');
            }
            out.append('\'');
            for (int k = 0; k < body.length(); k++) {
                char x = body.charAt(k);
                if (x == '\'') {
                    out.append("''");
                } else if (x == '\\') {
                    out.append('/');
                } else {
                    out.append(x);
                }
            }
            out.append('\'');
            i = close + delimiter.length();
            previousIsWord = false;
            return null;
        }

        private String identifier() {
            int j = i + 1;
            while (j < n && isIdentPart(s.charAt(j))) {
                j++;
            }
            String word = s.substring(i, j);
            if (word.length() == 1) {
                char w = Character.toLowerCase(word.charAt(0));
                if (at(j) == '\'') {
                    StringMode mode = switch (w) {
                        case 'e' -> StringMode.ESCAPE;
                        case 'n' -> StringMode.STANDARD;
                        case 'b', 'x' -> StringMode.BIT;
                        default -> null;
                    };
                    if (mode != null) {
                        if (mode == StringMode.STANDARD) {
                            // N'…': a standard literal; drop the prefix
                            if (previousIsWord) {
                                out.append(' ');
                            }
                            out.append(' ');
                            previousIsWord = false;
                            return string(j, 0, StringMode.STANDARD);
                        }
                        return string(j, 1, mode);
                    }
                }
                if (w == 'u' && at(j) == '&' && (at(j + 1) == '\'' || at(j + 1) == '"')) {
                    if (at(j + 1) == '"') {
                        return "不支持U&\"...\"形式的Unicode转义标识符";
                    }
                    return string(j + 1, 2, StringMode.UNICODE);
                }
            }
            if (word.indexOf('$') >= 0) {
                // JSqlParser would read "$…$" inside it as a quote; PostgreSQL folds unquoted names to lower case
                out.append('"').append(asciiLower(word)).append('"');
            } else {
                out.append(word);
            }
            i = j;
            previousIsWord = true;
            return null;
        }

        private String number() {
            int j = i;
            if (s.charAt(j) == '0' && (at(j + 1) == 'x' || at(j + 1) == 'X' || at(j + 1) == 'o' || at(j + 1) == 'O'
                    || at(j + 1) == 'b' || at(j + 1) == 'B') && isHexDigit(at(j + 2))) {
                j += 2;
                while (j < n && (isHexDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
            } else {
                while (j < n && (isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                if (at(j) == '.' && at(j + 1) != '.') {
                    j++;
                    while (j < n && (isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                }
                if ((at(j) == 'e' || at(j) == 'E')
                        && (isDigit(at(j + 1)) || ((at(j + 1) == '+' || at(j + 1) == '-') && isDigit(at(j + 2))))) {
                    j += 2;
                    while (j < n && isDigit(s.charAt(j))) {
                        j++;
                    }
                }
            }
            char next = at(j);
            if (next == '\'' || next == '"' || next == '$') {
                return "数字后紧跟引号或$符号，无法确定词法";
            }
            out.append(s, i, j);
            if (j < n && isIdentStart(next)) {
                // PostgreSQL reads "1or" as 1 followed by OR (or rejects it); JSqlParser would read one identifier
                out.append(' ');
            }
            i = j;
            previousIsWord = true;
            return null;
        }

        /** A run of operator characters; PostgreSQL ends it before "--" or "/*". */
        private String operator() {
            int j = i;
            while (j < n && OPERATOR_CHARS.indexOf(s.charAt(j)) >= 0) {
                if (j > i && ((s.charAt(j) == '-' && at(j + 1) == '-') || (s.charAt(j) == '/' && at(j + 1) == '*'))) {
                    break;
                }
                j++;
            }
            String op = s.substring(i, j);
            if (op.indexOf('`') >= 0) {
                return "不支持反引号`";
            }
            if (op.contains("//")) {
                return "不支持的运算符 //";
            }
            boolean glue = op.indexOf('#') >= 0 || op.indexOf('@') >= 0;
            if (glue) {
                // JSqlParser treats # and @ as identifier characters; PostgreSQL as operators
                out.append(' ').append(op).append(' ');
            } else {
                out.append(op);
            }
            i = j;
            previousIsWord = false;
            return null;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHexDigit(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        private static boolean isIdentStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
        }

        private static boolean isIdentPart(char c) {
            return isIdentStart(c) || isDigit(c) || c == '$';
        }

        private static boolean isDollarTagStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
        }

        private static boolean isDollarTagPart(char c) {
            return isDollarTagStart(c) || isDigit(c);
        }

        private static String asciiLower(String word) {
            StringBuilder b = new StringBuilder(word.length());
            for (int k = 0; k < word.length(); k++) {
                char c = word.charAt(k);
                b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
            return b.toString();
        }
    }
}
