package dev.tianshu.common.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walking JSqlParser's syntax tree by its fields rather than its visitors: JSqlParser's visitor adapters are
 * shallow and its deparsers print some parts with {@code toString()}, so only following the model's fields reaches
 * every node, whatever its type. The walkers (ReadOnlySql's scan, nl2sql's model check and example adapter) share
 * these steps: a type's fields, reading one, the containers to look into and the values that hold no node.
 */
public final class SqlNodes {

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return fields.toArray(Field[]::new);
        }
    };

    private SqlNodes() {
    }

    /**
     * Visits every model object reachable from {@code root} once (following fields, lists, maps and arrays; not the
     * parser's own tokens and nodes, nor lambdas), refusing a tree of more than {@code maxNodes} objects. An object
     * of a type outside JSqlParser's model could hide part of a query: {@code strict} refuses it, otherwise it is
     * skipped.
     *
     * @throws IllegalStateException when the tree is too large, or (strict) holds an unknown type
     */
    public static void walk(Object root, int maxNodes, boolean strict, Consumer<Object> visit) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (seen.size() > maxNodes) {
                throw new IllegalStateException("语法树过大");
            }
            if (forEachElement(node, element -> push(todo, element))) {
                continue;
            }
            Class<?> type = node.getClass();
            String name = type.getName();
            if (name.startsWith("net.sf.jsqlparser.parser.") || type.isSynthetic() || type.isHidden()) {
                continue;
            }
            if (!name.startsWith("net.sf.jsqlparser.")) {
                if (strict) {
                    throw new IllegalStateException("无法检查的语法树节点类型 " + name);
                }
                continue;
            }
            visit.accept(node);
            for (Field field : fields(type)) {
                push(todo, value(field, node));
            }
        }
    }

    private static void push(Deque<Object> todo, Object value) {
        if (value != null && !isLeaf(value)) {
            todo.push(value);
        }
    }

    /** The instance fields of {@code type} and its superclasses that can hold a node (not static, not primitive). */
    public static Field[] fields(Class<?> type) {
        return FIELDS.get(type);
    }

    /** The value of one of {@link #fields}'s fields in {@code node}. */
    public static Object value(Field field, Object node) {
        try {
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the syntax tree", e);
        }
    }

    /** Values that cannot hold part of a query: text, numbers, booleans, enums, dates, classes, primitive arrays. */
    public static boolean isLeaf(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || value instanceof java.util.Date
                || value instanceof TemporalAccessor || value instanceof Class<?>
                || (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive());
    }

    /**
     * When {@code node} is a container — an Iterable, a Map (keys and values), a Map.Entry (JsonExpression keeps
     * "->" operands and array slices as entries), an array or an Optional — passes each element to {@code each} and
     * answers true; otherwise answers false.
     */
    public static boolean forEachElement(Object node, Consumer<Object> each) {
        if (node instanceof Iterable<?> items) {
            items.forEach(each);
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                each.accept(k);
                each.accept(v);
            });
        } else if (node instanceof Map.Entry<?, ?> entry) {
            each.accept(entry.getKey());
            each.accept(entry.getValue());
        } else if (node instanceof Object[] array) {
            for (Object item : array) {
                each.accept(item);
            }
        } else if (node instanceof Optional<?> optional) {
            optional.ifPresent(each);
        } else {
            return false;
        }
        return true;
    }
}
