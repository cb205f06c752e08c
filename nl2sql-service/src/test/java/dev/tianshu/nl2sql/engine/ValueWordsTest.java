package dev.tianshu.nl2sql.engine;

import static dev.tianshu.nl2sql.engine.EnglishQuestionsTest.column;
import static dev.tianshu.nl2sql.engine.EnglishQuestionsTest.table;
import static dev.tianshu.nl2sql.engine.RelatedRowsTest.relation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Sample values that look like words of the question: a review whose text is 'Average', a last name 'Doe' (whose
 * "plural" would be "does"). The question's words keep their meaning; the values are still found where the question
 * names them.
 */
class ValueWordsTest {

    /** review → business; student, pet on their own. */
    private static final SemanticModel MODEL = new SemanticModel("mysql", "8", List.of(
            table("business", column("business_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("city", "string", "NONE", "New York", "San Francisco")),
            table("review", column("business_id", "int", "NONE"), column("rating", "double", "SUM"),
                    column("text", "string", "NONE", "Average", "Great pizza!")),
            table("student", column("student_id", "int", "NONE"), column("lastname", "string", "NONE", "Doe", "Smith"),
                    column("department", "string", "NONE")),
            table("pet", column("pet_id", "int", "NONE"), column("pet_type", "string", "NONE", "cat", "dog"),
                    column("weight", "double", "SUM"))),
            List.of(relation("review", "business_id", "business", "business_id")));

    private static String sql(String question) {
        return QuestionParserTest.groundedSql(MODEL, question);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // "average" aggregates; it is not the review text 'Average'
            "the average rating for each business in new york | SELECT t2.`name` AS `name`, AVG(t1.`rating`) AS "
                    + "`average rating` FROM `review` t1 INNER JOIN `business` t2 ON t1.`business_id` = "
                    + "t2.`business_id` WHERE t2.`city` = 'New York' GROUP BY t2.`name` ORDER BY AVG(t1.`rating`) DESC",
            // quoted, it is the value
            "how many reviews have the text \"Average\" | SELECT COUNT(*) AS `reviews count` FROM `review` t1 "
                    + "WHERE t1.`text` = 'Average'",
            // "does" is not the plural of the last name 'Doe'; 'Doe' itself still is
            "How many students does each department have? | SELECT t1.`department` AS `department`, COUNT(*) AS "
                    + "`students count` FROM `student` t1 GROUP BY t1.`department` ORDER BY COUNT(*) DESC",
            "how many students named Doe | SELECT COUNT(*) AS `students count` FROM `student` t1 "
                    + "WHERE t1.`lastname` = 'Doe'",
            // a lower-case category value is asked about in the plural
            "total weight of cats | SELECT SUM(t1.`weight`) AS `sum of weight` FROM `pet` t1 "
                    + "WHERE t1.`pet_type` = 'cat'"})
    void questionWordsAreNotValues(String question, String expected) {
        assertEquals(expected, sql(question));
    }
}
