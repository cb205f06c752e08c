package dev.tianshu.nl2sql.engine;

import static dev.tianshu.nl2sql.engine.EnglishQuestionsTest.column;
import static dev.tianshu.nl2sql.engine.EnglishQuestionsTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
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
 * Related rows that must not exist (NOT EXISTS): "stadiums without any concert", "students who do not have a cat
 * pet", "未建立映射的服务区", "过去30天内没有营业数据的公司"; negations that are not about related rows; and values the
 * related rows must all have ("同时存在'驿购'和'驿美'").
 */
class RelatedRowsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** student ← has_pet → pets: a bridge table between two things. */
    static final SemanticModel PETS = new SemanticModel("postgresql", "15", List.of(
            table("student", column("stuid", "int", "NONE"), column("fname", "string", "NONE"),
                    column("age", "int", "SUM"), column("nationality", "string", "NONE", "USA", "France")),
            table("has_pet", column("stuid", "int", "NONE"), column("petid", "int", "NONE")),
            table("pets", column("petid", "int", "NONE"), column("pettype", "string", "NONE", "cat", "dog"))),
            List.of(relation("has_pet", "stuid", "student", "stuid"), relation("has_pet", "petid", "pets", "petid")));

    /** car_makers.country is named like the countries table. */
    static final SemanticModel CARS = new SemanticModel("postgresql", "15", List.of(
            table("countries", column("country_id", "int", "NONE"), column("name", "string", "NONE")),
            table("car_makers", column("id", "int", "NONE"), column("maker", "string", "NONE"),
                    column("country", "int", "NONE"))),
            List.of(relation("car_makers", "country", "countries", "country_id")));

    /** A code table named by its row ID (映射记录ID), and daily data with a business date. */
    static final SemanticModel AREAS = new SemanticModel("mysql", "8", List.of(
            new Table("公司表", "company", List.of(chinese("id", "公司ID", "string"),
                    chinese("company_name", "公司名称", "string"), chinese("delete_ts", "删除时间", "timestamp"))),
            new Table("服务区表", "area", List.of(chinese("id", "服务区ID", "string"),
                    chinese("area_name", "服务区名称", "string"), chinese("company_id", "所属公司ID", "string"),
                    chinese("delete_ts", "删除时间", "timestamp"))),
            new Table("服务区编码映射表", "area_mapper", List.of(chinese("id", "映射记录ID", "string"),
                    chinese("area_id", "服务区ID", "string"), chinese("system", "来源系统", "string"))),
            new Table("营业日数据表", "day_data", List.of(chinese("area_id", "服务区ID", "string"),
                    chinese("oper_date", "营业日期", "date"), chinese("pay_sum", "支付总金额", "double"),
                    chinese("create_ts", "创建时间", "timestamp")))),
            List.of(relation("area", "company_id", "company", "id"), relation("area_mapper", "area_id", "area", "id"),
                    relation("day_data", "area_id", "area", "id")));

    static Relation relation(String fact, String factColumn, String dimension, String dimensionColumn) {
        return new Relation(List.of(new Condition(dimensionColumn, factColumn)), dimension, fact, "INNER JOIN");
    }

    static Column chinese(String name, String display, String type) {
        return new Column(display, name, type, type.equals("double") ? "SUM" : "NONE", List.of());
    }

    private static QuestionParser.Parse parse(SemanticModel model, String question, Reading previous) {
        return QuestionParser.parse(question, model, new Lexicon(model), TODAY, previous);
    }

    private static String sql(SemanticModel model, String question) {
        QuestionParser.Parse p = parse(model, question, null);
        assertTrue(p.reading().isPresent(), () -> question + " was not grounded: " + p.understood());
        return SqlWriter.write(p.reading().get(), model);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the bridge table joins the related thing; its values are conditions on it, not on the students
            "Which students do not have a cat pet? | SELECT t1.\"fname\" AS \"fname\" FROM \"student\" t1 "
                    + "WHERE NOT EXISTS (SELECT 1 FROM \"pets\" s1 INNER JOIN \"has_pet\" s2 ON s2.\"petid\" = s1.\"petid\" "
                    + "WHERE s2.\"stuid\" = t1.\"stuid\" AND s1.\"pettype\" = 'cat')",
            "How many students have no pets? | SELECT COUNT(*) AS \"students count\" FROM \"student\" t1 "
                    + "WHERE NOT EXISTS (SELECT 1 FROM \"pets\" s1 INNER JOIN \"has_pet\" s2 ON s2.\"petid\" = s1.\"petid\" "
                    + "WHERE s2.\"stuid\" = t1.\"stuid\")",
            "the average age of students who never had any pet | SELECT AVG(t1.\"age\") AS \"average age\" "
                    + "FROM \"student\" t1 WHERE NOT EXISTS (SELECT 1 FROM \"pets\" s1 INNER JOIN \"has_pet\" s2 "
                    + "ON s2.\"petid\" = s1.\"petid\" WHERE s2.\"stuid\" = t1.\"stuid\")",
            // the answer's terms are not the related table's columns ("countries" is also a column of car makers)
            "the names of the countries with no car makers | SELECT t1.\"name\" AS \"name\" "
                    + "FROM \"countries\" t1 WHERE NOT EXISTS (SELECT 1 FROM \"car_makers\" s1 "
                    + "WHERE s1.\"country\" = t1.\"country_id\")",
            // a negated value is still a condition on the rows themselves
            "names of students whose nationality is not USA | SELECT t1.\"fname\" AS \"fname\", "
                    + "t1.\"nationality\" AS \"nationality\" FROM \"student\" t1 WHERE t1.\"nationality\" <> 'USA' "
                    + "ORDER BY t1.\"fname\"",
    })
    void english(String question, String expected) {
        assertEquals(expected, sql(question.contains("car makers") ? CARS : PETS, question));
    }

    @Test
    void aCodeTableIsNamedByItsRowId() {
        // 映射记录ID: a row of the mapper is a 映射 (记录); soft-deleted rows count neither inside nor outside
        assertEquals("SELECT t1.`area_name` AS `服务区名称` FROM `area` t1 WHERE t1.`delete_ts` IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM `area_mapper` s1 WHERE s1.`area_id` = t1.`id`)",
                sql(AREAS, "查找未建立映射关系的服务区"));
        assertEquals("SELECT COUNT(*) AS `服务区数量` FROM `area` t1 WHERE t1.`delete_ts` IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM `area_mapper` s1 WHERE s1.`area_id` = t1.`id`)",
                sql(AREAS, "没有映射记录的服务区数量"));
    }

    @Test
    void theTimeIsTheRelatedRowsWhenOnlyTheyHaveABusinessDate() {
        QuestionParser.Parse first = parse(AREAS, "找出过去30天内没有营业日数据的公司", null);
        assertEquals("没有过去30天的营业日数据 按公司名称", first.question());
        String related = "SELECT 1 FROM `day_data` s1 INNER JOIN `area` s2 ON s1.`area_id` = s2.`id` "
                + "WHERE s2.`company_id` = t1.`id` AND s2.`delete_ts` IS NULL AND s1.`oper_date` >= ";
        assertEquals("SELECT t1.`company_name` AS `公司名称` FROM `company` t1 WHERE t1.`delete_ts` IS NULL "
                + "AND NOT EXISTS (" + related + "'2026-10-23' AND s1.`oper_date` < '2026-11-22')",
                SqlWriter.write(first.reading().orElseThrow(), AREAS));
        // "今年呢?" moves the related rows' time
        QuestionParser.Parse next = parse(AREAS, "今年呢?", first.reading().orElseThrow());
        assertEquals("没有今年的营业日数据 按公司名称", next.question());
        assertEquals("SELECT t1.`company_name` AS `公司名称` FROM `company` t1 WHERE t1.`delete_ts` IS NULL "
                + "AND NOT EXISTS (" + related + "'2026-01-01' AND s1.`oper_date` < '2027-01-01')",
                SqlWriter.write(next.reading().orElseThrow(), AREAS));
    }

    @Test
    void aQualifiedDisplayNameIsAlsoItsHead() {
        // 来源系统中的服务区名称 is also 服务区(名称): the mapper's own column, not one a join away
        SemanticModel mapper = new SemanticModel("mysql", "8", List.of(
                new Table("服务区表", "area", List.of(chinese("id", "服务区ID", "string"),
                        chinese("area_name", "服务区名称", "string"))),
                new Table("服务区编码映射表", "area_mapper", List.of(chinese("area_id", "服务区ID", "string"),
                        chinese("service_name", "来源系统中的服务区名称", "string"),
                        new Column("来源系统", "system", "string", "NONE", List.of("驿购", "驿美"))))),
                List.of(relation("area_mapper", "area_id", "area", "id")));
        assertEquals("SELECT DISTINCT t1.`service_name` AS `来源系统中的服务区名称` FROM `area_mapper` t1 "
                + "WHERE t1.`system` IN ('驿购', '驿美') GROUP BY t1.`service_name` HAVING COUNT(DISTINCT t1.`system`) = 2",
                sql(mapper, "查询同时存在'驿购'和'驿美'系统映射的服务区"));
    }

    @Test
    void pluralValuesAreTheSampleValues() {
        // "cats and dogs" are the samples 'cat' and 'dog'
        assertEquals("SELECT DISTINCT t1.\"fname\" AS \"fname\" FROM \"student\" t1 "
                + "INNER JOIN \"has_pet\" t2 ON t2.\"stuid\" = t1.\"stuid\" INNER JOIN \"pets\" t3 ON t2.\"petid\" = t3.\"petid\" "
                + "WHERE t3.\"pettype\" IN ('cat', 'dog') GROUP BY t1.\"fname\" HAVING COUNT(DISTINCT t3.\"pettype\") = 2",
                sql(PETS, "first names of students who have both cats and dogs"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // not about related rows: the thing after the negation is the answer's own table, or no table at all
            "营收未达标的服务区 | 按服务区名称 支付总金额的总和 降序",
            "未开放的服务区数量 | 服务区数量",
    })
    void negationsThatAreNotAbsences(String question, String reading) {
        assertEquals(reading, parse(AREAS, question, null).question());
    }
}
