package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tianshu.pipeline.step.ddl.NamingDictionary.Translation;

class NamingDictionaryTest {

    static final NamingDictionary DICTIONARY = NamingDictionary.load();

    @Test
    void theResourceLoadsWithAtLeast150Words() {
        assertTrue(DICTIONARY.wordCount() >= 150, "words: " + DICTIONARY.wordCount());
        assertTrue(DICTIONARY.tablePrefixes().contains("bss"));
        assertEquals("{table}ID | 主键ID", DICTIONARY.exactTemplate("id"));
        assertFalse(DICTIONARY.patterns().isEmpty());
        for (String word : List.of("customer", "order", "product", "payment", "film", "actor", "store", "staff",
                "rental", "inventory", "invoice", "track", "album", "artist", "genre", "employee", "category",
                "language", "city", "country", "address")) {
            assertTrue(DICTIONARY.known(word) != null, word);
        }
    }

    @Test
    void splitsIdentifiersIntoWords() {
        assertEquals(List.of("bss", "service", "area"), NamingDictionary.tokens("bss_service_area"));
        assertEquals(List.of("album", "id"), NamingDictionary.tokens("AlbumId"));
        assertEquals(List.of("http", "server", "url"), NamingDictionary.tokens("HTTPServerURL"));
        assertEquals(List.of("address", "2"), NamingDictionary.tokens("address2"));
        assertEquals(List.of("payment", "p", "2022", "01"), NamingDictionary.tokens("payment_p2022_01"));
        assertEquals(List.of("a", "b"), NamingDictionary.tokens("  a--b "));
        assertEquals(List.of(), NamingDictionary.tokens("__"));
    }

    @Test
    void splitsCompoundsIntoKnownWords() {
        assertEquals(List.of("customer", "id"), DICTIONARY.words("customerid"));
        assertEquals(List.of("invoice", "line", "id"), DICTIONARY.words("InvoiceLineId"));
        assertEquals(List.of("sbcustname"), DICTIONARY.words("sbcustname"));
        assertNull(DICTIONARY.segment("qwertyid"));
    }

    @Test
    void translatesLongestPhraseFirstAndKeepsUnknownWords() {
        assertEquals(new Translation("服务区", true, true), DICTIONARY.translate(List.of("service", "area")));
        assertEquals(new Translation("服务区映射", true, true),
                DICTIONARY.translate(List.of("service", "area", "mapper")));
        assertEquals(new Translation("foo_bar客户", false, true),
                DICTIONARY.translate(List.of("foo", "bar", "customer")));
        assertEquals(new Translation("xyz", false, false), DICTIONARY.translate(List.of("xyz")));
        assertEquals("类别", DICTIONARY.known("categories"));
        assertEquals("地址", DICTIONARY.known("addresses"));
        assertEquals("特性", DICTIONARY.known("features"));
    }

    @Test
    void malformedDictionariesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NamingDictionary.parse("[words]\na = 甲\na = 乙\n"));
        assertThrows(IllegalArgumentException.class, () -> NamingDictionary.parse("[columns]\nid 主键\n"));
        assertThrows(IllegalArgumentException.class, () -> NamingDictionary.parse("x = y\n"));
    }
}
