package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tianshu.common.testing.PostgresTestResource;
import dev.tianshu.pipeline.model.TableRef;

class SqlIdentifiersTest {

    @Test
    void quotesOnlyWhatMustBeQuoted() {
        assertEquals("bss_company", SqlIdentifiers.identifier("bss_company"));
        assertEquals("col$1", SqlIdentifiers.identifier("col$1"));
        assertEquals("_x", SqlIdentifiers.identifier("_x"));
        assertEquals("\"Order\"", SqlIdentifiers.identifier("Order"));
        assertEquals("\"order\"", SqlIdentifiers.identifier("order"));
        assertEquals("\"user\"", SqlIdentifiers.identifier("user"));
        assertEquals("\"left\"", SqlIdentifiers.identifier("left"));
        assertEquals("\"two words\"", SqlIdentifiers.identifier("two words"));
        assertEquals("\"1st\"", SqlIdentifiers.identifier("1st"));
        assertEquals("\"a\"\"b\"", SqlIdentifiers.identifier("a\"b"));
        assertEquals("\"客户\"", SqlIdentifiers.identifier("客户"));
        // non-reserved keywords may name columns as they are
        assertEquals("year", SqlIdentifiers.identifier("year"));
        assertEquals("name", SqlIdentifiers.identifier("name"));
        assertEquals("public.\"Order\"", SqlIdentifiers.table(new TableRef("public", "Order")));
        assertEquals("ods.items", SqlIdentifiers.table(new TableRef("ods", "items")));
    }

    @Test
    void knowsEveryKeywordThatCannotNameAColumn() throws Exception {
        List<String> missing = new ArrayList<>();
        try (Connection c = PostgresTestResource.server().connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')")) {
            while (rs.next()) {
                if (!SqlIdentifiers.KEYWORDS.contains(rs.getString(1))) {
                    missing.add(rs.getString(1));
                }
            }
        }
        assertTrue(missing.isEmpty(), "keywords to add: " + missing);
    }
}
