package dev.tianshu.pipeline.step.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CatalogFormatsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "character varying(32)|varchar(32)",
            "character varying|varchar",
            "character varying(20)[]|varchar(20)[]",
            "character(20)|char(20)",
            "character|char",
            "timestamp without time zone|timestamp",
            "timestamp(3) without time zone|timestamp(3)",
            "timestamp with time zone|timestamptz",
            "timestamp with time zone[]|timestamptz[]",
            "time without time zone|time",
            "time with time zone|time with time zone",
            "numeric(19,4)|numeric(19,4)",
            "integer|integer",
            "text[]|text[]",
            "mpaa_rating|mpaa_rating",
            "\"bıgınt\"|\"bıgınt\"",
            "double precision|double precision"})
    void shortensTypesLikeTheOriginalsFiles(String formatType, String expected) {
        assertEquals(expected, CatalogFormats.type(formatType));
    }

    @Test
    void defaults() {
        assertNull(CatalogFormats.defaultValue(null));
        assertNull(CatalogFormats.defaultValue(" "));
        assertNull(CatalogFormats.defaultValue("nextval('film_film_id_seq'::regclass)"));
        assertNull(CatalogFormats.defaultValue("NEXTVAL('s'::regclass)"));
        assertEquals("current_timestamp", CatalogFormats.defaultValue("now()"));
        assertEquals("current_timestamp", CatalogFormats.defaultValue("CURRENT_TIMESTAMP"));
        assertEquals("CURRENT_DATE", CatalogFormats.defaultValue("CURRENT_DATE"));
        assertEquals("'G'::mpaa_rating", CatalogFormats.defaultValue("'G'::mpaa_rating"));
        assertEquals("0", CatalogFormats.defaultValue("0"));
    }
}
