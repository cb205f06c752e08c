package dev.tianshu.trainingdata.search;

import dev.tianshu.common.testing.SharedDatasets;
import dev.tianshu.common.testing.Csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

// A Quarkus test only so that it shares the application's class loader: the tokenizer's native library of the
// embedding model can be loaded by one class loader per JVM, and the service's own tests load it first.
@io.quarkus.test.junit.QuarkusTest
class VectorIndexTest {

    private static final int DIM = 512;
    private static final double SCORE_TOLERANCE = 0.005;
    private static final double ORDER_TOLERANCE = 0.01;

    // =====================================================================================================
    // exact path
    // =====================================================================================================

    @Test
    void exactPathMatchesBruteForceCosine() {
        Random random = new Random(1);
        Map<String, float[]> data = anisotropic(3000, DIM, 60, random);
        VectorIndex index = new VectorIndex(DIM); // 3000 <= 4096: exact path
        data.forEach(index::upsert);
        assertEquals(3000, index.size());

        double maxError = 0;
        for (int q = 0; q < 60; q++) {
            float[] query = q % 2 == 0 ? near(data.get("v" + random.nextInt(3000)), 0.3, random) : gaussian(DIM, random);
            List<VectorIndex.Hit> hits = index.search(query, 20, -1.0);
            assertEquals(20, hits.size());
            maxError = Math.max(maxError, assertAgreesWithBruteForce(data, query, hits, 20));
        }
        System.out.printf(Locale.ROOT, "exact path: max |int8 score - float cosine| = %.5f%n", maxError);
    }

    @Test
    void exactPathWithDimensionNotMultipleOf64() {
        Random random = new Random(2);
        int dim = 100;
        Map<String, float[]> data = anisotropic(500, dim, 10, random);
        VectorIndex index = new VectorIndex(dim);
        index.replaceAll(data);
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(dim, random);
            assertAgreesWithBruteForce(data, query, index.search(query, 10, -1.0), 10);
        }
        // the generic (not 8-word) Hamming loop of the prefilter path, with a partial last word
        VectorIndex prefilter = new VectorIndex(dim, 0, 100);
        prefilter.replaceAll(data);
        double recall = 0;
        for (int q = 0; q < 50; q++) {
            String id = "v" + (q * 7);
            List<VectorIndex.Hit> hits = prefilter.search(data.get(id), 1, -1.0);
            assertEquals(id, hits.get(0).id());
            float[] query = near(data.get(id), 0.3, random);
            List<VectorIndex.Hit> top = prefilter.search(query, 2, -1.0); // C = 100 of 500
            recall += recall(index.search(query, 2, -1.0).stream().map(VectorIndex.Hit::id).toList(), top);
        }
        assertTrue(recall / 50 >= 0.9, "recall@2 " + recall / 50);
    }

    @Test
    void prefilterHandlesMassiveDistanceTies() {
        Random random = new Random(15);
        float[] same = gaussian(DIM, random);
        VectorIndex index = new VectorIndex(DIM, 0, 20, 2); // C = 20 < 300 identical codes
        Map<String, float[]> data = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            data.put(String.format(Locale.ROOT, "same-%03d", i), same);
        }
        for (int i = 0; i < 300; i++) {
            data.put("other-" + i, gaussian(DIM, random));
        }
        index.replaceAll(data);
        List<VectorIndex.Hit> hits = index.search(same, 10, -1.0);
        assertEquals(10, hits.size());
        assertSortedAndBounded(hits);
        for (VectorIndex.Hit h : hits) {
            assertTrue(h.id().startsWith("same-"), h.id());
            assertEquals(1.0, h.score(), 1e-6);
        }
        // C = 300 of 600: exactly the identical vectors survive the prefilter
        List<VectorIndex.Hit> many = index.search(same, 150, 0.999);
        assertEquals(150, many.size());
        assertTrue(many.stream().allMatch(h -> h.id().startsWith("same-")));
    }

    @Test
    void upsertReplacesExistingId() {
        Random random = new Random(3);
        VectorIndex index = new VectorIndex(DIM);
        float[] first = gaussian(DIM, random);
        float[] second = gaussian(DIM, random);
        index.upsert("a", first);
        index.upsert("b", gaussian(DIM, random));
        index.upsert("a", second);

        assertEquals(2, index.size());
        assertEquals(Set.of("a", "b"), index.ids());
        VectorIndex.Hit top = index.search(second, 1, -1.0).get(0);
        assertEquals("a", top.id());
        assertEquals(1.0, top.score(), 1e-6);
        double scoreOfFirst = index.search(first, 2, -1.0).stream()
                .filter(h -> h.id().equals("a")).findFirst().orElseThrow().score();
        assertEquals(cosine(first, second), scoreOfFirst, SCORE_TOLERANCE);
    }

    @Test
    void upsertDoesNotDependOnVectorLengthAndCopiesInput() {
        Random random = new Random(4);
        VectorIndex index = new VectorIndex(DIM);
        float[] v = gaussian(DIM, random);
        float[] scaled = v.clone();
        for (int i = 0; i < DIM; i++) {
            scaled[i] *= 1000f;
        }
        index.upsert("x", scaled);
        Arrays.fill(scaled, 1f); // mutating the caller's array must not affect the index
        assertEquals(1.0, index.search(v, 1, -1.0).get(0).score(), 1e-6);
    }

    @Test
    void removeSwapsLastSlotIntoTheHoleAndKeepsEverythingElseSearchable() {
        Random random = new Random(5);
        Map<String, float[]> data = anisotropic(300, DIM, 10, random);
        for (int exactScanLimit : new int[] {4096, 0}) { // exact path and prefilter path
            VectorIndex index = new VectorIndex(DIM, exactScanLimit, 50);
            data.forEach(index::upsert);
            Map<String, float[]> remaining = new LinkedHashMap<>(data);
            // first inserted, last inserted, and a run from the middle
            List<String> toRemove = new ArrayList<>(List.of("v0", "v299", "v150"));
            for (int i = 0; i < 100; i++) {
                toRemove.add("v" + (10 + 2 * i));
            }
            for (String id : toRemove) {
                boolean wasPresent = remaining.remove(id) != null;
                assertEquals(wasPresent, index.remove(id), id);
            }
            assertFalse(index.remove("v0"));
            assertFalse(index.remove("never-there"));
            assertEquals(remaining.size(), index.size());
            assertEquals(remaining.keySet(), index.ids());
            for (String id : toRemove) {
                assertFalse(index.contains(id));
            }
            for (Map.Entry<String, float[]> e : remaining.entrySet()) {
                assertTrue(index.contains(e.getKey()));
                VectorIndex.Hit top = index.search(e.getValue(), 1, -1.0).get(0);
                assertEquals(e.getKey(), top.id());
                assertEquals(1.0, top.score(), 1e-6);
            }
            for (int q = 0; q < 10; q++) {
                float[] query = gaussian(DIM, random);
                List<VectorIndex.Hit> hits = index.search(query, 15, -1.0);
                for (VectorIndex.Hit h : hits) {
                    assertTrue(remaining.containsKey(h.id()));
                    assertEquals(cosine(query, remaining.get(h.id())), h.score(), SCORE_TOLERANCE);
                }
                if (exactScanLimit > 0) {
                    assertAgreesWithBruteForce(remaining, query, hits, 15);
                }
            }
            // removing everything shrinks back to an empty, usable index
            for (String id : remaining.keySet()) {
                assertTrue(index.remove(id));
            }
            assertEquals(0, index.size());
            assertTrue(index.search(gaussian(DIM, random), 5, -1.0).isEmpty());
            index.upsert("again", data.get("v1"));
            assertEquals("again", index.search(data.get("v1"), 1, 0.0).get(0).id());
        }
    }

    @Test
    void minScoreAndKLimitTheResult() {
        Random random = new Random(6);
        Map<String, float[]> data = anisotropic(200, DIM, 5, random);
        VectorIndex index = new VectorIndex(DIM);
        index.replaceAll(data);
        float[] query = near(data.get("v7"), 0.5, random);

        List<VectorIndex.Hit> all = index.search(query, 1000, -1.0);
        assertEquals(200, all.size());
        assertSortedAndBounded(all);

        assertEquals(all.subList(0, 7), index.search(query, 7, -1.0));
        double cut = all.get(30).score();
        List<VectorIndex.Hit> aboveCut = index.search(query, 1000, cut);
        assertTrue(aboveCut.stream().allMatch(h -> h.score() >= cut));
        assertEquals(all.stream().filter(h -> h.score() >= cut).count(), aboveCut.size());
        assertEquals(List.of(), index.search(query, 0, -1.0));
        assertEquals(List.of(), index.search(query, 10, 1.01));
        assertThrows(IllegalArgumentException.class, () -> index.search(query, -1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> index.search(query, 1, Double.NaN));
    }

    @Test
    void tiesAreOrderedById() {
        VectorIndex index = new VectorIndex(DIM);
        float[] v = gaussian(DIM, new Random(7));
        for (String id : List.of("c", "a", "d", "b")) {
            index.upsert(id, v);
        }
        List<VectorIndex.Hit> hits = index.search(v, 3, 0.0);
        assertEquals(List.of("a", "b", "c"), hits.stream().map(VectorIndex.Hit::id).toList());
    }

    @Test
    void rejectsWrongDimensionNaNInfinityAndZeroVectors() {
        VectorIndex index = new VectorIndex(DIM);
        float[] good = gaussian(DIM, new Random(8));
        index.upsert("good", good);

        float[] nan = good.clone();
        nan[17] = Float.NaN;
        float[] inf = good.clone();
        inf[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> index.upsert("x", new float[DIM - 1]));
        assertThrows(IllegalArgumentException.class, () -> index.upsert("x", new float[DIM + 1]));
        assertThrows(IllegalArgumentException.class, () -> index.upsert("x", nan));
        assertThrows(IllegalArgumentException.class, () -> index.upsert("x", inf));
        assertThrows(IllegalArgumentException.class, () -> index.upsert("x", new float[DIM]));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[10], 5, 0.0));
        assertThrows(IllegalArgumentException.class, () -> index.search(nan, 5, 0.0));
        assertThrows(NullPointerException.class, () -> index.upsert(null, good));

        Map<String, float[]> batch = new LinkedHashMap<>();
        batch.put("ok", good);
        batch.put("bad", nan);
        assertThrows(IllegalArgumentException.class, () -> index.upsertAll(batch));
        assertThrows(IllegalArgumentException.class, () -> index.replaceAll(batch));
        assertEquals(Set.of("good"), index.ids(), "failed calls must leave the index unchanged");
        assertThrows(IllegalArgumentException.class, () -> new VectorIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new VectorIndex(DIM, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new VectorIndex(DIM, 10, 0));
    }

    @Test
    void emptyIndex() {
        VectorIndex index = new VectorIndex(DIM, 0, 10);
        float[] q = gaussian(DIM, new Random(9));
        assertEquals(0, index.size());
        assertTrue(index.ids().isEmpty());
        assertTrue(index.search(q, 10, -1.0).isEmpty());
        assertFalse(index.remove("x"));
        assertFalse(index.contains("x"));
        index.replaceAll(Map.of());
        assertTrue(index.search(q, 10, -1.0).isEmpty());

        index.upsert("x", q);
        index.clear();
        assertEquals(0, index.size());
        assertTrue(index.search(q, 10, -1.0).isEmpty());
    }

    @Test
    void bulkLoadsAgreeWithSingleUpserts() {
        Random random = new Random(10);
        Map<String, float[]> data = anisotropic(6000, DIM, 50, random);
        VectorIndex single = new VectorIndex(DIM, 4096, 500);
        data.forEach(single::upsert);
        VectorIndex replaced = new VectorIndex(DIM, 4096, 500);
        replaced.upsert("stale", gaussian(DIM, random));
        replaced.replaceAll(data);
        VectorIndex batched = new VectorIndex(DIM, 4096, 500);
        List<String> ids = new ArrayList<>(data.keySet());
        for (int from = 0; from < ids.size(); from += 700) {
            Map<String, float[]> batch = new LinkedHashMap<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 700))) {
                batch.put(id, data.get(id));
            }
            batched.upsertAll(batch);
        }
        for (VectorIndex index : List.of(single, replaced, batched)) {
            assertEquals(data.keySet(), index.ids());
            for (int q = 0; q < 20; q++) {
                String id = "v" + (q * 293);
                List<VectorIndex.Hit> hits = index.search(data.get(id), 10, -1.0);
                assertEquals(id, hits.get(0).id());
                assertSortedAndBounded(hits);
                for (VectorIndex.Hit h : hits) {
                    assertEquals(cosine(data.get(id), data.get(h.id())), h.score(), SCORE_TOLERANCE);
                }
            }
        }
    }

    // =====================================================================================================
    // concurrency
    // =====================================================================================================

    @Test
    void concurrentSearchesWhileUpsertingAndRemoving() throws Exception {
        int writers = 4;
        int readers = 3;
        int idsPerWriter = 300;
        int opsPerWriter = 2500;
        int searchesPerReader = 1500;
        // small limits so that searches take the prefilter path and recentering happens mid-flight
        VectorIndex index = new VectorIndex(DIM, 64, 32);
        Random seedRandom = new Random(11);
        Map<String, float[]> initial = anisotropic(400, DIM, 20, seedRandom);
        Map<String, float[]> initialRenamed = new LinkedHashMap<>();
        initial.forEach((id, v) -> initialRenamed.put("init-" + id, v));
        index.replaceAll(initialRenamed);

        List<Map<String, float[]>> writerState = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writerState.add(new HashMap<>());
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    Random r = new Random(100 + writer);
                    Map<String, float[]> mine = writerState.get(writer);
                    start.await();
                    for (int op = 0; op < opsPerWriter; op++) {
                        String id = "w" + writer + "-" + r.nextInt(idsPerWriter);
                        int kind = r.nextInt(10);
                        if (kind < 6) {
                            float[] v = gaussian(DIM, r);
                            index.upsert(id, v);
                            mine.put(id, v);
                        } else if (kind < 9) {
                            assertEquals(mine.remove(id) != null, index.remove(id));
                        } else {
                            Map<String, float[]> batch = new HashMap<>();
                            for (int i = 0; i < 5; i++) {
                                batch.put("w" + writer + "-" + r.nextInt(idsPerWriter), gaussian(DIM, r));
                            }
                            index.upsertAll(batch);
                            mine.putAll(batch);
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < readers; t++) {
                int reader = t;
                futures.add(pool.submit(() -> {
                    Random r = new Random(200 + reader);
                    start.await();
                    for (int i = 0; i < searchesPerReader; i++) {
                        int k = 1 + r.nextInt(20);
                        float[] query = r.nextBoolean()
                                ? near(initial.get("v" + r.nextInt(400)), 0.2, r)
                                : gaussian(DIM, r);
                        List<VectorIndex.Hit> hits = index.search(query, k, -1.0);
                        assertTrue(hits.size() <= k);
                        assertFalse(hits.isEmpty(), "the initial vectors are never removed");
                        assertSortedAndBounded(hits);
                        assertEquals(hits.size(), new HashSet<>(hits.stream().map(VectorIndex.Hit::id).toList()).size());
                        if (i % 100 == 0) {
                            index.ids();
                            index.size();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES); // rethrows any assertion error or exception of the task
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, float[]> expected = new HashMap<>(initialRenamed);
        writerState.forEach(expected::putAll);
        assertEquals(expected.keySet(), index.ids());
        assertEquals(expected.size(), index.size());
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            VectorIndex.Hit top = index.search(e.getValue(), 1, -1.0).get(0);
            assertEquals(e.getKey(), top.id());
            assertEquals(1.0, top.score(), 1e-6);
        }
        Random r = new Random(12);
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(DIM, r);
            for (VectorIndex.Hit h : index.search(query, 10, -1.0)) {
                assertEquals(cosine(query, expected.get(h.id())), h.score(), SCORE_TOLERANCE);
            }
        }
    }

    // =====================================================================================================
    // prefilter recall
    // =====================================================================================================

    @Test
    void prefilterRecallOnAnisotropicSyntheticData() {
        Random random = new Random(13);
        int n = 20_000;
        Map<String, float[]> data = anisotropic(n, DIM, 200, random);
        List<String> ids = new ArrayList<>(data.keySet());
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = data.get(ids.get(i));
        }
        double[] norms = norms(vectors);
        // single upserts, so the centering vector is recomputed on doubling along the way
        VectorIndex index = new VectorIndex(DIM, 0, VectorIndex.DEFAULT_MIN_CANDIDATES);
        data.forEach(index::upsert);
        VectorIndex tight = new VectorIndex(DIM, 0, 200, 20);
        tight.replaceAll(data);
        VectorIndex exact = new VectorIndex(DIM, Integer.MAX_VALUE, 1);
        exact.replaceAll(data);

        int queries = 200;
        double recall = 0;
        double recallTight = 0;
        double recallExactInt8 = 0;
        double recallVsInt8 = 0;
        double maxError = 0;
        for (int q = 0; q < queries; q++) {
            float[] query = near(vectors[random.nextInt(n)], 0.3, random);
            List<String> truth = bruteForce(ids, vectors, norms, query, 10);
            List<VectorIndex.Hit> hits = index.search(query, 10, -1.0);
            assertEquals(10, hits.size());
            recall += recall(truth, hits);
            recallTight += recall(truth, tight.search(query, 10, -1.0));
            List<VectorIndex.Hit> exactHits = exact.search(query, 10, -1.0);
            recallExactInt8 += recall(truth, exactHits);
            recallVsInt8 += recall(exactHits.stream().map(VectorIndex.Hit::id).toList(), hits);
            for (VectorIndex.Hit h : hits) {
                maxError = Math.max(maxError, Math.abs(h.score() - cosine(query, data.get(h.id()))));
            }
        }
        recall /= queries;
        recallTight /= queries;
        recallExactInt8 /= queries;
        recallVsInt8 /= queries;
        System.out.printf(Locale.ROOT,
                "synthetic 20k x 512, recall@10 vs float brute force: prefilter %.4f (C=1000), %.4f (C=200), "
                        + "int8 exact scan %.4f; prefilter C=1000 vs int8 exact scan %.4f; max score error %.5f%n",
                recall, recallTight, recallExactInt8, recallVsInt8, maxError);
        assertTrue(maxError <= SCORE_TOLERANCE, "score error " + maxError);
        assertTrue(recall >= 0.97, "recall@10 = " + recall);
    }

    // =====================================================================================================
    // real embeddings
    // =====================================================================================================

    private static final Path DATASETS = SharedDatasets.path();

    @Test
    void prefilterRecallOnRealEmbeddings() throws IOException {
        Path highway = DATASETS.resolve(Path.of("highway_db", "questions", "dev.json"));
        Path defogDir = DATASETS.resolve(Path.of("defog-sql-eval", "data"));
        Path defog = defogDir.resolve("questions_gen_postgres.csv");
        Path spider = DATASETS.resolve(Path.of("spider", "dev_pg_verified_subset.json"));
        Assumptions.assumeTrue(Files.exists(highway) && Files.exists(defog) && Files.exists(spider),
                "datasets not available under " + DATASETS.toAbsolutePath().normalize());
        long started = System.nanoTime();

        ObjectMapper json = new ObjectMapper();
        JsonNode highwayRows = json.readTree(highway.toFile());
        JsonNode spiderRows = json.readTree(spider.toFile());
        List<Map<String, String>> defogRows = Csv.read(defog);

        // questions of the three named sources, then more questions of the same benchmark, then SQL texts
        // (the service indexes SQL training items too) to reach ~1,400 distinct real texts
        LinkedHashSet<String> questions = new LinkedHashSet<>();
        highwayRows.forEach(row -> questions.add(row.get("question").asText().strip()));
        defogRows.forEach(row -> questions.add(row.get("question").strip()));
        spiderRows.forEach(row -> questions.add(row.get("question").asText().strip()));
        Set<String> unrelatedToHighway = new HashSet<>(questions);
        highwayRows.forEach(row -> unrelatedToHighway.remove(row.get("question").asText().strip()));
        for (String extra : List.of("idk.csv", "instruct_advanced_postgres.csv", "instruct_basic_postgres.csv")) {
            Path p = defogDir.resolve(extra);
            if (Files.exists(p)) {
                Csv.read(p).forEach(row -> questions.add(row.get("question").strip()));
            }
        }
        LinkedHashSet<String> sqlTexts = new LinkedHashSet<>();
        highwayRows.forEach(row -> sqlTexts.add(row.get("sql").asText().strip()));
        spiderRows.forEach(row -> sqlTexts.add(row.get("query").asText().strip()));
        defogRows.forEach(row -> sqlTexts.add(row.get("query").strip()));
        sqlTexts.removeAll(questions);
        questions.remove("");
        sqlTexts.remove("");

        // 100 held-out questions are the queries (not indexed), everything else is indexed
        List<String> questionList = new ArrayList<>(questions);
        Collections.shuffle(questionList, new Random(14));
        List<String> queryTexts = new ArrayList<>(questionList.subList(0, 100));
        List<String> indexed = new ArrayList<>(questionList.subList(100, questionList.size()));
        String original = "最近7天各服务区总营收排名（从高到低）？";
        String paraphrase = "过去一周每个服务区的营业额从高到低排名";
        queryTexts.remove(original);
        if (!indexed.contains(original)) {
            indexed.add(original);
        }
        indexed.addAll(sqlTexts);

        EmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();
        float[][] indexedVectors = embed(model, indexed);
        float[][] queryVectors = embed(model, queryTexts);
        float[] paraphraseVector = embed(model, List.of(paraphrase))[0];
        double embedSeconds = (System.nanoTime() - started) / 1e9;
        assertEquals(512, indexedVectors[0].length);

        Map<String, float[]> data = new LinkedHashMap<>();
        for (int i = 0; i < indexed.size(); i++) {
            data.put(indexed.get(i), indexedVectors[i]);
        }
        VectorIndex exact = new VectorIndex(512, Integer.MAX_VALUE, 1);
        exact.replaceAll(data);
        VectorIndex prefilter200 = new VectorIndex(512, 0, 200, 20); // C = 200
        prefilter200.replaceAll(data);
        VectorIndex prefilterDefault = new VectorIndex(512, 0, 200); // C = max(200, 50 * 10) = 500
        prefilterDefault.replaceAll(data);
        VectorIndex prefilter50 = new VectorIndex(512, 0, 50, 5); // C = 50, informational
        prefilter50.replaceAll(data);

        double[] indexedNorms = norms(indexedVectors);
        double rExactVsFloat = 0;
        double r200 = 0;
        double r200VsInt8 = 0;
        double rDefault = 0;
        double r50 = 0;
        double maxError = 0;
        for (int q = 0; q < queryTexts.size(); q++) {
            float[] query = queryVectors[q];
            List<String> truth = bruteForce(indexed, indexedVectors, indexedNorms, query, 10);
            List<VectorIndex.Hit> exactHits = exact.search(query, 10, -1.0);
            List<VectorIndex.Hit> hits200 = prefilter200.search(query, 10, -1.0);
            rExactVsFloat += recall(truth, exactHits);
            r200 += recall(truth, hits200);
            r200VsInt8 += recall(exactHits.stream().map(VectorIndex.Hit::id).toList(), hits200);
            rDefault += recall(truth, prefilterDefault.search(query, 10, -1.0));
            r50 += recall(truth, prefilter50.search(query, 10, -1.0));
            for (VectorIndex.Hit h : hits200) {
                maxError = Math.max(maxError, Math.abs(h.score() - cosine(query, data.get(h.id()))));
            }
        }
        int nq = queryTexts.size();
        rExactVsFloat /= nq;
        r200 /= nq;
        r200VsInt8 /= nq;
        rDefault /= nq;
        r50 /= nq;

        // paraphrase: the original must score higher than every question of the other data sets
        List<VectorIndex.Hit> ranked = exact.search(paraphraseVector, indexed.size(), -1.0);
        double originalScore = Double.NaN;
        int originalRank = -1;
        double bestUnrelated = -1;
        String bestUnrelatedText = null;
        for (int i = 0; i < ranked.size(); i++) {
            VectorIndex.Hit h = ranked.get(i);
            if (h.id().equals(original)) {
                originalScore = h.score();
                originalRank = i + 1;
            } else if (unrelatedToHighway.contains(h.id()) && h.score() > bestUnrelated) {
                bestUnrelated = h.score();
                bestUnrelatedText = h.id();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT,
                "real bge-small-zh embeddings: %d indexed (%d questions + %d SQL), %d held-out query questions, "
                        + "embedding %.1f s, total %.1f s%n"
                        + "  recall@10 vs float brute force: int8 exact %.4f, prefilter C=200 %.4f (vs int8 exact %.4f), "
                        + "C=500 %.4f, C=50 %.4f; max score error %.5f%n"
                        + "  paraphrase '%s' -> original '%s' score %.4f rank %d/%d; best unrelated %.4f ('%s')%n",
                indexed.size(), indexed.size() - sqlTexts.size(), sqlTexts.size(), nq, embedSeconds, seconds,
                rExactVsFloat, r200, r200VsInt8, rDefault, r50, maxError,
                paraphrase, original, originalScore, originalRank, ranked.size(), bestUnrelated, bestUnrelatedText);

        assertTrue(maxError <= SCORE_TOLERANCE, "score error " + maxError);
        assertTrue(r200 >= 0.95, "recall@10 (C=200) = " + r200);
        assertTrue(rDefault >= 0.95, "recall@10 (C=500) = " + rDefault);
        assertTrue(originalScore > bestUnrelated,
                "paraphrase scores " + originalScore + " against its original but " + bestUnrelated + " against "
                        + bestUnrelatedText);
        // and the prefilter path finds the original too
        assertEquals(original, prefilter200.search(paraphraseVector, 10, -1.0).stream()
                .filter(h -> h.id().equals(original)).findFirst().map(VectorIndex.Hit::id).orElse(null));
    }

    private static float[][] embed(EmbeddingModel model, List<String> texts) {
        float[][] out = new float[texts.size()][];
        int batch = 64;
        for (int from = 0; from < texts.size(); from += batch) {
            List<TextSegment> segments = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + batch))) {
                segments.add(TextSegment.from(t));
            }
            List<Embedding> embeddings = model.embedAll(segments).content();
            for (int i = 0; i < embeddings.size(); i++) {
                out[from + i] = embeddings.get(i).vector();
            }
        }
        return out;
    }

    // =====================================================================================================
    // helpers
    // =====================================================================================================

    /**
     * Checks hits against an exact float scan: every score within {@link #SCORE_TOLERANCE} of the float
     * cosine, hits sorted, order consistent wherever exact scores differ by more than
     * {@link #ORDER_TOLERANCE}, and no vector missing that beats the last hit by more than that.
     * Returns the largest score error.
     */
    private static double assertAgreesWithBruteForce(Map<String, float[]> data, float[] query,
            List<VectorIndex.Hit> hits, int k) {
        assertEquals(Math.min(k, data.size()), hits.size());
        assertSortedAndBounded(hits);
        double maxError = 0;
        double[] exactScores = new double[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            exactScores[i] = cosine(query, data.get(hits.get(i).id()));
            double error = Math.abs(exactScores[i] - hits.get(i).score());
            maxError = Math.max(maxError, error);
            assertTrue(error <= SCORE_TOLERANCE, "score error " + error);
        }
        for (int i = 0; i < hits.size(); i++) {
            for (int j = i + 1; j < hits.size(); j++) {
                assertTrue(exactScores[i] >= exactScores[j] - ORDER_TOLERANCE,
                        "order: " + hits.get(i) + " before " + hits.get(j));
            }
        }
        Set<String> returned = new HashSet<>();
        hits.forEach(h -> returned.add(h.id()));
        double last = exactScores[exactScores.length - 1];
        for (Map.Entry<String, float[]> e : data.entrySet()) {
            if (!returned.contains(e.getKey())) {
                assertTrue(cosine(query, e.getValue()) <= last + ORDER_TOLERANCE, "missing " + e.getKey());
            }
        }
        return maxError;
    }

    private static void assertSortedAndBounded(List<VectorIndex.Hit> hits) {
        for (int i = 0; i < hits.size(); i++) {
            double s = hits.get(i).score();
            assertTrue(s >= -1.0 && s <= 1.0, "score out of range: " + s);
            if (i > 0) {
                VectorIndex.Hit prev = hits.get(i - 1);
                assertTrue(prev.score() > s || (prev.score() == s && prev.id().compareTo(hits.get(i).id()) < 0),
                        "not sorted: " + prev + " then " + hits.get(i));
            }
        }
    }

    private static double recall(List<String> truth, List<VectorIndex.Hit> hits) {
        Set<String> got = new HashSet<>();
        hits.forEach(h -> got.add(h.id()));
        int found = 0;
        for (String t : truth) {
            if (got.contains(t)) {
                found++;
            }
        }
        return truth.isEmpty() ? 1.0 : (double) found / truth.size();
    }

    private static double[] norms(float[][] vectors) {
        double[] norms = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            norms[i] = Math.sqrt(dot(vectors[i], vectors[i]));
        }
        return norms;
    }

    /** Ids of the k best float cosines, best first ({@code norms} from {@link #norms}). */
    private static List<String> bruteForce(List<String> ids, float[][] vectors, double[] norms, float[] query, int k) {
        int m = Math.min(k, vectors.length);
        int[] best = new int[m];
        double[] bestScore = new double[m];
        Arrays.fill(bestScore, Double.NEGATIVE_INFINITY);
        double queryNorm = Math.sqrt(dot(query, query));
        for (int i = 0; i < vectors.length; i++) {
            double score = dot(query, vectors[i]) / (queryNorm * norms[i]);
            if (score > bestScore[m - 1]) {
                int p = m - 1;
                while (p > 0 && bestScore[p - 1] < score) {
                    bestScore[p] = bestScore[p - 1];
                    best[p] = best[p - 1];
                    p--;
                }
                bestScore[p] = score;
                best[p] = i;
            }
        }
        List<String> out = new ArrayList<>(m);
        for (int i : best) {
            out.add(ids.get(i));
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * Anisotropic synthetic embeddings, ids "v0".."v(n-1)": a shared mean direction (like real embedding
     * models produce) plus one of {@code clusters} cluster centres plus gaussian noise, normalised. Random
     * pairs have cosine ~0.47, members of one cluster ~0.77.
     */
    static Map<String, float[]> anisotropic(int n, int dim, int clusters, Random random) {
        float[] common = unit(gaussian(dim, random));
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = unit(gaussian(dim, random));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            float[] centre = centres[random.nextInt(clusters)];
            float[] noise = unit(gaussian(dim, random));
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = 1.0f * common[j] + 0.8f * centre[j] + 0.7f * noise[j];
            }
            out.put("v" + i, unit(v));
        }
        return out;
    }

    /** {@code v} plus gaussian noise of relative size {@code amount}, normalised. */
    static float[] near(float[] v, double amount, Random random) {
        float[] noise = unit(gaussian(v.length, random));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + amount * noise[i]);
        }
        return unit(out);
    }

    static float[] gaussian(int dim, Random random) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        double inv = 1.0 / Math.sqrt(n);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }
}
