package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tianshu.nl2sql.model.SemanticModel;
import dev.tianshu.nl2sql.model.SemanticModel.Column;
import dev.tianshu.nl2sql.model.SemanticModel.Condition;
import dev.tianshu.nl2sql.model.SemanticModel.Relation;
import dev.tianshu.nl2sql.model.SemanticModel.Table;

/**
 * English questions in the way they are asked of a database of things (people, players) rather than of a sales
 * cube: values are listed unless the question groups or aggregates, adjectives stand for columns (older than, the
 * tallest), conditions read "whose earnings is higher than", and a table without a name column is counted.
 */
class EnglishQuestionsTest {

    static final SemanticModel PEOPLE = new SemanticModel("postgresql", "15", List.of(
            new Table("people", "people", List.of(
                    new Column("people id", "people_id", "int", "NONE", List.of()),
                    new Column("name", "name", "string", "NONE", List.of()),
                    new Column("nationality", "nationality", "string", "NONE", List.of("Russia", "Bulgaria")),
                    new Column("age", "age", "int", "SUM", List.of()),
                    new Column("height", "height", "double", "SUM", List.of()))),
            new Table("poker player", "poker_player", List.of(
                    new Column("poker player id", "poker_player_id", "int", "NONE", List.of()),
                    new Column("people id", "people_id", "int", "NONE", List.of()),
                    new Column("money rank", "money_rank", "double", "SUM", List.of()),
                    new Column("earnings", "earnings", "double", "SUM", List.of())))),
            List.of(new Relation(List.of(new Condition("people_id", "people_id")), "people", "poker_player",
                    "INNER JOIN")));

    /** A table with a year number instead of a date, and people's names in parts. */
    static final SemanticModel CARS = new SemanticModel("postgresql", "15", List.of(
            new Table("cars data", "cars_data", List.of(
                    new Column("id", "id", "int", "NONE", List.of()),
                    new Column("cylinders", "cylinders", "int", "SUM", List.of()),
                    new Column("weight", "weight", "int", "SUM", List.of()),
                    new Column("year", "year", "int", "NONE", List.of()))),
            new Table("students", "students", List.of(
                    new Column("first name", "first_name", "string", "NONE", List.of()),
                    new Column("last name", "last_name", "string", "NONE", List.of())))),
            List.of());

    /** Two tables with a name column each. */
    static final SemanticModel DOGS = new SemanticModel("postgresql", "15", List.of(
            new Table("dogs", "dogs", List.of(
                    new Column("dog id", "dog_id", "int", "NONE", List.of()),
                    new Column("name", "name", "string", "NONE", List.of()),
                    new Column("breed code", "breed_code", "string", "NONE", List.of()))),
            new Table("breeds", "breeds", List.of(
                    new Column("breed code", "breed_code", "string", "NONE", List.of()),
                    new Column("breed name", "breed_name", "string", "NONE", List.of())))),
            List.of(new Relation(List.of(new Condition("breed_code", "breed_code")), "breeds", "dogs", "INNER JOIN")));

    static final String JOINED = "FROM \"poker_player\" t1 INNER JOIN \"people\" t2 ON t1.\"people_id\" = t2.\"people_id\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a table without a name column is counted
            "How many poker players are there? | SELECT COUNT(*) AS \"poker players count\" FROM \"poker_player\" t1",
            // values, not totals, when nothing groups or aggregates
            "What are the names and ages of people? | SELECT t1.\"name\" AS \"name\", t1.\"age\" AS \"age\" "
                    + "FROM \"people\" t1 ORDER BY t1.\"age\"",
            "What are the nationalities and heights of people? | SELECT t1.\"nationality\" AS \"nationality\", "
                    + "t1.\"height\" AS \"height\" FROM \"people\" t1 ORDER BY t1.\"height\"",
            // adjectives that stand for a column
            "names of people who are older than 30 | SELECT DISTINCT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"age\" > 30",
            "name of the youngest person | SELECT t1.\"name\" AS \"name\", t1.\"age\" AS \"age\" FROM \"people\" t1 "
                    + "ORDER BY t1.\"age\" ASC LIMIT 1",
            "What is the money rank of the tallest poker player? | SELECT t1.\"money_rank\" AS \"money rank\", "
                    + "t2.\"height\" AS \"height\" " + JOINED + " ORDER BY t2.\"height\" DESC LIMIT 1",
            // conditions after is / with a
            "names of poker players whose earnings is higher than 300000 | SELECT DISTINCT t1.\"name\" AS \"name\" "
                    + "FROM \"people\" t1 INNER JOIN \"poker_player\" t2 ON t2.\"people_id\" = t1.\"people_id\" "
                    + "WHERE t2.\"earnings\" > 300000",
            "people with a height lower than 1.8 | SELECT DISTINCT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"height\" < 1.8",
            // groups are still totalled: a grouping word, an aggregation, or a ranking of groups
            "average age of people by nationality | SELECT t1.\"nationality\" AS \"nationality\", "
                    + "AVG(t1.\"age\") AS \"average age\" FROM \"people\" t1 GROUP BY t1.\"nationality\" "
                    + "ORDER BY AVG(t1.\"age\") DESC",
            "top 3 nationality by earnings | SELECT t2.\"nationality\" AS \"nationality\", "
                    + "SUM(t1.\"earnings\") AS \"sum of earnings\" " + JOINED + " GROUP BY t2.\"nationality\" "
                    + "ORDER BY SUM(t1.\"earnings\") DESC LIMIT 3",
    })
    void reads(String question, String sql) {
        assertWrites(PEOPLE, question, sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // "with 8 cylinders" is a value; a year without a date column is a condition on the year number
            "minimum weight of the cars with 8 cylinders in 1974 | SELECT MIN(t1.\"weight\") AS \"min weight\" "
                    + "FROM \"cars_data\" t1 WHERE t1.\"year\" = 1974 AND t1.\"cylinders\" = 8",
            // alphabetical order; "last" is not the last name
            "last names of students in alphabetical order | SELECT DISTINCT t1.\"last_name\" AS \"last name\" "
                    + "FROM \"students\" t1 ORDER BY t1.\"last_name\" ASC",
            "first names of students in reverse alphabetical order | SELECT DISTINCT t1.\"first_name\" "
                    + "AS \"first name\" FROM \"students\" t1 ORDER BY t1.\"first_name\" DESC",
    })
    void readsCars(String question, String sql) {
        assertWrites(CARS, question, sql);
    }

    @Test
    void theNameOfTheThingIsItsNameColumn() {
        assertWrites(DOGS, "What is the name of the breed with the most dogs?", "SELECT t2.\"breed_name\" AS "
                + "\"breed name\", COUNT(*) AS \"dogs count\" FROM \"dogs\" t1 INNER JOIN \"breeds\" t2 "
                + "ON t1.\"breed_code\" = t2.\"breed_code\" GROUP BY t2.\"breed_name\" ORDER BY COUNT(*) DESC LIMIT 1");
        assertWrites(DOGS, "What are the names of the dogs?",
                "SELECT DISTINCT t1.\"name\" AS \"name\" FROM \"dogs\" t1");
    }

    static void assertWrites(SemanticModel model, String question, String sql) {
        QuestionParser.Parse p = QuestionParserTest.parse(model, question, null);
        assertEquals(sql, SqlWriter.write(p.reading().orElseThrow(() -> new AssertionError(question)), model));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "older than 30 | age older than 30",
            "the tallest player | the highest height player",
            "heavier than 10 | heavier than 10",   // the model has no weight
    })
    void spellsOutAdjectivesOfColumnsTheModelHas(String text, String spelled) {
        assertEquals(spelled, EnglishAdjectives.spellOut(text, new Lexicon(PEOPLE)));
    }
}
