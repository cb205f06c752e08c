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

    static final SemanticModel PEOPLE = model(List.of(
            table("people", column("people_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("nationality", "string", "NONE", "Russia", "Bulgaria"), column("age", "int", "SUM"),
                    column("height", "double", "SUM")),
            table("poker_player", column("poker_player_id", "int", "NONE"), column("people_id", "int", "NONE"),
                    column("money_rank", "double", "SUM"), column("earnings", "double", "SUM"))),
            "people_id", "people", "poker_player");

    /** A table with a year number instead of a date, and people's names in parts. */
    static final SemanticModel CARS = model(List.of(
            table("cars_data", column("id", "int", "NONE"), column("cylinders", "int", "SUM"),
                    column("weight", "int", "SUM"), column("year", "int", "NONE")),
            table("students", column("first_name", "string", "NONE"), column("last_name", "string", "NONE"))),
            null, null, null);

    /** Two tables with a name column each. */
    static final SemanticModel DOGS = model(List.of(
            table("dogs", column("dog_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("breed_code", "string", "NONE")),
            table("breeds", column("breed_code", "string", "NONE"), column("breed_name", "string", "NONE"))),
            "breed_code", "breeds", "dogs");

    /** A column shown by its name with spaces ("people id"), with optional samples. */
    static Column column(String name, String type, String aggregation, String... samples) {
        return new Column(name.replace('_', ' '), name, type, aggregation, List.of(samples));
    }

    static Table table(String name, Column... columns) {
        return new Table(name.replace('_', ' '), name, List.of(columns));
    }

    /** A postgresql model; with a key, the fact table joins the dimension on that column (INNER JOIN). */
    static SemanticModel model(List<Table> tables, String key, String dimension, String fact) {
        return new SemanticModel("postgresql", "15", tables, key == null ? List.of()
                : List.of(new Relation(List.of(new Condition(key, key)), dimension, fact, "INNER JOIN")));
    }

    static final String JOINED = "FROM \"poker_player\" t1 INNER JOIN \"people\" t2 ON t1.\"people_id\" = t2.\"people_id\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a table without a name column is counted
            "How many poker players are there? | SELECT COUNT(*) AS \"poker players count\" FROM \"poker_player\" t1",
            // values, not totals, when nothing groups or aggregates
            "What are the names and ages of people? | SELECT t1.\"name\" AS \"name\", t1.\"age\" AS \"age\" "
                    + "FROM \"people\" t1 ORDER BY t1.\"age\" DESC",
            "What are the nationalities and heights of people? | SELECT t1.\"nationality\" AS \"nationality\", "
                    + "t1.\"height\" AS \"height\" FROM \"people\" t1 ORDER BY t1.\"height\" DESC",
            // adjectives that stand for a column
            "names of people who are older than 30 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"age\" > 30",
            "name of the youngest person | SELECT t1.\"name\" AS \"name\", t1.\"age\" AS \"age\" FROM \"people\" t1 "
                    + "ORDER BY t1.\"age\" ASC LIMIT 1",
            "What is the money rank of the tallest poker player? | SELECT t1.\"money_rank\" AS \"money rank\", "
                    + "t2.\"height\" AS \"height\" " + JOINED + " ORDER BY t2.\"height\" DESC LIMIT 1",
            // conditions after is / with a
            "names of poker players whose earnings is higher than 300000 | SELECT DISTINCT t1.\"name\" AS \"name\" "
                    + "FROM \"people\" t1 INNER JOIN \"poker_player\" t2 ON t2.\"people_id\" = t1.\"people_id\" "
                    + "WHERE t2.\"earnings\" > 300000",
            "people with a height lower than 1.8 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"height\" < 1.8",
            // long numbers after a long condition are read whole
            "people whose age is between 160000000 and 900000000 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"age\" BETWEEN 160000000 AND 900000000",
            // a number after "is" is the value; two are either
            "names of people whose age is 32 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 WHERE t1.\"age\" = 32",
            "names of people whose age is either 32 or 33 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"age\" IN (32, 33)",
            "Show the names of people aged 32 or 33 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"age\" IN (32, 33)",
            // "a height of over 1.8": the comparison after "of"
            "names of people with a height of over 1.8 | SELECT t1.\"name\" AS \"name\" FROM \"people\" t1 "
                    + "WHERE t1.\"height\" > 1.8",
            // the comparative said around its column, or after it
            "How many people have a greater height than 1.8? | SELECT COUNT(*) AS \"people count\" FROM \"people\" t1 "
                    + "WHERE t1.\"height\" > 1.8",
            "How many people whose height is taller than 1.8? | SELECT COUNT(*) AS \"people count\" FROM \"people\" t1 "
                    + "WHERE t1.\"height\" > 1.8",
            // a condition on the things named between the groups and it is on their rows, not the groups' totals
            "What are the different nationalities with people above age 30? | SELECT DISTINCT t1.\"nationality\" "
                    + "AS \"nationality\" FROM \"people\" t1 WHERE t1.\"age\" > 30",
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
            "first names of students in reverse alphabetical order | SELECT t1.\"first_name\" "
                    + "AS \"first name\" FROM \"students\" t1 ORDER BY t1.\"first_name\" DESC",
    })
    void readsCars(String question, String sql) {
        assertWrites(CARS, question, sql);
    }

    /** Concerts (with a year number) at stadiums. */
    static final SemanticModel CONCERTS = model(List.of(
            table("stadium", column("stadium_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("capacity", "int", "SUM")),
            table("concert", column("concert_id", "int", "NONE"), column("concert_name", "string", "NONE"),
                    column("stadium_id", "int", "NONE"), column("year", "int", "NONE"))),
            "stadium_id", "stadium", "concert");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // "in the year 2014" is a time, not the column "year" shown
            "names of the concerts in the year 2014 | SELECT DISTINCT t1.\"concert_name\" AS \"concert name\" "
                    + "FROM \"concert\" t1 WHERE t1.\"year\" = 2014",
            // the year number of a related table, when the question's own has none; the concerts the year is of
            // are not listed
            "names of stadiums that had concerts in the year 2014 | SELECT DISTINCT t1.\"name\" AS \"name\" "
                    + "FROM \"stadium\" t1 INNER JOIN \"concert\" t2 ON t2.\"stadium_id\" = t1.\"stadium_id\" "
                    + "WHERE t2.\"year\" = 2014",
    })
    void readsAYearNumber(String question, String sql) {
        assertWrites(CONCERTS, question, sql);
    }

    /** Businesses with a city and a US state code. */
    static final SemanticModel BUSINESSES = model(List.of(
            table("business", column("business_id", "string", "NONE"), column("name", "string", "NONE"),
                    column("city", "string", "NONE", "New York", "San Francisco"),
                    column("state", "string", "NONE", "CA", "NY"))),
            null, null, null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a column of state codes is asked about by the states' names
            "names of businesses in California | SELECT t1.\"name\" AS \"name\" FROM \"business\" t1 "
                    + "WHERE t1.\"state\" = 'CA'",
            "How many businesses are in Texas? | SELECT COUNT(*) AS \"businesses count\" FROM \"business\" t1 "
                    + "WHERE t1.\"state\" = 'TX'",
            // New York is the city, unless it is called the state
            "names of businesses in New York | SELECT t1.\"name\" AS \"name\" FROM \"business\" t1 "
                    + "WHERE t1.\"city\" = 'New York'",
            "names of businesses in the state of New York | SELECT t1.\"name\" AS \"name\" FROM \"business\" t1 "
                    + "WHERE t1.\"state\" = 'NY'",
    })
    void readsUsStatesByName(String question, String sql) {
        assertWrites(BUSINESSES, question, sql);
    }

    /** Papers (no name column) and their keyphrases, through a link table; treatments with a cost. */
    static final SemanticModel KEYPHRASES = new SemanticModel("postgresql", "15", List.of(
            table("paper", column("paperid", "int", "NONE"), column("year", "int", "NONE")),
            table("keyphrase", column("keyphraseid", "int", "NONE"), column("keyphrasename", "string", "NONE")),
            table("paperkeyphrase", column("paperid", "int", "NONE"), column("keyphraseid", "int", "NONE")),
            table("treatment", column("treatment_id", "int", "NONE"), column("cost", "double", "SUM"))),
            List.of(new Relation(List.of(new Condition("paperid", "paperid")), "paper", "paperkeyphrase", "INNER JOIN"),
                    new Relation(List.of(new Condition("keyphraseid", "keyphraseid")), "keyphrase", "paperkeyphrase",
                            "INNER JOIN")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // each of a thing without a name: one group per key
            "How many keyphrases are associated with each paper? | SELECT t3.\"paperid\" AS \"paperid\", "
                    + "COUNT(*) AS \"keyphrases count\" FROM \"keyphrase\" t1 INNER JOIN \"paperkeyphrase\" t2 "
                    + "ON t2.\"keyphraseid\" = t1.\"keyphraseid\" INNER JOIN \"paper\" t3 ON t2.\"paperid\" = t3.\"paperid\" "
                    + "GROUP BY t3.\"paperid\" ORDER BY COUNT(*) DESC",
            // but each row of the table asked about is one already
            "List the cost of each treatment | SELECT t1.\"cost\" AS \"cost\" FROM \"treatment\" t1 ORDER BY t1.\"cost\"",
    })
    void groupsEachThingWithoutANameByItsKey(String question, String sql) {
        assertWrites(KEYPHRASES, question, sql);
    }

    /** Students with two addresses (by id) and an email that may be missing. */
    static final SemanticModel STUDENTS = model(List.of(
            table("students", column("student_id", "int", "NONE"), column("first_name", "string", "NONE"),
                    column("current_address_id", "int", "NONE"), column("permanent_address_id", "int", "NONE"),
                    column("email", "string", "NONE"))),
            null, null, null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a column compared with another of its row; permanent_address_id is the permanent address
            "Whose permanent address is different from his or her current address? List the first name. "
                    + "| SELECT t1.\"first_name\" AS \"first name\" FROM \"students\" t1 "
                    + "WHERE t1.\"permanent_address_id\" <> t1.\"current_address_id\"",
            // a value present or missing
            "first names of students whose email is null | SELECT t1.\"first_name\" AS \"first name\" "
                    + "FROM \"students\" t1 WHERE t1.\"email\" IS NULL",
            "How many students whose email is not null? | SELECT COUNT(*) AS \"students count\" FROM \"students\" t1 "
                    + "WHERE t1.\"email\" IS NOT NULL",
    })
    void readsConditionsWithoutANumber(String question, String sql) {
        assertWrites(STUDENTS, question, sql);
    }

    /** Students in programs; a program's name is also a student's declared major. */
    static final SemanticModel PROGRAMS = model(List.of(
            table("program", column("program_id", "int", "NONE"), column("name", "string", "NONE", "Mathematics",
                    "Physics")),
            table("student", column("student_id", "int", "NONE"), column("program_id", "int", "NONE"),
                    column("declare_major", "string", "NONE", "Mathematics", "Physics"),
                    column("total_gpa", "double", "AVERAGE"))),
            "program_id", "program", "student");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // total_gpa is the GPA; "the program Mathematics" is that program, not a group of programs
            "What is the average GPA of students in the program mathematics? | SELECT AVG(t1.\"total_gpa\") AS "
                    + "\"average total gpa\" FROM \"student\" t1 INNER JOIN \"program\" t2 "
                    + "ON t1.\"program_id\" = t2.\"program_id\" WHERE t2.\"name\" = 'Mathematics'",
            "average gpa of students whose declare major is Physics | SELECT AVG(t1.\"total_gpa\") AS "
                    + "\"average total gpa\" FROM \"student\" t1 WHERE t1.\"declare_major\" = 'Physics'",
    })
    void readsAValueAfterTheThingItNames(String question, String sql) {
        assertWrites(PROGRAMS, question, sql);
    }

    /** Reviews posted in a month named by its name, of a year number. */
    static final SemanticModel REVIEWS = model(List.of(
            table("review", column("rid", "int", "NONE"), column("month", "string", "NONE", "April", "January", "March"),
                    column("year", "int", "NONE"))),
            null, null, null);

    static final String CALENDAR = "CASE LOWER(t1.\"month\") WHEN 'january' THEN 1 WHEN 'february' THEN 2 "
            + "WHEN 'march' THEN 3 WHEN 'april' THEN 4 WHEN 'may' THEN 5 WHEN 'june' THEN 6 WHEN 'july' THEN 7 "
            + "WHEN 'august' THEN 8 WHEN 'september' THEN 9 WHEN 'october' THEN 10 WHEN 'november' THEN 11 "
            + "WHEN 'december' THEN 12 END";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // month names sort in the calendar's order, not the alphabet's
            "How many reviews were posted in each month of the year 2021, ordered by the month? | SELECT t1.\"month\" "
                    + "AS \"month\", COUNT(*) AS \"reviews count\" FROM \"review\" t1 WHERE t1.\"year\" = 2021 "
                    + "GROUP BY t1.\"month\" ORDER BY " + CALENDAR + " ASC",
            // a DISTINCT list sorts by what it shows
            "list the months of reviews in alphabetical order | SELECT DISTINCT t1.\"month\" AS \"month\" "
                    + "FROM \"review\" t1 ORDER BY t1.\"month\" ASC",
    })
    void sortsMonthNamesByTheCalendar(String question, String sql) {
        assertWrites(REVIEWS, question, sql);
    }

    /** Orchestras with two year numbers, their conductors with one, and singers with a birth year. */
    static final SemanticModel ORCHESTRAS = model(List.of(
            table("conductor", column("conductor_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("year_of_work", "int", "NONE")),
            table("orchestra", column("orchestra_id", "int", "NONE"), column("orchestra", "string", "NONE"),
                    column("conductor_id", "int", "NONE"), column("year_of_founded", "int", "NONE")),
            table("singer", column("singer_id", "int", "NONE"), column("name", "string", "NONE"),
                    column("birth_year", "int", "NONE"), column("net_worth_millions", "double", "SUM"))),
            "conductor_id", "conductor", "orchestra");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // open on one side: after a year is from the next one, before a year up to it
            "How many concerts are there in 2014 or after? | SELECT COUNT(*) AS \"concerts count\" FROM \"concert\" t1 "
                    + "WHERE t1.\"year\" >= 2014",
            "How many concerts took place after 2013? | SELECT COUNT(*) AS \"concerts count\" FROM \"concert\" t1 "
                    + "WHERE t1.\"year\" >= 2014",
            "names of concerts before 2010 | SELECT DISTINCT t1.\"concert_name\" AS \"concert name\" FROM \"concert\" t1 "
                    + "WHERE t1.\"year\" < 2010",
            // two years in a row
            "How many concerts are there in year 2014 or 2015? | SELECT COUNT(*) AS \"concerts count\" "
                    + "FROM \"concert\" t1 WHERE t1.\"year\" BETWEEN 2014 AND 2015",
    })
    void readsYearsOpenOnOneSide(String question, String sql) {
        assertWrites(CONCERTS, question, sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a number column shown per value, ranked first by a count
            "What is the year that had the most concerts? | SELECT t1.\"year\" AS \"year\", COUNT(*) AS "
                    + "\"concerts count\" FROM \"concert\" t1 GROUP BY t1.\"year\" ORDER BY COUNT(*) DESC LIMIT 1",
            // two conditions on one column
            "How many concerts have a year above 2010 and below 2015? | SELECT COUNT(*) AS \"concerts count\" "
                    + "FROM \"concert\" t1 WHERE t1.\"year\" > 2010 AND t1.\"year\" < 2015",
            // "not higher than" is at most
            "How many concerts have a year not higher than 2015? | SELECT COUNT(*) AS \"concerts count\" "
                    + "FROM \"concert\" t1 WHERE t1.\"year\" <= 2015",
    })
    void readsRankingsAndNegatedComparisons(String question, String sql) {
        assertWrites(CONCERTS, question, sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the year number whose other words the question says: founded, not the conductor's year of work
            "names of conductors of orchestras founded after 2008 | SELECT DISTINCT t1.\"name\" AS \"name\" "
                    + "FROM \"conductor\" t1 INNER JOIN \"orchestra\" t2 ON t2.\"conductor_id\" = t1.\"conductor_id\" "
                    + "WHERE t2.\"year_of_founded\" >= 2009",
            "names of conductors with a year of work before 2005 | SELECT t1.\"name\" AS \"name\" "
                    + "FROM \"conductor\" t1 WHERE t1.\"year_of_work\" < 2005",
            // the year said as the condition is not shown
            "Show the name of singers whose birth year is either 1948 or 1949 | SELECT t1.\"name\" AS \"name\" "
                    + "FROM \"singer\" t1 WHERE t1.\"birth_year\" BETWEEN 1948 AND 1949",
    })
    void readsTheYearNumberTheQuestionNames(String question, String sql) {
        assertWrites(ORCHESTRAS, question, sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a column named with its unit is also named without it
            "List the name of singers in ascending order of net worth | SELECT t1.\"name\" AS \"name\" "
                    + "FROM \"singer\" t1 ORDER BY t1.\"net_worth_millions\" ASC",
            // "years of work" is year_of_work in the plural
            "List the name of the conductor with the most years of work | SELECT t1.\"name\" AS \"name\", "
                    + "t1.\"year_of_work\" AS \"year of work\" FROM \"conductor\" t1 "
                    + "ORDER BY t1.\"year_of_work\" DESC LIMIT 1",
    })
    void readsColumnsByOtherFormsOfTheirNames(String question, String sql) {
        assertWrites(ORCHESTRAS, question, sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // cars_data holds cars
            "In 1980, how many cars were made? | SELECT COUNT(*) AS \"cars count\" FROM \"cars_data\" t1 "
                    + "WHERE t1.\"year\" = 1980",
            "average weight of the cars before 1980 | SELECT AVG(t1.\"weight\") AS \"average weight\" "
                    + "FROM \"cars_data\" t1 WHERE t1.\"year\" < 1980",
    })
    void readsATableOfDataAsItsThings(String question, String sql) {
        assertWrites(CARS, question, sql);
    }

    /** Columns described in words ("altitude of the mountain in meters"), as defog's models have them. */
    static final SemanticModel GEOGRAPHY = new SemanticModel("postgresql", "15", List.of(
            new Table("lake", "lake", List.of(new Column("name of the lake", "lake_name", "string", "NONE", List.of()),
                    new Column("area of the lake in square kilometers", "area", "double", "SUM", List.of()))),
            new Table("river", "river", List.of(new Column("name of the river", "river_name", "string", "NONE", List.of()),
                    new Column("length of the river in meters", "length", "double", "SUM", List.of()))),
            new Table("mountain", "mountain", List.of(
                    new Column("name of the mountain", "mountain_name", "string", "NONE", List.of()),
                    new Column("altitude of the mountain in meters", "mountain_altitude", "double", "SUM", List.of()),
                    new Column("order of the survey", "survey_order", "int", "NONE", List.of())))), List.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // "from largest to smallest": every lake, in that order, not the largest one
            "Which lakes have the largest areas, ordered from largest to smallest? | SELECT t1.\"lake_name\" AS "
                    + "\"name of the lake\", t1.\"area\" AS \"area of the lake in square kilometers\" FROM \"lake\" t1 "
                    + "ORDER BY t1.\"area\" DESC",
            "Which lake has the largest area? | SELECT t1.\"lake_name\" AS \"name of the lake\", t1.\"area\" AS "
                    + "\"area of the lake in square kilometers\" FROM \"lake\" t1 ORDER BY t1.\"area\" DESC LIMIT 1",
            // the longest rivers are rivers, ordered by their length
            "What are the longest rivers, ordered from longest to shortest? | SELECT t1.\"river_name\" AS "
                    + "\"name of the river\", t1.\"length\" AS \"length of the river in meters\" FROM \"river\" t1 "
                    + "ORDER BY t1.\"length\" DESC",
            // "names" listed with the thing's own columns is its name
            "What are the names and altitudes of the mountains? | SELECT t1.\"mountain_name\" AS \"name of the "
                    + "mountain\", t1.\"mountain_altitude\" AS \"altitude of the mountain in meters\" FROM \"mountain\" t1 "
                    + "ORDER BY t1.\"mountain_altitude\" DESC",
            // a described column by its head word; "lowest" in "from highest to lowest" ranks nothing
            "names of mountains ordered from highest to lowest altitude | SELECT t1.\"mountain_name\" AS "
                    + "\"name of the mountain\", t1.\"mountain_altitude\" AS \"altitude of the mountain in meters\" "
                    + "FROM \"mountain\" t1 ORDER BY t1.\"mountain_altitude\" DESC",
            // a general head ("order of the survey") is not the order of the sort
            "mountain names sorted in ascending order | SELECT t1.\"mountain_name\" AS \"name of the mountain\" "
                    + "FROM \"mountain\" t1 ORDER BY t1.\"mountain_name\" ASC",
    })
    void readsDescribedColumnsAndWholeOrders(String question, String sql) {
        assertWrites(GEOGRAPHY, question, sql);
    }

    static final SemanticModel PAPERS = new SemanticModel("postgresql", "15", List.of(
            new Table("restaurant", "restaurant", List.of(
                    new Column("name of the restaurant", "name", "string", "NONE", List.of()),
                    new Column("type of food served at the restaurant", "food_type", "string", "NONE", List.of()),
                    new Column("rating of the restaurant", "rating", "double", "SUM", List.of()))),
            new Table("paper", "paper", List.of(new Column("title of the paper", "title", "string", "NONE", List.of()),
                    new Column("year the paper was published", "year", "int", "NONE", List.of()),
                    new Column("number of papers that this paper cites", "numciting", "int", "SUM", List.of()),
                    new Column("number of citations received by the paper", "citation_num", "int", "SUM",
                            List.of())))), List.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the words of a described column up to its thing
            "average rating of restaurants serving each type of food | SELECT t1.\"food_type\" AS \"type of food "
                    + "served at the restaurant\", AVG(t1.\"rating\") AS \"average rating of the restaurant\" "
                    + "FROM \"restaurant\" t1 GROUP BY t1.\"food_type\" ORDER BY AVG(t1.\"rating\") DESC",
            // "order the results by" names the sort
            "average rating for each type of food, order the results by the type of food | SELECT t1.\"food_type\" "
                    + "AS \"type of food served at the restaurant\", AVG(t1.\"rating\") AS \"average rating of the "
                    + "restaurant\" FROM \"restaurant\" t1 GROUP BY t1.\"food_type\" ORDER BY t1.\"food_type\" ASC",
            // a number of citations is the column; the number of papers counts the paper table's rows
            "total number of citations received per year | SELECT t1.\"year\" AS \"year the paper was published\", "
                    + "SUM(t1.\"citation_num\") AS \"sum of number of citations received by the paper\" FROM "
                    + "\"paper\" t1 GROUP BY t1.\"year\" ORDER BY t1.\"year\" ASC",
            "total number of papers published per year | SELECT t1.\"year\" AS \"year the paper was published\", "
                    + "COUNT(*) AS \"papers count\" FROM \"paper\" t1 GROUP BY t1.\"year\" ORDER BY t1.\"year\" ASC",
    })
    void readsColumnsByTheWordsBeforeTheirThing(String question, String sql) {
        assertWrites(PAPERS, question, sql);
    }

    /** Two-word column names, asked about the other way round ("type of pets" for "pet type"). */
    static final SemanticModel PETS = new SemanticModel("postgresql", "15", List.of(
            new Table("pets", "pets", List.of(new Column("pet id", "petid", "int", "NONE", List.of()),
                    new Column("pet type", "pettype", "string", "NONE", List.of()),
                    new Column("pet age", "pet_age", "int", "SUM", List.of()))),
            new Table("flights", "flights", List.of(new Column("flight number", "flightno", "int", "NONE", List.of()),
                    new Column("airline", "airline", "string", "NONE", List.of()))),
            new Table("visit", "visit", List.of(new Column("num of ticket", "num_of_ticket", "int", "SUM", List.of())))),
            List.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Find the number of distinct type of pets. | SELECT COUNT(DISTINCT t1.\"pettype\") AS "
                    + "\"distinct count of pet type\" FROM \"pets\" t1",
            "average age of pets for each type of pet | SELECT t1.\"pettype\" AS \"pet type\", AVG(t1.\"pet_age\") "
                    + "AS \"average pet age\" FROM \"pets\" t1 GROUP BY t1.\"pettype\" ORDER BY AVG(t1.\"pet_age\") DESC",
            // the number of flights counts them: it is not the flight number
            "Return the number of flights. | SELECT COUNT(*) AS \"flights count\" FROM \"flights\" t1",
            // a count kept in a column (num_of_ticket) by how it is asked
            "the average and maximum number of tickets in all visits | SELECT AVG(t1.\"num_of_ticket\") AS "
                    + "\"average num of ticket\", MAX(t1.\"num_of_ticket\") AS \"max num of ticket\" FROM \"visit\" t1",
    })
    void readsTwoWordNamesTheOtherWayRound(String question, String sql) {
        assertWrites(PETS, question, sql);
    }

    @Test
    void aColumnAfterWhoseIsTheThingsBeforeIt() {
        Column jid = new Column("jid", "jid", "int", "NONE", List.of());
        Column cid = new Column("cid", "cid", "int", "NONE", List.of());
        SemanticModel publications = new SemanticModel("postgresql", "15", List.of(
                new Table("publication", "publication", List.of(new Column("title", "title", "string", "NONE",
                        List.of()), jid, cid)),
                new Table("journal", "journal", List.of(jid, new Column("name", "name", "string", "NONE", List.of()))),
                new Table("conference", "conference", List.of(cid,
                        new Column("name", "name", "string", "NONE", List.of())))),
                List.of(new Relation(List.of(new Condition("jid", "jid")), "journal", "publication", "INNER JOIN"),
                        new Relation(List.of(new Condition("cid", "cid")), "conference", "publication", "INNER JOIN")));
        for (String thing : List.of("journal", "conference")) {
            String key = thing.equals("journal") ? "jid" : "cid";
            assertWrites(publications, "titles of publications in " + thing + "s whose names start with 'J'",
                    "SELECT DISTINCT t1.\"title\" AS \"title\", t2.\"name\" AS \"name\" FROM \"publication\" t1 "
                            + "INNER JOIN \"" + thing + "\" t2 ON t1.\"" + key + "\" = t2.\"" + key + "\" "
                            + "WHERE t2.\"name\" ILIKE 'j%'");
        }
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
