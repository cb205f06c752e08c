package dev.tianshu.pipeline.step.qa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tianshu.common.testing.SharedDatasets;
import dev.tianshu.pipeline.model.TableDoc;

/**
 * The seven {@code _detail.md} files of the original's example run on highway_db, with the join keys the original
 * did not write added as "为外键，关联 …" lines (as step 1 now writes them).
 */
public final class ExampleRunDocs {

    public static final Path RUN = SharedDatasets.path("highway_db", "example_pipeline_run");
    public static final List<String> TABLES = List.of("bss_car_day_count", "bss_business_day_data", "bss_company",
            "bss_section_route", "bss_section_route_area_link", "bss_service_area", "bss_service_area_mapper");
    public static final Map<String, List<String>> FOREIGN_KEYS = Map.of(
            "bss_car_day_count", List.of("- service_area_id 为外键，关联 public.bss_service_area.id"),
            "bss_service_area", List.of("- company_id 为外键，关联 public.bss_company.id"),
            "bss_section_route_area_link", List.of("- section_route_id 为外键，关联 public.bss_section_route.id",
                    "- service_area_id 为外键，关联 public.bss_service_area.id"),
            "bss_service_area_mapper", List.of("- service_area_id 为外键，关联 public.bss_service_area.id"));

    private ExampleRunDocs() {
    }

    public static boolean available() {
        return Files.isDirectory(RUN);
    }

    /** File name → content, with the foreign-key lines added, in table-list order. */
    public static Map<String, String> markdownWithForeignKeys() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String table : TABLES) {
            String md = read(table + "_detail.md");
            List<String> fks = FOREIGN_KEYS.getOrDefault(table, List.of());
            if (!fks.isEmpty()) {
                md = md.stripTrailing() + "\n" + String.join("\n", fks) + "\n";
            }
            files.put(table + "_detail.md", md);
        }
        return files;
    }

    public static SchemaDocs schemaDocs() {
        DetailMarkdownParser parser = new DetailMarkdownParser();
        List<TableDoc> docs = new ArrayList<>();
        StringBuilder markdown = new StringBuilder();
        markdownWithForeignKeys().forEach((name, md) -> {
            docs.add(parser.parse(md, name));
            markdown.append(md).append('\n');
        });
        return new SchemaDocs("highway_db", docs, markdown.toString());
    }

    public static String read(String fileName) {
        try {
            return Files.readString(RUN.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
