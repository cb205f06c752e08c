package dev.tianshu.pipeline.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tianshu.pipeline.step.TaskFiles;
import io.smallrye.mutiny.Uni;

/** A task directory in memory, for tests of a single step. */
public class InMemoryTaskFiles implements TaskFiles {

    private final Map<String, String> files = new LinkedHashMap<>();

    public synchronized InMemoryTaskFiles with(String name, String content) {
        files.remove(name);
        files.put(name, content);
        return this;
    }

    public synchronized Map<String, String> all() {
        return new LinkedHashMap<>(files);
    }

    public synchronized String get(String name) {
        return files.get(name);
    }

    @Override
    public synchronized Uni<Optional<String>> readText(String name) {
        return Uni.createFrom().item(Optional.ofNullable(files.get(name)));
    }

    @Override
    public synchronized Uni<Void> writeText(String name, String content) {
        with(name, content);
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<String>> names() {
        List<String> names = new ArrayList<>(files.keySet().stream().filter(n -> !n.contains("/")).toList());
        java.util.Collections.reverse(names);
        return Uni.createFrom().item(names);
    }

    @Override
    public synchronized Uni<Void> rename(String from, String to) {
        String content = files.remove(from);
        if (content != null) {
            with(to, content);
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Void> delete(String name) {
        files.remove(name);
        return Uni.createFrom().voidItem();
    }
}
