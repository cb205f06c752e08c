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
 * Yes/no columns (has_exams, is_active) named by what they say ("courses with exams", "active courses"), and a column
 * named like a question word ("how") that the question's "how many" does not name.
 */
class FlagsTest {

    /** course ← record (with a column named "how"). */
    private static final SemanticModel MODEL = new SemanticModel("mysql", "8", List.of(
            table("course", column("course_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("has_exams", "boolean", "NONE"), column("is_active", "boolean", "NONE"),
                    column("has_project", "boolean", "NONE"),
                    column("num_enrolled", "int", "SUM")),
            table("record", column("student_id", "int", "NONE"), column("course_id", "int", "NONE"),
                    column("how", "string", "NONE", "in-person", "online"))),
            List.of(relation("record", "course_id", "course", "course_id")));

    private static String sql(String question) {
        return QuestionParserTest.groundedSql(MODEL, question);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "How many courses with exams are there? | SELECT COUNT(*) AS `courses count` FROM `course` t1 "
                    + "WHERE t1.`has_exams` = TRUE",
            "list courses without an exam | SELECT t1.`name` AS `name` FROM `course` t1 WHERE t1.`has_exams` = FALSE",
            "total num enrolled of courses that have exams | SELECT SUM(t1.`num_enrolled`) AS `sum of num enrolled` "
                    + "FROM `course` t1 WHERE t1.`has_exams` = TRUE",
            "names of active courses | SELECT t1.`name` AS `name` FROM `course` t1 WHERE t1.`is_active` = TRUE",
            // a second thing they have, after "and"
            "Which courses have a project and an exam? | SELECT t1.`name` AS `name` FROM `course` t1 "
                    + "WHERE t1.`has_project` = TRUE AND t1.`has_exams` = TRUE",
            // "how many" asks; it does not name the column "how"
            "how many records are there | SELECT COUNT(*) AS `records count` FROM `record` t1"})
    void aFlagIsAConditionOnItsColumn(String question, String expected) {
        assertEquals(expected, sql(question));
    }
}
