package dev.tianshu.pipeline.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.tianshu.pipeline.repository.TaskFileRepository;
import dev.tianshu.pipeline.repository.TaskFileRepository.FileInfo;
import dev.tianshu.pipeline.step.TaskFiles;
import io.smallrye.mutiny.Uni;

/** A task's directory as the steps see it, stored in PostgreSQL. */
public class DbTaskFiles implements TaskFiles {

    private final String taskId;
    private final TaskFileRepository repository;

    public DbTaskFiles(String taskId, TaskFileRepository repository) {
        this.taskId = taskId;
        this.repository = repository;
    }

    @Override
    public Uni<Optional<String>> readText(String name) {
        return repository.read(taskId, name)
                .map(f -> f.map(c -> new String(c.content(), StandardCharsets.UTF_8)));
    }

    @Override
    public Uni<Void> writeText(String name, String content) {
        return repository.write(taskId, name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Uni<List<String>> names() {
        return repository.list(taskId).map(files -> files.stream().map(FileInfo::name).toList());
    }

    @Override
    public Uni<Void> rename(String from, String to) {
        return repository.rename(taskId, from, to).replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(String name) {
        return repository.delete(taskId, name);
    }
}
