package dev.tianshu.pipeline.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Load batches sent by step 4 and the results training-data-service answered (table load_batch). */
@ApplicationScoped
public class LoadBatchRepository {

    private final Pool pool;

    LoadBatchRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> sent(String batchId, String taskId, int items) {
        return pool.preparedQuery("INSERT INTO load_batch (batch_id, task_id, item_count) VALUES ($1, $2, $3) "
                + "ON CONFLICT (batch_id) DO NOTHING").execute(Tuple.of(batchId, taskId, items)).replaceWithVoid();
    }

    /** Stores a result; false when the batch is unknown or already answered (a redelivered result). */
    public Uni<Boolean> answered(String batchId, JsonObject result) {
        return pool.preparedQuery("UPDATE load_batch SET result = $2, received_at = clock_timestamp() "
                + "WHERE batch_id = $1 AND result IS NULL").execute(Tuple.of(batchId, result))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The results stored for these batches (batch id → result); unanswered batches are absent. */
    public Uni<Map<String, JsonObject>> results(List<String> batchIds) {
        return pool.preparedQuery("SELECT batch_id, result FROM load_batch WHERE batch_id = ANY($1) "
                + "AND result IS NOT NULL").execute(Tuple.of(batchIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, JsonObject> map = new java.util.HashMap<>();
                    rows.forEach(r -> map.put(r.getString("batch_id"), r.getJsonObject("result")));
                    return map;
                });
    }
}
