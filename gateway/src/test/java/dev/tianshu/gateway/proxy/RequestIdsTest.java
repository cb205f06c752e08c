package dev.tianshu.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void plausibleIdsAreKept() {
        for (String id : new String[] { "abc", "0f8fad5b-d9cb-469f-a165-70867728950e", "req:1.2_3+4/5=6@x",
                "x".repeat(128) }) {
            assertEquals(id, RequestIds.accept(id));
        }
    }

    @Test
    void othersAreReplacedByAVersion4Uuid() {
        for (String id : new String[] { null, "", "x".repeat(129), "with space", "tab\t", "quote\"", "新" }) {
            String replaced = RequestIds.accept(id);
            assertNotEquals(id, replaced);
            UUID uuid = UUID.fromString(replaced);
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
            assertEquals(uuid.toString(), replaced);
        }
    }

    @Test
    void generatedIdsDiffer() {
        assertNotEquals(RequestIds.generate(), RequestIds.generate());
        assertTrue(RequestIds.isValid(RequestIds.generate()));
        assertFalse(RequestIds.isValid("a b"));
    }
}
