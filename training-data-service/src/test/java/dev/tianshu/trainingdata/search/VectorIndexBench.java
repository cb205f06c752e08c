package dev.tianshu.trainingdata.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Standalone microbenchmark of {@link VectorIndex} (not a test; the build never runs it). Run after
 * {@code ./mvnw -q -pl training-data-service test-compile} from the module directory with
 * <pre>
 * java -Xmx768m -cp target/test-classes:target/classes:$(../mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *      dev.tianshu.trainingdata.search.VectorIndexBench [vectors] [queries]
 * </pre>
 * It fills 100,000 synthetic anisotropic 512-d vectors, reports bulk and single-upsert rates, the memory
 * footprint, search latency p50/p99 for k = 10 over 2,000 queries after warm-up (also with a concurrent
 * writer), the exact-scan latency for comparison, and recall@10 against a float brute-force scan.
 */
public final class VectorIndexBench {

    private static final int DIM = 512;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "VectorIndexBench: %d x %d, %d queries, %d cpus, max heap %d MB, %s, load avg %.2f%n",
                n, DIM, queries, rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.vm.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Random random = new Random(42);
        Map<String, float[]> data = VectorIndexTest.anisotropic(n, DIM, Math.max(1, n / 100), random);
        List<String> ids = new ArrayList<>(data.keySet());
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = data.get(ids.get(i));
        }
        float[][] warmQueries = new float[queries][];
        float[][] timedQueries = new float[queries][];
        for (int q = 0; q < queries; q++) {
            warmQueries[q] = VectorIndexTest.near(vectors[random.nextInt(n)], 0.3, random);
            timedQueries[q] = VectorIndexTest.near(vectors[random.nextInt(n)], 0.3, random);
        }

        // ---- bulk load -------------------------------------------------------------------------------
        long baseline = usedHeap();
        VectorIndex index = new VectorIndex(DIM);
        long t0 = System.nanoTime();
        index.replaceAll(data);
        double bulkSeconds = (System.nanoTime() - t0) / 1e9;
        long afterLoad = usedHeap();
        System.out.printf(Locale.ROOT, "bulk load (replaceAll): %.2f s, %.0f vectors/s%n", bulkSeconds, n / bulkSeconds);
        long measured = afterLoad - baseline;
        long estimated = index.estimatedMemoryBytes();
        System.out.printf(Locale.ROOT,
                "memory: measured heap delta %.1f MB (%.0f B/vector), estimate %.1f MB (%.0f B/vector); "
                        + "vector data alone %d B/vector (%d int8 + 4 scale + %d binary)%n",
                measured / 1e6, (double) measured / n, estimated / 1e6, (double) estimated / n,
                DIM + 4 + 8 * ((DIM + 63) / 64), DIM, 8 * ((DIM + 63) / 64));

        // ---- search latency --------------------------------------------------------------------------
        for (int round = 0; round < 3; round++) {
            for (float[] q : warmQueries) {
                index.search(q, 10, -1.0);
            }
        }
        long[] latencies = new long[queries];
        for (int q = 0; q < queries; q++) {
            long s = System.nanoTime();
            index.search(timedQueries[q], 10, -1.0);
            latencies[q] = System.nanoTime() - s;
        }
        report("search k=10 (prefilter, C=1000), 1 thread", latencies);

        // ---- search latency with a concurrent writer -------------------------------------------------
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> {
            Random r = new Random(7);
            while (!stop.get()) {
                int i = r.nextInt(n);
                if (r.nextBoolean()) {
                    index.upsert("extra-" + i, vectors[i]);
                } else {
                    index.remove("extra-" + i);
                }
                writes.incrementAndGet();
                LockSupport.parkNanos(500_000); // ~1-2k writes/s, a busy but realistic ingest rate
            }
        }, "bench-writer");
        writer.start();
        for (int q = 0; q < queries; q++) {
            long s = System.nanoTime();
            index.search(timedQueries[q], 10, -1.0);
            latencies[q] = System.nanoTime() - s;
        }
        stop.set(true);
        join(writer);
        report("search k=10 with a concurrent upsert/remove writer (" + writes.get() + " writes)", latencies);
        for (int i = 0; i < n; i++) {
            index.remove("extra-" + i);
        }

        // ---- exact scan for comparison -----------------------------------------------------------------
        VectorIndex exact = new VectorIndex(DIM, Integer.MAX_VALUE, 1);
        exact.replaceAll(data);
        int exactQueries = Math.min(queries, 100);
        for (int q = 0; q < 20; q++) {
            exact.search(warmQueries[q], 10, -1.0);
        }
        long[] exactLatencies = new long[exactQueries];
        for (int q = 0; q < exactQueries; q++) {
            long s = System.nanoTime();
            exact.search(timedQueries[q], 10, -1.0);
            exactLatencies[q] = System.nanoTime() - s;
        }
        report("exact int8 scan k=10 (for comparison)", exactLatencies);

        // ---- recall ------------------------------------------------------------------------------------
        int recallQueries = Math.min(queries, 100);
        double recall = 0;
        double recallVsInt8 = 0;
        for (int q = 0; q < recallQueries; q++) {
            float[] query = timedQueries[q];
            Set<String> truth = bruteForceTop(ids, vectors, query, 10);
            List<VectorIndex.Hit> hits = index.search(query, 10, -1.0);
            recall += overlap(truth, hits) / 10.0;
            Set<String> int8 = new HashSet<>();
            exact.search(query, 10, -1.0).forEach(h -> int8.add(h.id()));
            recallVsInt8 += overlap(int8, hits) / 10.0;
        }
        System.out.printf(Locale.ROOT, "recall@10 over %d queries: %.4f vs float brute force, %.4f vs exact int8 scan%n",
                recallQueries, recall / recallQueries, recallVsInt8 / recallQueries);
        exact.clear();

        // ---- single upserts (with amortised recentering) ---------------------------------------------
        index.clear();
        data = null;
        VectorIndex incremental = new VectorIndex(DIM);
        long[] upsertNanos = new long[n];
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            incremental.upsert(ids.get(i), vectors[i]);
            upsertNanos[i] = System.nanoTime() - s;
        }
        double upsertSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "single upserts: %.2f s, %.0f vectors/s (includes recentering on doubling)%n",
                upsertSeconds, n / upsertSeconds);
        report("  single upsert latency (max = recentering / array growth, done without blocking searches)", upsertNanos);

        // ---- batched upserts -----------------------------------------------------------------------------
        VectorIndex batched = new VectorIndex(DIM);
        incremental.clear();
        t0 = System.nanoTime();
        for (int from = 0; from < n; from += 10_000) {
            Map<String, float[]> batch = new LinkedHashMap<>();
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                batch.put(ids.get(i), vectors[i]);
            }
            batched.upsertAll(batch);
        }
        double batchSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "upsertAll in batches of 10,000: %.2f s, %.0f vectors/s%n",
                batchSeconds, n / batchSeconds);
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(Locale.ROOT, "%s: p50 %.3f ms, p99 %.3f ms, mean %.3f ms, max %.3f ms%n", label,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                mean / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static Set<String> bruteForceTop(List<String> ids, float[][] vectors, float[] query, int k) {
        int[] best = new int[k];
        double[] bestScore = new double[k];
        Arrays.fill(bestScore, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            float[] v = vectors[i];
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += (double) query[j] * v[j];
            }
            if (dot > bestScore[k - 1]) {
                int p = k - 1;
                while (p > 0 && bestScore[p - 1] < dot) {
                    bestScore[p] = bestScore[p - 1];
                    best[p] = best[p - 1];
                    p--;
                }
                bestScore[p] = dot;
                best[p] = i;
            }
        }
        Set<String> out = new HashSet<>();
        for (int i : best) {
            out.add(ids.get(i));
        }
        return out;
    }

    private static int overlap(Set<String> truth, List<VectorIndex.Hit> hits) {
        int found = 0;
        for (VectorIndex.Hit h : hits) {
            if (truth.contains(h.id())) {
                found++;
            }
        }
        return found;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private VectorIndexBench() {
    }
}
