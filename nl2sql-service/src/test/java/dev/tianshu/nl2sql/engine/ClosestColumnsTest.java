package dev.tianshu.nl2sql.engine;

import static dev.tianshu.nl2sql.engine.EnglishQuestionsTest.column;
import static dev.tianshu.nl2sql.engine.EnglishQuestionsTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tianshu.nl2sql.model.SemanticModel;

/** The columns offered when a question is not grounded: the nearest first, else a sample of each table's. */
class ClosestColumnsTest {

    private static final SemanticModel MODEL = new SemanticModel("mysql", "8", List.of(
            new SemanticModel.Table("门店", "store", List.of(
                    new SemanticModel.Column("门店名称", "store_name", "string", "NONE", List.of()),
                    new SemanticModel.Column("开业日期", "opened_on", "date", "NONE", List.of()))),
            new SemanticModel.Table("营收", "revenue", List.of(
                    new SemanticModel.Column("营收金额", "amount", "double", "SUM", List.of()),
                    new SemanticModel.Column("门店编号", "store_no", "string", "NONE", List.of())))),
            List.of());

    @Test
    void chineseByTheirCommonTwoCharacterPieces() {
        // 门店 and 营收 are in the question; 门店营收 in none of the names
        assertEquals(List.of("门店名称", "营收金额", "门店编号"), ClosestColumns.of(MODEL, "各门店的营收情况怎么样", 5));
        assertEquals(List.of("营收金额"), ClosestColumns.of(MODEL, "营收怎么样", 5));
    }

    @Test
    void englishByTheirWordsFirstFourLetters() {
        SemanticModel geo = new SemanticModel("postgresql", "15", List.of(
                table("river", column("river_name", "string", "NONE"), column("length", "double", "SUM"),
                        column("traverse", "string", "NONE"))), List.of());
        assertEquals(List.of("length"), ClosestColumns.of(geo, "the lengthiness of waters", 5));
        // "name" says nothing of which column: the river's is offered for "rivers"
        assertEquals(List.of("river name"), ClosestColumns.of(geo, "names of rivers", 5));
    }

    @Test
    void noneNearGivesASampleOfEachTable() {
        assertEquals(List.of(), ClosestColumns.of(MODEL, "天气如何", 5));
        assertEquals(List.of("门店名称", "营收金额", "开业日期"), ClosestColumns.sample(MODEL, 3));
    }
}
