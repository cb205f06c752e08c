package dev.tianshu.nl2sql.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Conversations and their turns (tables conversation, conversation_turn). */
@ApplicationScoped
public class ConversationRepository {

    /**
     * A live conversation: its model (null when the caller already had it) and the reading of its last answered
     * question (null before the first).
     */
    public record Conversation(String chatId, String language, JsonObject model, JsonObject reading, int turns) {
    }

    /** One answered turn. */
    public record Turn(String input, String type, String content, String question, String engine) {
    }

    private final Pool pool;

    ConversationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Starts a conversation; its 32-hex chat id. */
    public Uni<String> create(String language, JsonObject model) {
        String chatId = UUID.randomUUID().toString().replace("-", "");
        return pool.preparedQuery("INSERT INTO conversation (chat_id, language, model) VALUES ($1, $2, $3)")
                .execute(Tuple.of(chatId, language, model)).replaceWith(chatId);
    }

    /**
     * The conversation, if it exists and was active within {@code idleLifetime} (its last answered turn, or its
     * start); an expired conversation is deleted. Its model is read only {@code withModel}. Reading does not mark it
     * active: {@link #answered} does, in the turn's own write.
     */
    public Uni<Optional<Conversation>> live(String chatId, Duration idleLifetime, boolean withModel) {
        long millis = idleLifetime.toMillis();
        return pool.preparedQuery("SELECT chat_id, language, CASE WHEN $3 THEN model END AS model, reading, "
                + "(SELECT coalesce(max(turn), 0) FROM conversation_turn t WHERE t.chat_id = conversation.chat_id) "
                + "AS turns FROM conversation WHERE chat_id = $1 "
                + "AND last_active_at > clock_timestamp() - $2 * interval '1 millisecond'")
                .execute(Tuple.of(chatId, millis, withModel))
                .flatMap(rows -> {
                    if (rows.size() == 1) {
                        var r = rows.iterator().next();
                        return Uni.createFrom().item(Optional.of(new Conversation(r.getString("chat_id"),
                                r.getString("language"), r.getJsonObject("model"), r.getJsonObject("reading"),
                                r.getInteger("turns"))));
                    }
                    return pool.preparedQuery("DELETE FROM conversation WHERE chat_id = $1")
                            .execute(Tuple.of(chatId)).replaceWith(Optional.<Conversation>empty());
                });
    }

    /**
     * Records a turn, marks the conversation active and, when the answer was understood, keeps its new reading, in
     * one statement.
     */
    public Uni<Void> answered(String chatId, int turn, Turn answer, JsonObject reading) {
        return pool.preparedQuery("WITH t AS (INSERT INTO conversation_turn (chat_id, turn, input, type, content, "
                + "question, engine) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (chat_id, turn) DO NOTHING) "
                + "UPDATE conversation SET reading = coalesce($8, reading), last_active_at = clock_timestamp() "
                + "WHERE chat_id = $1")
                .execute(Tuple.tuple(List.of(chatId, turn, answer.input(), answer.type(), answer.content()))
                        .addValue(answer.question()).addValue(answer.engine()).addValue(reading))
                .replaceWithVoid();
    }

    /** The last {@code limit} answered turns of a conversation, oldest first. */
    public Uni<List<Turn>> recentTurns(String chatId, int limit) {
        return pool.preparedQuery("SELECT input, type, content, question, engine FROM (SELECT * FROM conversation_turn "
                + "WHERE chat_id = $1 ORDER BY turn DESC LIMIT $2) last ORDER BY turn")
                .execute(Tuple.of(chatId, Math.max(0, limit)))
                .map(rows -> {
                    List<Turn> turns = new ArrayList<>();
                    for (var r : rows) {
                        turns.add(new Turn(r.getString("input"), r.getString("type"), r.getString("content"),
                                r.getString("question"), r.getString("engine")));
                    }
                    return turns;
                });
    }

    /** Deletes conversations idle for longer than {@code idleLifetime}; how many. */
    public Uni<Integer> expire(Duration idleLifetime) {
        return pool.preparedQuery("DELETE FROM conversation WHERE last_active_at < clock_timestamp() "
                + "- $1 * interval '1 millisecond'").execute(Tuple.of(idleLifetime.toMillis()))
                .map(rows -> rows.rowCount());
    }
}
