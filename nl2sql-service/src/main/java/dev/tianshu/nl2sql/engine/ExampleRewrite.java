package dev.tianshu.nl2sql.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Select;

import dev.tianshu.common.sql.SqlNodes;
import dev.tianshu.nl2sql.engine.ExampleLiterals.LimitLiteral;
import dev.tianshu.nl2sql.engine.ExampleLiterals.Literal;
import dev.tianshu.nl2sql.engine.ExampleLiterals.NumberLiteral;
import dev.tianshu.nl2sql.engine.ExampleLiterals.TimeLiteral;
import dev.tianshu.nl2sql.engine.ExampleLiterals.ValueLiteral;
import dev.tianshu.nl2sql.engine.ExampleTimes.Absolute;
import dev.tianshu.nl2sql.engine.ExampleTimes.DaysAgo;

/**
 * One stored SQL being rewritten: its tree, the literals found in it, and the replacements planned (at most one per
 * SQL node, none on what an unchanged literal is written as); its times are an {@link ExampleTimeRewrite}'s.
 */
final class ExampleRewrite {

    private static final long PARSE_TIMEOUT_MILLIS = 2_000;

    private final Statement statement;
    private final ExampleTimeRewrite times;
    private final List<StringValue> strings = new ArrayList<>();
    private final List<Expression> numbers = new ArrayList<>();
    private final List<LongValue> limits = new ArrayList<>();
    /** Numeric literals that are part of date arithmetic, LIMIT or EXTRACT comparisons. */
    private final Set<Object> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Replacement planned per SQL node, with a description to tell two different plans apart. */
    private final Map<Object, String> planned = new IdentityHashMap<>();
    private final List<Runnable> actions = new ArrayList<>();
    /** SQL nodes the question's unchanged relative times are written as. */
    private final Set<Object> accounted = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean accounting;

    ExampleRewrite(String sql, String dialect) throws JSQLParserException {
        String text = sql.strip().replaceAll(";+\\s*$", "");
        this.statement = CCJSqlParserUtil.parse(text, parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS)
                .withSquareBracketQuotation(false));
        this.times = new ExampleTimeRewrite(this, dialect);
        if (statement instanceof Select) {
            index(nodes(statement));
        }
    }

    Optional<String> apply(List<Literal[]> changed, List<Literal> unchanged) throws JSQLParserException {
        if (!(statement instanceof Select)) {
            return Optional.empty();
        }
        // dates the question's fixed ranges account for, and to where they move
        Map<LocalDate, LocalDate> dateMoves = new HashMap<>();
        Map<LocalDate, Integer> datePriority = new HashMap<>();
        Set<Object> accountedParts = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean timeChanges = false;
        for (Literal l : unchanged) {
            if (l instanceof TimeLiteral t && t.when() instanceof Absolute a
                    && (!ExampleTimeRewrite.moveDates(a, a, dateMoves, datePriority)
                            || !times.moveParts(a, a, accountedParts, false))) {
                return Optional.empty();
            }
        }
        // what the unchanged relative times are written as stays theirs
        accounting = true;
        for (Literal l : unchanged) {
            if (l instanceof TimeLiteral t) {
                times.account(t.when());
            }
        }
        accounting = false;
        boolean relativeChanges = false;
        boolean daysAgoChanges = false;
        Map<String, String> valueMoves = new LinkedHashMap<>();
        for (Literal[] pair : changed) {
            Literal s = pair[0];
            Literal a = pair[1];
            boolean located;
            if (s instanceof TimeLiteral st && a instanceof TimeLiteral at) {
                timeChanges = true;
                relativeChanges |= !(st.when() instanceof Absolute);
                daysAgoChanges |= st.when() instanceof DaysAgo;
                located = times.time(st.when(), at.when(), dateMoves, datePriority, accountedParts);
            } else if (s instanceof ValueLiteral sv && a instanceof ValueLiteral av) {
                String before = valueMoves.putIfAbsent(sv.value(), av.value());
                located = before == null || before.equals(av.value());
            } else if (s instanceof LimitLiteral sl && a instanceof LimitLiteral al) {
                located = limit(sl.n(), al.n());
            } else if (s instanceof NumberLiteral sn && a instanceof NumberLiteral an) {
                located = sn.percent() == an.percent() && number(sn, an);
            } else {
                located = false;
            }
            if (!located) {
                return Optional.empty();
            }
        }
        for (Map.Entry<String, String> move : valueMoves.entrySet()) {
            if (!value(move.getKey(), move.getValue())) {
                return Optional.empty();
            }
        }
        // every date of the SQL must belong to the question's ranges, or a changed time would leave it behind
        if (timeChanges && !times.datesFollow(dateMoves, accountedParts)) {
            return Optional.empty();
        }
        if (relativeChanges && !times.relativeArithmeticCovered(daysAgoChanges)) {
            return Optional.empty();
        }
        actions.forEach(Runnable::run);
        String out = statement.toString();
        // what was written must still be one statement JSqlParser reads
        CCJSqlParserUtil.parse(out, parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS)
                .withSquareBracketQuotation(false));
        return Optional.of(out);
    }

    // ---- the question's literals, located

    private boolean value(String from, String to) {
        if (from.contains("\\") || to.contains("\\")) {
            return false;
        }
        String quotedFrom = from.replace("'", "''");
        String quotedTo = to.replace("'", "''");
        boolean found = false;
        for (StringValue s : strings) {
            if (s.getValue().equals(quotedFrom)) {
                found = true;
                if (!plan(s, "value " + quotedTo, () -> s.setValue(quotedTo))) {
                    return false;
                }
            }
        }
        return found;
    }

    private boolean limit(int from, int to) {
        boolean found = false;
        for (LongValue l : limits) {
            if (l.getValue() == from) {
                found = true;
                if (!plan(l, "limit " + to, () -> l.setValue(to))) {
                    return false;
                }
            }
        }
        return found;
    }

    private boolean number(NumberLiteral from, NumberLiteral to) {
        boolean found = false;
        for (Expression n : numbers) {
            if (claimed.contains(n)) {
                continue;
            }
            BigDecimal v = numeric(n);
            BigDecimal target = null;
            if (v.compareTo(from.value()) == 0) {
                target = to.value();
            } else if (from.percent() && v.compareTo(from.value().movePointLeft(2)) == 0) {
                target = to.value().movePointLeft(2);
            }
            if (target == null) {
                continue;
            }
            found = true;
            BigDecimal t = target;
            if (n instanceof LongValue l) {
                if (t.stripTrailingZeros().scale() > 0) {
                    return false;
                }
                if (!plan(n, "number " + t.toPlainString(), () -> l.setValue(t.longValueExact()))) {
                    return false;
                }
            } else if (!plan(n, "number " + t.toPlainString(), () -> ((DoubleValue) n).setValue(t.doubleValue()))) {
                return false;
            }
        }
        return found;
    }

    /**
     * Records a replacement of {@code node}; false when another replacement of it was planned or an unchanged
     * literal is written there. While {@link #accounting}, only notes the node as an unchanged literal's.
     */
    boolean plan(Object node, String what, Runnable action) {
        if (accounting) {
            accounted.add(node);
            return true;
        }
        if (accounted.contains(node)) {
            return false;
        }
        String before = planned.putIfAbsent(node, what);
        if (before == null) {
            actions.add(action);
            return true;
        }
        return before.equals(what);
    }

    /** Whether a replacement of {@code node} was planned. */
    boolean isPlanned(Object node) {
        return planned.containsKey(node);
    }

    /** Whether an unchanged literal of the question is written as {@code node}. */
    boolean isAccounted(Object node) {
        return accounted.contains(node);
    }

    // ---- the SQL's literals

    private void index(List<Object> nodes) {
        for (Object node : nodes) {
            if (node instanceof StringValue s) {
                strings.add(s);
            } else if (node instanceof LongValue || node instanceof DoubleValue) {
                numbers.add((Expression) node);
            } else if (node instanceof Limit limit && limit.getRowCount() instanceof LongValue l) {
                limits.add(l);
                claimed.add(l);
            }
            times.index(node, claimed);
        }
    }

    private static BigDecimal numeric(Expression n) {
        return n instanceof LongValue l ? new BigDecimal(l.getBigIntegerValue())
                : BigDecimal.valueOf(((DoubleValue) n).getValue());
    }

    // ---- walking the tree

    /** Every JSqlParser model object reachable from {@code root} (following fields, lists, maps). */
    private static List<Object> nodes(Object root) {
        List<Object> nodes = new ArrayList<>();
        SqlNodes.walk(root, 200_000, false, nodes::add);
        return nodes;
    }
}
