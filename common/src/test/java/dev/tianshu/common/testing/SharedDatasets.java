package dev.tianshu.common.testing;

import java.nio.file.Path;

/** The public datasets of ../shared/datasets, seen from a module directory (where Maven runs its tests). */
public final class SharedDatasets {

    private static final Path ROOT = Path.of("..", "..", "shared", "datasets");

    private SharedDatasets() {
    }

    /** A path below ../shared/datasets; tests skip themselves with an assumption when it does not exist. */
    public static Path path(String... parts) {
        Path path = ROOT;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }
}
