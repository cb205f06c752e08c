package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * "The ratio of A to B" on the sales fixture model: what each side's rows are, and the ratios that are not read as
 * one because a side was not understood (parser cases hold the SQL of the ratios that are).
 */
class RatiosTest {

    private static final SemanticModel MODEL = ParserCases.model("sales", "postgresql");
    private static final Lexicon LEXICON = new Lexicon(MODEL);

    private static QuestionParser.Parse parse(String question) {
        return QuestionParser.parse(question, MODEL, LEXICON, LocalDate.of(2026, 11, 22), null);
    }

    private static Reading.Measure ratio(String question) {
        QuestionParser.Parse p = parse(question);
        assertTrue(p.reading().isPresent(), () -> question + ": " + p.understood());
        Reading.Measure m = p.reading().get().measures().get(0);
        assertTrue(m.fraction(), () -> question + " read as " + p.question());
        return m;
    }

    @Test
    void eachSideKeepsItsOwnCondition() {
        Reading.Measure m = ratio("ratio of orders with amount above 300 to orders with amount below 300");
        assertEquals(">", m.of().op());
        assertEquals("<", m.over().op());
        assertTrue(m.column().rows(), "rows are counted");
    }

    @Test
    void aConditionOnAnotherColumnIsOnBothSides() {
        QuestionParser.Parse p = parse("ratio of Consumer customers to all customers in Berlin");
        Reading r = p.reading().orElseThrow();
        assertEquals("Consumer", r.measures().get(0).of().values().get(0));
        assertEquals(null, r.measures().get(0).over());
        assertEquals("Berlin", r.filters().get(0).values().get(0), "a condition of the whole question");
    }

    @Test
    void twoMeasuresAreDividedPerGroup() {
        Reading.Measure m = ratio("ratio of amount to quantity per city");
        assertEquals("amount", m.column().column());
        assertEquals("quantity", m.denominator().column());
        assertEquals("SUM", m.aggregation());
    }

    @Test
    void aPercentageOfIsMultipliedBy100() {
        QuestionParser.Parse p = parse("shipping cost as a percentage of amount per city");
        Reading.Measure m = p.reading().orElseThrow().measures().get(0);
        assertFalse(m.fraction());
        assertEquals("amount", m.denominator().column());
    }

    @Test
    void aMeasureStoredBeforeRatiosReadsAsNoRatio() throws Exception {
        // a conversation's reading saved before the ratio's fields existed
        Reading.Measure m = new com.fasterxml.jackson.databind.ObjectMapper().readValue("""
                {"column": {"table": "orders", "column": "amount", "label": "Amount", "dataType": "double"},
                 "aggregation": "SUM", "label": "sum of Amount", "denominator": null, "of": null}""",
                Reading.Measure.class);
        assertEquals(null, m.over());
        assertFalse(m.fraction());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the two sides are different things: one count cannot be divided by the other's
            "ratio of orders to customers",
            // a side names what the model does not have: no ratio of whatever else it names
            "ratio of the altitude of Furniture to Technology",
            "ratio of Consumer customers to all customers in Boston",
            // a side is a subset the parser could not read ("with stops"): not the whole
            "ratio of orders with stops to all orders"})
    void aSideNotUnderstoodIsNoRatio(String question) {
        QuestionParser.Parse p = parse(question);
        assertTrue(p.reading().stream().flatMap(r -> r.measures().stream()).noneMatch(Reading.Measure::fraction),
                () -> question + " read as " + p.question());
    }
}
